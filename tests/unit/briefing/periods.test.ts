import { describe, expect, it } from 'vitest';
import { bucketCount, resolvePeriod } from '../../../electron/core/briefing/periods';
import { DAY_MS, HOUR_MS } from '../../../shared/time';

const TZ = 'Europe/Moscow';
// 25 Nov 2026, 14:30 in Moscow (UTC+3).
const NOW = Date.UTC(2026, 10, 25, 11, 30);
const MIDNIGHT = Date.UTC(2026, 10, 24, 21, 0);

describe('briefing periods', () => {
  it('"today" runs from the region\'s midnight and compares with yesterday up to the same time', () => {
    const p = resolvePeriod({ period: 'today' }, NOW, TZ);
    expect(p).toMatchObject({ from: MIDNIGHT, to: NOW, prevFrom: MIDNIGHT - DAY_MS, prevTo: NOW - DAY_MS, bucket: 'hour' });
    expect(bucketCount(p)).toBe(15);
  });

  it('a week and a month are whole local days back from today, against the same length before', () => {
    const week = resolvePeriod({ period: 'week' }, NOW, TZ);
    expect(week).toMatchObject({ from: MIDNIGHT - 6 * DAY_MS, to: NOW, prevFrom: MIDNIGHT - 13 * DAY_MS, prevTo: NOW - 7 * DAY_MS, bucket: 'day' });
    expect(bucketCount(week)).toBe(7);
    const month = resolvePeriod({ period: 'month' }, NOW, TZ);
    expect(month.from).toBe(MIDNIGHT - 29 * DAY_MS);
    expect(bucketCount(month)).toBe(30);
  });

  it('a custom range is compared with the range just before it, by hours when short', () => {
    const from = MIDNIGHT - 2 * DAY_MS;
    expect(resolvePeriod({ period: 'custom', from, to: from + DAY_MS }, NOW, TZ)).toMatchObject({ prevFrom: from - DAY_MS, prevTo: from, bucket: 'hour' });
    expect(resolvePeriod({ period: 'custom', from, to: from + 10 * DAY_MS }, NOW, TZ).bucket).toBe('day');
    expect(bucketCount(resolvePeriod({ period: 'custom', from, to: from + 3 * HOUR_MS }, NOW, TZ))).toBe(3);
  });
});
