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

const sizeFormats = [0, 1].map((digits) => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }));
/** "512 Б", "117 КБ", "2,4 МБ": binary units, as the file managers operators use count them. */
export function formatBytes(bytes: number): string {
  const units = ['Б', 'КБ', 'МБ', 'ГБ'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal only where it matters (1,5 МБ), never for bytes or for two-digit values.
  const format = sizeFormats[unit > 0 && value < 10 ? 1 : 0]!;
  return `${format.format(value)} ${units[unit]}`;
}
