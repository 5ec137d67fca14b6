import type { BriefingData } from '@shared/api/briefing';

const LOCALE = 'ru-RU';

/** "19–25 ноября 2026 г." or "25 ноября 2026 г., до 14:17": the period as it is printed on every page. */
export function periodLabel(period: BriefingData['period'], timeZone: string): string {
  const day = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  if (period.kind === 'today') {
    const time = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', timeZone }).format(period.to);
    return `${day.format(period.from)}, до ${time}`;
  }
  return day.formatRange(period.from, Math.max(period.from, period.to - 1));
}

export function dataTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(at);
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
    ? new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', timeZone }).format(t)
    : new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'numeric', timeZone }).format(t);
}
