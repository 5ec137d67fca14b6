import { describe, expect, it } from 'vitest';
import { anonymizeText, coarsen } from '../../../electron/core/privacy/anonymize';

describe('anonymization of appeal texts', () => {
  it.each([
    ['Меня зовут Петров Сергей Иванович, помогите', 'Петров'],
    ['Звоните 8 (920) 555-11-22 после шести', '555'],
    ['Пишите на ivan.petrov@mail.ru', 'mail.ru'],
    ['Адрес: ул. Ленина, д. 5, кв. 12, подъезд 2', 'Ленина'],
    ['пр-т Гагарина 14 — не работает фонарь', 'Гагарина'],
    ['Управдом Иванов И.И. не отвечает', 'Иванов'],
    ['С уважением, Ольга', 'Ольга'],
    ['Анна Смирнова с соседями просит убрать снег', 'Смирнова'],
  ])('removes personal data from «%s»', (text, leaked) => {
    expect(anonymizeText(text)).not.toContain(leaked);
  });

  it('removes what the cache knows about the author, however it is typed', () => {
    const out = anonymizeText('Я Ян Ли, мой номер 89101234567', { name: 'Ян Ли', phone: '+7 910 123-45-67' });
    expect(out).not.toMatch(/Ян Ли|1234567/);
  });

  it('leaves ordinary complaints, places and numbers alone', () => {
    for (const text of [
      'Третий день нет отопления в квартире, дома холодно, дети болеют',
      'Лифт не работает вторую неделю, в доме 16 этажей',
      'Мусор не вывозят уже пять дней, контейнеры переполнены',
      'Бор, дорогу на Кстово не чистят с 12.11',
    ]) {
      expect(anonymizeText(text)).toBe(text);
    }
  });

  it('coarsens coordinates to about a kilometre', () => {
    expect(coarsen(43.987654)).toBe(43.99);
    expect(coarsen(null)).toBeNull();
  });
});
