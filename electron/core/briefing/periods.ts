import type { BriefingData, BriefingQuery } from '../../../shared/api/briefing';
import { DAY_MS, HOUR_MS, startOfDay } from '../../../shared/time';

export type BriefingPeriod = BriefingData['period'];

/** Longest custom range: a year and a bit, so that one briefing stays one aggregation. */
export const MAX_CUSTOM_DAYS = 400;

/**
 * The period of a briefing and the one it is compared with: the same length immediately before.
 * "Today" is compared with yesterday up to the same time; a week and a month end now and start at
 * the region's midnight, so that day buckets are calendar days of the ЦУР.
 */
export function resolvePeriod(query: Pick<BriefingQuery, 'period' | 'from' | 'to'>, now: number, timeZone: string): BriefingPeriod {
  const today = startOfDay(now, timeZone);
  const standard = (days: number, bucket: 'hour' | 'day'): BriefingPeriod => {
    const from = today - (days - 1) * DAY_MS;
    const shift = days * DAY_MS;
    return { kind: query.period, from, to: now, prevFrom: from - shift, prevTo: now - shift, bucket };
  };
  switch (query.period) {
    case 'today':
      return standard(1, 'hour');
    case 'week':
      return standard(7, 'day');
    case 'month':
      return standard(30, 'day');
    case 'custom': {
      const from = query.from!;
      const to = Math.min(query.to!, from + MAX_CUSTOM_DAYS * DAY_MS);
      const length = to - from;
      return { kind: 'custom', from, to, prevFrom: from - length, prevTo: from, bucket: length <= 2 * DAY_MS ? 'hour' : 'day' };
    }
  }
}

export const bucketMs = (bucket: 'hour' | 'day'): number => (bucket === 'hour' ? HOUR_MS : DAY_MS);

export function bucketCount(period: BriefingPeriod): number {
  return Math.max(1, Math.ceil((period.to - period.from) / bucketMs(period.bucket)));
}
