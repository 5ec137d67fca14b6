import i18next from 'i18next';

/** The analytics namespace, registered by the components themselves so any window can mount them. */
const ru = {
  title: 'Аналитика',
  period: { today: 'Сегодня', '7d': '7 дней', '30d': '30 дней', '90d': '90 дней' },
  groupBy: { none: 'Всего', source: 'По источникам', sector: 'По отраслям', agency: 'По ответственным', municipality: 'По муниципалитетам' },
  granularity: { hour: 'По часам', day: 'По дням', week: 'По неделям' },
  kpi: {
    received: 'Поступило',
    firstResponseMean: 'Первый ответ, среднее',
    firstResponseMedian: 'Первый ответ, медиана',
    firstResponseP90: 'Первый ответ, 90 %',
    onTime: 'Отвечено в срок',
    overdueNow: 'Просрочено сейчас',
    resolved: 'Решено',
    reopened: 'Переоткрыто',
    repeat: 'Повторные',
    rating: 'Оценка жителей',
    previous: 'было {{value}}',
    key: 'Разрез',
    total: 'Итого',
    unassigned: 'не назначено',
  },
  series: { title: 'Динамика обращений', other: 'Прочие', total: 'Все обращения' },
  tension: { title: 'Точки напряжённости', none: 'Точек напряжённости нет: всё в пределах нормы' },
  replay: {
    title: 'Карта нагрузки по часам за неделю',
    play: '▶ Воспроизвести',
    pause: '⏸ Пауза',
    slider: 'Час',
    legend: 'Обращений за час:',
    total_one: '{{formatted}} обращение за час',
    total_few: '{{formatted}} обращения за час',
    total_many: '{{formatted}} обращений за час',
    total_other: '{{formatted}} обращения за час',
  },
  loading: 'Загрузка…',
};

const en: typeof ru = {
  title: 'Analytics',
  period: { today: 'Today', '7d': '7 days', '30d': '30 days', '90d': '90 days' },
  groupBy: { none: 'Total', source: 'By source', sector: 'By sector', agency: 'By responsible body', municipality: 'By municipality' },
  granularity: { hour: 'Hourly', day: 'Daily', week: 'Weekly' },
  kpi: {
    received: 'Received',
    firstResponseMean: 'First response, mean',
    firstResponseMedian: 'First response, median',
    firstResponseP90: 'First response, p90',
    onTime: 'Answered on time',
    overdueNow: 'Overdue now',
    resolved: 'Resolved',
    reopened: 'Reopened',
    repeat: 'Repeat complaints',
    rating: "Residents' rating",
    previous: 'was {{value}}',
    key: 'Group',
    total: 'Total',
    unassigned: 'unassigned',
  },
  series: { title: 'Appeals over time', other: 'Other', total: 'All appeals' },
  tension: { title: 'Tension points', none: 'No tension points: everything within normal' },
  replay: {
    title: 'Load by hour over the last week',
    play: '▶ Play',
    pause: '⏸ Pause',
    slider: 'Hour',
    legend: 'Appeals per hour:',
    total_one: '{{formatted}} appeal in the hour',
    total_few: '{{formatted}} appeals in the hour',
    total_many: '{{formatted}} appeals in the hour',
    total_other: '{{formatted}} appeals in the hour',
  },
  loading: 'Loading…',
};

if (!i18next.hasResourceBundle('ru', 'analytics')) {
  i18next.addResourceBundle('ru', 'analytics', ru);
  i18next.addResourceBundle('en', 'analytics', en);
}

export const ANALYTICS_NS = 'analytics';
