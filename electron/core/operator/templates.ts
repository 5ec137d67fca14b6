/** Answer templates: a few common ones and one per sector; the operator edits before sending. */
import type { AnswerTemplate } from '../../../shared/api/operator';
import type { Db } from '../db/open';

const COMMON: AnswerTemplate[] = [
  {
    id: 'accepted',
    title: 'Принято в работу',
    text: 'Здравствуйте! Ваше обращение принято в работу и направлено в ответственное ведомство. О результатах сообщим дополнительно.',
  },
  {
    id: 'clarify',
    title: 'Уточнить адрес',
    text: 'Здравствуйте! Уточните, пожалуйста, точный адрес (улица, дом, подъезд), чтобы специалисты могли оперативно выехать на место.',
  },
];

const BY_SECTOR: Record<string, string> = {
  housing: 'Здравствуйте! Информация передана в управляющую организацию и Государственную жилищную инспекцию. Работы будут выполнены в установленный срок, ход устранения на контроле ЦУР.',
  waste: 'Здравствуйте! Региональный оператор по обращению с ТКО уведомлён, вывоз отходов будет организован в ближайшее время.',
  roads: 'Здравствуйте! Обращение направлено в дорожную службу. Работы включены в план, сроки выполнения на контроле ЦУР.',
  transport: 'Здравствуйте! Перевозчику направлено требование об устранении нарушений расписания, ситуация на контроле.',
  health: 'Здравствуйте! Обращение передано в Министерство здравоохранения, с вами свяжутся специалисты медицинской организации.',
  energy: 'Здравствуйте! Аварийная бригада направлена на место, ориентировочное время восстановления будет сообщено дополнительно.',
  safety: 'Здравствуйте! Информация передана в экстренные службы, принимаются меры.',
};

export function answerTemplates(db: Db, categoryId: string | null): AnswerTemplate[] {
  const sector = categoryId
    ? (db.prepare('SELECT sector_id AS s FROM categories WHERE id = ?').get(categoryId) as { s: string } | undefined)?.s
    : undefined;
  const own = sector && BY_SECTOR[sector] ? [{ id: `sector-${sector}`, title: 'Ответ по отрасли', text: BY_SECTOR[sector]! }] : [];
  return [...own, ...COMMON];
}
