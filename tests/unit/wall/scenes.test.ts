import { describe, expect, it } from 'vitest';
import type { WallSummary } from '../../../shared/api/wall';
import { changeVsYesterday } from '../../../renderer/src/wall/counters/trend.pure';
import { dataStamp, staleMinutes } from '../../../renderer/src/wall/health/staleness.pure';
import { advance, resolveScene, resolveShow } from '../../../renderer/src/wall/scenes/playlist.pure';
import { viewOf } from '../../../renderer/src/wall/scenes/view.pure';
import type { BBox } from '../../../renderer/src/wall/map/geometry.pure';

const summary = (over: Partial<WallSummary> = {}): WallSummary => ({
  at: 0,
  today: 0,
  yesterdaySameTime: 0,
  inWork: 0,
  overdue: 0,
  avgFirstResponseMin: null,
  bySource: [],
  bySector: [
    { sectorId: 'roads', today: 30, overdue: 0, yesterdaySameTime: 0 },
    { sectorId: 'housing', today: 50, overdue: 0, yesterdaySameTime: 0 },
    { sectorId: 'health', today: 10, overdue: 0, yesterdaySameTime: 0 },
    { sectorId: 'waste', today: 5, overdue: 0, yesterdaySameTime: 0 },
  ],
  byMunicipality: [],
  windowHours: 24,
  todayByMunicipality: [
    { municipalityId: 'CAP', count: 100 },
    { municipalityId: 'B', count: 20 },
    { municipalityId: 'C', count: 40 },
  ],
  tension: [{ municipalityId: 'T', sectorId: 'roads', today: 30, normal: 1 }],
  ticker: [],
  ...over,
});

const ctx = (cycle: number, s: WallSummary | null = summary()) => ({ capitalId: 'CAP', sectorIds: ['health', 'housing', 'roads', 'waste'], summary: s, cycle });

describe('the playlist', () => {
  it('advances and counts full rounds', () => {
    expect(advance(0, 0, 3)).toEqual({ index: 1, cycle: 0 });
    expect(advance(2, 0, 3)).toEqual({ index: 0, cycle: 1 });
    expect(advance(0, 4, 1)).toEqual({ index: 0, cycle: 5 });
  });

  it('rotates a sector scene through the three busiest sectors today', () => {
    const picks = [0, 1, 2, 3].map((cycle) => resolveScene({ kind: 'sector', seconds: 10 }, ctx(cycle)));
    expect(picks.map((p) => (p.kind === 'sector' ? p.sectorId : null))).toEqual(['housing', 'roads', 'health', 'housing']);
    expect(resolveScene({ kind: 'sector', seconds: 10, sectorId: 'waste' }, ctx(1))).toEqual({ kind: 'sector', sectorId: 'waste' });
  });

  it('shows tension points first in a municipality scene, never the capital (it has its own)', () => {
    const picks = [0, 1, 2].map((cycle) => resolveScene({ kind: 'municipality', seconds: 10 }, ctx(cycle)));
    expect(picks.map((p) => (p.kind === 'municipality' ? p.municipalityId : null))).toEqual(['T', 'C', 'B']);
    expect(resolveScene({ kind: 'capital', seconds: 10 }, ctx(0))).toEqual({ kind: 'capital', municipalityId: 'CAP' });
  });

  it('turns an operator push into a scene', () => {
    expect(resolveShow({ kind: 'appeal', id: '42', seconds: 30 })).toEqual({ kind: 'show-appeal', appealId: 42 });
    expect(resolveShow({ kind: 'municipality', id: 'B', seconds: 30 })).toEqual({ kind: 'show-municipality', municipalityId: 'B' });
  });

  it('frames each scene: the region, a municipality, or around a pushed appeal', () => {
    const region: BBox = [40, 50, 50, 60];
    const boxes = new Map<string, BBox>([['B', [44, 55, 45, 56]]]);
    expect(viewOf({ kind: 'overview' }, region, boxes, null)).toMatchObject({ bbox: region, focusId: null, hexResolution: 6 });
    expect(viewOf({ kind: 'sector', sectorId: 'roads' }, region, boxes, null)).toMatchObject({ hexSectorId: 'roads' });
    expect(viewOf({ kind: 'municipality', municipalityId: 'B' }, region, boxes, null)).toMatchObject({ bbox: [44, 55, 45, 56], focusId: 'B', hexResolution: 7 });
    expect(viewOf({ kind: 'municipality', municipalityId: 'unknown' }, region, boxes, null).bbox).toBe(region);
    const appealView = viewOf({ kind: 'show-appeal', appealId: 1 }, region, boxes, {
      id: 1, categoryId: null, sectorId: null, municipalityId: 'B', lon: 44.5, lat: 55.5, receivedAt: 0, escalated: false,
    });
    expect(appealView.focusId).toBe('B');
    const [x0, y0, x1, y1] = appealView.bbox;
    expect((x0 + x1) / 2).toBeCloseTo(44.5);
    expect((y0 + y1) / 2).toBeCloseTo(55.5);
  });
});

describe('counters and health', () => {
  it('compares today with the same time yesterday', () => {
    expect(changeVsYesterday(0, 0)).toEqual({ direction: 'same', share: 0 });
    expect(changeVsYesterday(5, 0).direction).toBe('up');
    expect(changeVsYesterday(100, 101).direction).toBe('same');
    expect(changeVsYesterday(50, 100)).toEqual({ direction: 'down', share: -0.5 });
  });

  it('says how stale a source is and when the wall is showing old figures', () => {
    expect(staleMinutes({ lastSuccessAt: null, lastSyncAt: null }, 0)).toBeNull();
    expect(staleMinutes({ lastSuccessAt: 0, lastSyncAt: 500_000 }, 600_000)).toBe(10);
    expect(dataStamp(true, 123)).toBeNull();
    expect(dataStamp(false, 123)).toBe(123);
  });
});
