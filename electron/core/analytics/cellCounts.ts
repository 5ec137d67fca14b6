import type { Db } from '../db/open';
import { addHourSpans } from './hourSpans';
import { CELL_CUTOFF_SQL } from './rollupSql';

/**
 * Appeals received in [from, to) per H3 cell × category (key `h3\u0000category`), exactly: whole
 * hours from roll_cell, the ragged edges from raw rows by the received_at index (hourSpans.ts).
 * Hours older than roll_cell's retention (a replay of the distant past) are read raw.
 */
export function prepareCellCounts(db: Db) {
  const hours = db.prepare('SELECT h3, category_id, n FROM roll_cell WHERE hour >= ? AND hour < ?').raw();
  const raw = db
    .prepare(
      `SELECT h3, category_id, count(*) FROM appeals
       WHERE received_at >= ? AND received_at < ? AND h3 IS NOT NULL AND category_id IS NOT NULL GROUP BY 1, 2`,
    )
    .raw();
  const cutoff = db.prepare(CELL_CUTOFF_SQL).pluck();
  const size = db.prepare('SELECT count(*) FROM appeals WHERE received_at >= ? AND received_at < ?').pluck();

  return function cellCounts(from: number, to: number, out = new Map<string, number>()): Map<string, number> {
    const add = (rows: unknown[], sign: 1 | -1) => {
      for (const [h3, category, n] of rows as [string, string, number][]) {
        const key = `${h3}\u0000${category}`;
        out.set(key, (out.get(key) ?? 0) + sign * n);
      }
    };
    addHourSpans(
      from,
      to,
      (h0, h1, sign) => add(hours.all(h0, h1), sign),
      (a, b, sign) => {
        if (a < b) add(raw.all(a, b), sign);
      },
      (a, b) => (a < b ? (size.get(a, b) as number) : 0),
      (cutoff.get() as number | null) ?? Number.POSITIVE_INFINITY,
    );
    for (const [key, n] of out) if (n === 0) out.delete(key);
    return out;
  };
}

export type CellCounts = ReturnType<typeof prepareCellCounts>;
