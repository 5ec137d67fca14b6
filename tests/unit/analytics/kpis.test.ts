import { describe, expect, it } from 'vitest';
import { histogramPercentile, percentile, prepareKpis } from '../../../electron/core/analytics/kpis';
import { FR_EDGES_MIN, syncRollupZone } from '../../../electron/core/analytics/rollups';
import { openDatabase } from '../../../electron/core/db/open';
import { createRandom } from '../../../electron/core/demo/random';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 24, 12, 30); // 15:30 in Moscow

interface Row {
  id: number;
  source: string;
  sector: string;
  ago: number;
  frMin?: number;
  deadlineAt?: number;
  status: string;
  rating?: number;
  duplicateOf?: number;
}

/** A hand-sized dataset; the expected figures in the test are worked out by hand from it. */
const ROWS: Row[] = [
  // the current 7 days
  { id: 1, source: 'incident', sector: 'roads', ago: 1 * DAY, frMin: 10, deadlineAt: NOW - 1 * DAY + DAY, status: 'closed', rating: 5 },
  { id: 2, source: 'incident', sector: 'roads', ago: 2 * DAY, frMin: 30, deadlineAt: NOW - 2 * DAY + DAY, status: 'closed', rating: 3 },
  { id: 3, source: 'pos', sector: 'housing', ago: 3 * DAY, frMin: 90, deadlineAt: NOW - 3 * DAY + HOUR, status: 'answered' },
  { id: 4, source: 'pos', sector: 'housing', ago: HOUR, deadlineAt: NOW - 10 * MIN, status: 'new' },
  { id: 5, source: 'incident', sector: 'housing', ago: 4 * DAY, frMin: 600, deadlineAt: NOW - 4 * DAY + DAY, status: 'in_progress', rating: 1 },
  { id: 6, source: 'pos', sector: 'roads', ago: 5 * DAY, frMin: 20, status: 'rejected', duplicateOf: 1 },
  // the 7 days before
  { id: 7, source: 'incident', sector: 'roads', ago: 9 * DAY, frMin: 60, deadlineAt: NOW - 9 * DAY + DAY, status: 'closed', rating: 4 },
  { id: 8, source: 'pos', sector: 'housing', ago: 10 * DAY, frMin: 180, deadlineAt: NOW - 10 * DAY + 2 * HOUR, status: 'closed' },
  { id: 9, source: 'pos', sector: 'housing', ago: 10 * DAY, deadlineAt: NOW - 9 * DAY, status: 'in_progress' },
  // older than both periods: counts only towards "overdue now"
  { id: 10, source: 'incident', sector: 'roads', ago: 30 * DAY, deadlineAt: NOW - 29 * DAY, status: 'assigned' },
];

function dataset() {
  const db = openDatabase(':memory:');
  syncRollupZone(db, 'Europe/Moscow', NOW);
  const insert = db.prepare(`INSERT INTO appeals (id, source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at,
    text, sector_id, status, deadline_at, first_response_at, rating, duplicate_of) VALUES (?, ?, ?, 'c', ?, 0, 0, 0, 't', ?, ?, ?, ?, ?, ?)`);
  for (const r of ROWS) {
    const at = NOW - r.ago;
    insert.run(r.id, r.source, `e${r.id}`, at, r.sector, r.status, r.deadlineAt ?? null, r.frMin === undefined ? null : at + r.frMin * MIN, r.rating ?? null, r.duplicateOf ?? null);
  }
  // Appeal 5 is reopened, then closed again: it still counts as reopened.
  db.prepare("UPDATE appeals SET status = 'reopened' WHERE id = 5").run();
  db.prepare("UPDATE appeals SET status = 'closed' WHERE id = 5").run();
  return db;
}

describe('KPI definitions', () => {
  it('match figures worked out by hand, against the previous period', () => {
    const report = prepareKpis(dataset())('7d', 'none', NOW);
    expect(report.percentiles).toBe('exact');
    expect(report.total).toEqual({
      key: '',
      received: 6,
      responded: 5,
      firstResponseMeanMin: 150, // (10 + 30 + 90 + 600 + 20) / 5
      firstResponseMedianMin: 30, // 10 20 [30] 90 600
      firstResponseP90Min: 396, // 90 + 0.6 × (600 − 90)
      onTimeShare: 0.75, // of 1, 2, 3, 5 (6 has no deadline) only 3 was late
      resolvedShare: 4 / 6, // 1, 2, 5 closed, 3 answered
      reopenedShare: 1 / 6,
      repeatCount: 1,
      repeatShare: 1 / 6,
      ratingMean: 3, // 5, 3, 1
      ratingCount: 3,
      overdueNow: 3, // 4 (this very hour), 9 and 10
      previous: {
        received: 3,
        responded: 2,
        firstResponseMeanMin: 120,
        firstResponseMedianMin: 120,
        firstResponseP90Min: 168, // 60 + 0.9 × 120
        onTimeShare: 0.5,
        resolvedShare: 2 / 3,
        reopenedShare: 0,
        repeatCount: 0,
        repeatShare: 0,
        ratingMean: 4,
        ratingCount: 1,
      },
    });
  });

  it('group by source, sector and a single day', () => {
    const kpis = prepareKpis(dataset());
    const bySource = kpis('7d', 'source', NOW);
    const incident = bySource.rows.find((r) => r.key === 'incident')!;
    const pos = bySource.rows.find((r) => r.key === 'pos')!;
    expect([incident.received, incident.firstResponseMedianMin, incident.overdueNow]).toEqual([3, 30, 1]);
    expect([pos.received, pos.firstResponseMedianMin, pos.overdueNow, pos.onTimeShare]).toEqual([3, 55, 2, 0]);
    const bySector = kpis('7d', 'sector', NOW);
    expect(bySector.rows.map((r) => [r.key, r.received, r.previous.received])).toEqual([['housing', 3, 2], ['roads', 3, 1]]);
    const today = kpis('today', 'none', NOW);
    expect([today.total.received, today.total.previous.received]).toEqual([1, 1]); // 4 today; 1 yesterday
  });

  it('histogram percentiles stay inside the bucket of the exact value', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 5000 }, () => 5 * Math.exp(2.5 * random.next() + random.next()));
    const hist = new Array(FR_EDGES_MIN.length + 1).fill(0);
    for (const v of values) {
      const i = FR_EDGES_MIN.findIndex((edge) => v < edge);
      hist[i === -1 ? FR_EDGES_MIN.length : i]++;
    }
    const sorted = [...values].sort((a, b) => a - b);
    const bucketOf = (v: number) => FR_EDGES_MIN.findIndex((edge) => v < edge);
    for (const q of [0.5, 0.9]) {
      const exact = percentile(sorted, q)!;
      expect(bucketOf(histogramPercentile(hist, q)!)).toBe(bucketOf(exact));
    }
    expect(histogramPercentile(hist.map(() => 0), 0.5)).toBeNull();
  });
});
