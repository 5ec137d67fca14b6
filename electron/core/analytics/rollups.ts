import { DAY_MS, HOUR_MS, zoneOffsetMs } from '../../../shared/time';
import type { Db } from '../db/open';
import { foldAppeals, isBusy } from './fold';
import {
  BRIEF_VALUE_COLUMNS, CELL_RETENTION_HOURS, DAY_VALUE_COLUMNS, FR_BUCKETS, FR_EDGES_MIN, OPEN_SQL, ROLLUP_TABLES, type RollupTable, rollupInsertSql,
} from './rollupSql';

export { BRIEF_VALUE_COLUMNS, CELL_RETENTION_HOURS, DAY_VALUE_COLUMNS, FR_BUCKETS, FR_EDGES_MIN, OPEN_SQL, ROLLUP_TABLES };

/** The UTC offset that roll_day's day numbers use: local day = floor((t + offset) / DAY_MS). */
export function zoneOffset(db: Db): number {
  return (db.prepare('SELECT offset_ms FROM analytics_zone WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

export const dayOf = (at: number, offsetMs: number): number => Math.floor((at + offsetMs) / DAY_MS);
export const dayStartOf = (day: number, offsetMs: number): number => day * DAY_MS - offsetMs;
export const hourOf = (at: number): number => Math.floor(at / HOUR_MS);

/**
 * Points day buckets at the region's zone. A changed offset (another region's pack, or a cache made
 * elsewhere) re-buckets roll_day from raw rows once; the usual start is one lookup.
 */
export function syncRollupZone(db: Db, timeZone: string, now = Date.now()): boolean {
  const offset = zoneOffsetMs(now, timeZone);
  const row = db.prepare('SELECT time_zone AS timeZone, offset_ms AS offsetMs FROM analytics_zone WHERE id = 1').get() as
    | { timeZone: string; offsetMs: number }
    | undefined;
  if (row && row.timeZone === timeZone && row.offsetMs === offset) return false;
  db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO analytics_zone (id, time_zone, offset_ms) VALUES (1, ?, ?)').run(timeZone, offset);
    if (!row || row.offsetMs !== offset || row.timeZone === '') rebuildRollups(db, { tables: ['roll_day', 'roll_brief'] });
  }).immediate();
  return true;
}

export interface RebuildOptions {
  tables?: readonly RollupTable[];
  /** Width of a pass over raw rows; bounds the memory of each GROUP BY at any cache size. */
  chunkMs?: number;
  onProgress?: (doneMs: number, totalMs: number) => void;
}

/**
 * Recomputes rollups from raw rows with its own GROUP BY, independent of the triggers that maintain
 * them incrementally. Runs in chunks of received time; call inside a transaction for atomicity.
 */
export function rebuildRollups(db: Db, options: RebuildOptions = {}): void {
  const tables = options.tables ?? ROLLUP_TABLES;
  const chunk = options.chunkMs ?? 7 * DAY_MS;
  const offset = zoneOffset(db);
  // Fresh rows get their deadlines and enter the tables not rebuilt here; the rebuilt ones then
  // count every row from scratch, and the watermark says all of it is counted.
  foldAppeals(db);
  for (const table of tables) db.exec(`DELETE FROM ${table}`);

  const sql = rollupInsertSql(String(offset), 'received_at >= ? AND received_at < ?');
  const hour = db.prepare(sql.hour);
  const day = db.prepare(sql.day);
  const brief = db.prepare(sql.brief);

  if (tables.includes('roll_hour') || tables.includes('roll_day') || tables.includes('roll_brief')) {
    const range = db.prepare('SELECT min(received_at) AS lo, max(received_at) AS hi FROM appeals').get() as { lo: number | null; hi: number | null };
    if (range.lo !== null && range.hi !== null) {
      const start = dayStartOf(dayOf(range.lo, offset), offset);
      for (let from = start; from <= range.hi; from += chunk) {
        if (tables.includes('roll_hour')) hour.run(from, from + chunk);
        if (tables.includes('roll_day')) day.run(from, from + chunk);
        if (tables.includes('roll_brief')) brief.run(from, from + chunk);
        options.onProgress?.(Math.min(from + chunk, range.hi) - range.lo, range.hi - range.lo);
      }
    }
  }
  if (tables.includes('roll_open')) {
    db.exec(rollupInsertSql(String(offset), '1').open);
    // Every deadline is back at its own hour: nothing is compacted, and readers' memo of the bucket goes.
    db.prepare('DELETE FROM settings WHERE key = ?').run(COMPACTED_SETTING);
  }
  if (tables.includes('roll_cell')) {
    const cutoff = cellCutoffHour(db);
    if (cutoff !== null) db.prepare(rollupInsertSql(String(offset), 'received_at >= ?').cell).run(cutoff * HOUR_MS);
  }
}

/**
 * The first hour roll_cell covers, from raw rows (the fold prunes by the same rule from the table
 * itself): its retention before the newest appeal with a cell and a category, or before now.
 */
export function cellCutoffHour(db: Db, now = Date.now()): number | null {
  const newest = db
    .prepare('SELECT received_at FROM appeals WHERE h3 IS NOT NULL AND category_id IS NOT NULL ORDER BY received_at DESC LIMIT 1')
    .pluck()
    .get() as number | undefined;
  return newest === undefined ? null : Math.min(hourOf(newest), hourOf(now)) - CELL_RETENTION_HOURS;
}

/** roll_open bucket holding every deadline hour before the last compaction: all of it overdue. */
export const COMPACTED_HOUR = -2;
const COMPACTED_SETTING = 'analytics.open_compacted_hour';

/** The hour before which roll_open's deadlines have been folded into COMPACTED_HOUR (0: never). */
export function compactedHour(db: Db): number {
  return Number(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(COMPACTED_SETTING) ?? 0);
}

/**
 * Folds the deadline hours that have passed into one "overdue" bucket per key, so "overdue now"
 * reads a few thousand rows however long the backlog. Sums stay exact: a later status change still
 * subtracts at its own hour, and the next compaction folds that correction in as well.
 */
export function compactOpen(db: Db, now: number): void {
  const hour = hourOf(now);
  if (hour <= compactedHour(db)) return;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO roll_open (deadline_hour, sector_id, municipality_id, source_id, agency_id, n)
       SELECT ${COMPACTED_HOUR}, sector_id, municipality_id, source_id, agency_id, sum(n) FROM roll_open
       WHERE deadline_hour >= 0 AND deadline_hour < ? GROUP BY 2, 3, 4, 5 HAVING sum(n) <> 0
       ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    ).run(hour);
    db.prepare('DELETE FROM roll_open WHERE deadline_hour >= 0 AND deadline_hour < ?').run(hour);
    db.prepare(`DELETE FROM roll_open WHERE deadline_hour = ${COMPACTED_HOUR} AND n = 0`).run();
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(COMPACTED_SETTING, String(hour));
  }).immediate();
}

/** Compacts when the handle may write; a read-only handle reads the uncompacted rows, just slower. */
export function tryCompactOpen(db: Db, now: number): void {
  if (db.readonly) return;
  try {
    compactOpen(db, now);
  } catch (error) {
    if (!isBusy(error) && !/readonly/i.test(String(error))) throw error;
  }
}
