import { describe, expect, it } from 'vitest';
import { pendingAfter, withPending } from '../../../renderer/src/wall/live/liveSummary.pure';
import type { WallSummary } from '../../../shared/api/wall';
import { startOfDay } from '../../../shared/time';

const TZ = 'Europe/Moscow';
const at = Date.UTC(2026, 10, 25, 12, 0, 0);
const dayStart = startOfDay(at, TZ);

const summary = (over: Partial<WallSummary> = {}): WallSummary => ({
  at,
  today: 10,
  yesterdaySameTime: 8,
  inWork: 5,
  overdue: 1,
  avgFirstResponseMin: null,
  bySource: [],
  bySector: [
    { sectorId: 'roads', today: 4, overdue: 0, yesterdaySameTime: 3 },
    { sectorId: 'housing', today: 6, overdue: 1, yesterdaySameTime: 5 },
  ],
  byMunicipality: [{ municipalityId: 'M1', count: 7 }],
  windowHours: 24,
  todayByMunicipality: [{ municipalityId: 'M1', count: 10 }],
  tension: [],
  ticker: [],
  lastAppealId: 100,
  ...over,
});
const pushed = (id: number, over: Partial<{ receivedAt: number; sectorId: string | null; municipalityId: string | null }> = {}) => ({
  id,
  receivedAt: at + 1000,
  sectorId: 'roads',
  municipalityId: 'M2',
  ...over,
});

describe('live counters', () => {
  it('count pushed appeals above the summary at once: today, their sector and municipality', () => {
    const live = withPending(summary(), [pushed(101), pushed(102, { sectorId: 'housing', municipalityId: 'M1' })], TZ);
    expect(live.today).toBe(12);
    expect(live.bySector.map((s) => s.today)).toEqual([5, 7]);
    expect(live.todayByMunicipality).toEqual([
      { municipalityId: 'M1', count: 11 },
      { municipalityId: 'M2', count: 1 },
    ]);
    // The map's window and everything not about today stay on the summary.
    expect(live.byMunicipality).toEqual([{ municipalityId: 'M1', count: 7 }]);
    expect(live.inWork).toBe(5);
  });

  it('never count twice what the summary already includes, nor another day', () => {
    const s = summary();
    expect(withPending(s, [pushed(99), pushed(100)], TZ)).toBe(s);
    expect(withPending(s, [pushed(101, { receivedAt: dayStart - 1 })], TZ)).toBe(s);
    expect(withPending(summary({ lastAppealId: undefined }), [pushed(101)], TZ).today).toBe(10);
  });

  it('let go of pushed appeals once a summary includes them', () => {
    const pending = [pushed(101), pushed(102), pushed(103)];
    expect(pendingAfter(pending, 100)).toBe(pending);
    expect(pendingAfter(pending, 102).map((a) => a.id)).toEqual([103]);
    expect(pendingAfter(pending, 103)).toEqual([]);
  });
});
