import { describe, expect, it } from 'vitest';
import { initialMapping, toMapping } from '../../../renderer/src/operator/sources/guessMapping';

describe('the import form’s first mapping', () => {
  it('guesses from Russian header names, each column used once', () => {
    const { draft, fromSaved } = initialMapping(
      [
        '№ п/п',
        'Дата поступления',
        'Текст обращения',
        'Категория',
        'Статус',
        'Адрес',
        'Район',
        'ФИО',
        'Телефон заявителя',
      ],
      null,
    );
    expect(fromSaved).toBe(false);
    expect(draft).toEqual({
      externalId: '№ п/п',
      receivedAt: 'Дата поступления',
      text: 'Текст обращения',
      category: 'Категория',
      status: 'Статус',
      address: 'Адрес',
      municipality: 'Район',
      name: 'ФИО',
      phone: 'Телефон заявителя',
    });
    expect(toMapping(draft, null)).toMatchObject({ externalId: '№ п/п', categoryMap: {} });
    expect(toMapping({ ...draft, text: undefined }, null)).toBeNull();
  });

  it('prefers the saved mapping while the file has its columns, keeping its category map', () => {
    const saved = {
      externalId: 'ID',
      receivedAt: 'Когда',
      text: 'Суть',
      status: 'Нет такого',
      categoryMap: { Дороги: 'potholes' },
    };
    const { draft, fromSaved } = initialMapping(['ID', 'Когда', 'Суть', 'Статус'], saved);
    expect(fromSaved).toBe(true);
    expect(draft).toEqual({ externalId: 'ID', receivedAt: 'Когда', text: 'Суть' });
    expect(toMapping(draft, saved)).toEqual({
      externalId: 'ID',
      receivedAt: 'Когда',
      text: 'Суть',
      categoryMap: { Дороги: 'potholes' },
    });
    expect(initialMapping(['Номер', 'Дата', 'Текст'], saved)).toMatchObject({
      fromSaved: false,
      draft: { externalId: 'Номер', receivedAt: 'Дата', text: 'Текст' },
    });
  });
});
