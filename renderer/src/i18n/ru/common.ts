export default {
  loading: 'Загрузка…',
  error: 'Ошибка: {{message}}',
  offline: 'Нет связи с ядром — данные на {{time}}',
  appeals_one: '{{count}} обращение',
  appeals_few: '{{count}} обращения',
  appeals_many: '{{count}} обращений',
  appeals_other: '{{count}} обращения',
  status: {
    new: 'Новое',
    assigned: 'Назначено',
    in_progress: 'В работе',
    answered: 'Дан ответ',
    closed: 'Закрыто',
    rejected: 'Отклонено',
    reopened: 'Возобновлено',
  },
  sourceState: { unknown: 'нет данных', ok: 'работает', degraded: 'с перебоями', down: 'недоступен' },
};
