import { describe, expect, it } from 'vitest';
import { prepareCellCounts } from '../../../electron/core/analytics/cellCounts';
import { ensureFolded } from '../../../electron/core/analytics/fold';
import { CELL_RETENTION_HOURS } from '../../../electron/core/analytics/rollups';
import { openDatabase } from '../../../electron/core/db/open';
import { createRandom } from '../../../electron/core/demo/random';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 10, 12, 17);

describe('cell × category counts', () => {
  it('equal a GROUP BY over raw rows for any range, ragged edges (read either way) and hours past the retention included', () => {
    const db = openDatabase(':memory:');
    const random = createRandom(5);
    const insert = db.prepare(
      `INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, status, h3, category_id)
       VALUES ('s', ?, 'c', ?, 0, 0, 0, 't', 'new', ?, ?)`,
    );
    // Eight weeks of appeals in four cells: older than roll_cell keeps, so part of a range is read raw.
    const span = CELL_RETENTION_HOURS + 2 * 7 * 24;
    for (let i = 0; i < 4000; i++) {
      insert.run(`e${i}`, NOW - random.int(0, span * HOUR), random.chance(0.1) ? null : `87${random.int(0, 4)}`, random.pick(['snow', 'heating', 'roads']));
    }
    ensureFolded(db);
    const kept = db.prepare('SELECT min(hour) FROM roll_cell WHERE n > 0').pluck().get() as number;
    expect(kept).toBeGreaterThan(Math.floor((NOW - span * HOUR) / HOUR));

    const cellCounts = prepareCellCounts(db);
    const raw = db.prepare(
      `SELECT h3 || char(0) || category_id AS key, count(*) AS n FROM appeals
       WHERE received_at >= ? AND received_at < ? AND h3 IS NOT NULL AND category_id IS NOT NULL GROUP BY 1`,
    );
    for (const [from, to] of [
      [NOW - 6 * HOUR - 123_456, NOW + 1],
      [NOW - 7 * 24 * HOUR, NOW - 6 * 24 * HOUR],
      [NOW - (CELL_RETENTION_HOURS + 30) * HOUR - 5_000, NOW - (CELL_RETENTION_HOURS - 30) * HOUR + 7_000],
      [NOW - 8 * 7 * 24 * HOUR, NOW - 7 * 7 * 24 * HOUR],
      [NOW - 1000, NOW - 10],
      // Most of one hour: read as the hour's rollup row less the raw rest of it.
      [Math.floor(NOW / HOUR) * HOUR - 3 * HOUR + 60_000, Math.floor(NOW / HOUR) * HOUR - 2 * HOUR - 60_000],
      [NOW - 3 * HOUR - 50 * 60_000, NOW - 3 * HOUR + 5 * 60_000],
    ] as const) {
      const expected = new Map((raw.all(from, to) as { key: string; n: number }[]).map((r) => [r.key, r.n]));
      const got = new Map([...cellCounts(from, to)].filter(([, n]) => n !== 0));
      expect(got).toEqual(expected);
    }
  });
});
