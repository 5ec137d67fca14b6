/** Numbers, dates and times always through Intl with ru-RU; the region's zone for clocks. */
const LOCALE = 'ru-RU';

const numberFormat = new Intl.NumberFormat(LOCALE);
export const formatNumber = (n: number): string => numberFormat.format(n);

const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
export const formatPercent = (share: number): string => percentFormat.format(share);

export function formatTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}

export function formatDateTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}

export function formatDate(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(ms);
}

/** "2 ч 15 мин", "45 мин": durations in the units a dispatcher says aloud. */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h >= 48) return `${sign}${Math.floor(h / 24)} дн ${h % 24} ч`;
  return h > 0 ? `${sign}${h} ч ${m} мин` : `${sign}${m} мин`;
}
