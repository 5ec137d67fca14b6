import type { BriefingData } from '@shared/api/briefing';

const LOCALE = 'ru-RU';

// Building an Intl.DateTimeFormat costs far more than formatting with it, and a briefing labels
// every bucket of three charts: one formatter per kind and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(kind: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone })));
  return format;
}

/** "19–25 ноября 2026 г." or "25 ноября 2026 г., до 14:17": the period as it is printed on every page. */
export function periodLabel(period: BriefingData['period'], timeZone: string): string {
  const day = dateFormat('day', timeZone, { day: 'numeric', month: 'long', year: 'numeric' });
  if (period.kind === 'today') {
    const time = dateFormat('time', timeZone, { hour: '2-digit', minute: '2-digit' }).format(period.to);
    return `${day.format(period.from)}, до ${time}`;
  }
  return day.formatRange(period.from, Math.max(period.from, period.to - 1));
}

export function dataTime(at: number, timeZone: string): string {
  return dateFormat('dataTime', timeZone, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** Relative change, or null when there is nothing to compare with. */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}

const pct = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
export const formatPct = (share: number): string => pct.format(Math.abs(share));

export function bucketLabel(t: number, bucket: 'hour' | 'day', timeZone: string): string {
  return bucket === 'hour'
    ? dateFormat('hour', timeZone, { hour: '2-digit' }).format(t)
    : dateFormat('date', timeZone, { day: 'numeric', month: 'numeric' }).format(t);
}
