import { expect } from 'vitest';
import { BRIEF_VALUE_COLUMNS, cellCutoffHour, DAY_VALUE_COLUMNS, ROLLUP_TABLES } from '../../../electron/core/analytics/rollups';
import type { Db } from '../../../electron/core/db/open';

/**
 * Every rollup row with a non-zero value, in a stable order (triggers may leave zeroed rows), to
 * compare incremental rollups with a rebuild. roll_cell keeps a window of hours: compared inside it.
 */
export function rollupRows(db: Db): Record<string, unknown[]> {
  const nonZero: Record<string, string> = {
    roll_hour: 'n <> 0',
    roll_open: 'n <> 0',
    roll_day: DAY_VALUE_COLUMNS.map((c) => `${c} <> 0`).join(' OR '),
    roll_brief: BRIEF_VALUE_COLUMNS.map((c) => `${c} <> 0`).join(' OR '),
    roll_cell: `n <> 0 AND hour >= ${cellCutoffHour(db) ?? 0}`,
  };
  const out: Record<string, unknown[]> = {};
  for (const table of ROLLUP_TABLES) {
    const order = table === 'roll_hour' || table === 'roll_cell' ? '1, 2, 3' : '1, 2, 3, 4, 5';
    out[table] = db.prepare(`SELECT * FROM ${table} WHERE ${nonZero[table]} ORDER BY ${order}`).raw().all();
  }
  // "In work" per sector follows roll_open through its own triggers.
  out.roll_open_sector = db.prepare('SELECT sector_id, n FROM roll_open_sector WHERE n <> 0 ORDER BY 1').raw().all();
  expect(out.roll_open_sector).toEqual(db.prepare('SELECT sector_id, sum(n) FROM roll_open GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1').raw().all());
  return out;
}
