import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import { CELL_PRUNE_SQL, rollupInsertSql } from './rollupSql';

/**
 * Folding brings new appeals into what is derived from them: working-day deadlines first (roll_day
 * and roll_open depend on them), then the three rollups, each one set-based GROUP BY over the rows
 * above the watermark of migration 0007. Writers fold at the end of each batch, inside its
 * transaction, so readers never see a half-counted batch; `ensureFolded` covers any other writer.
 */
const WORKDAY_DEADLINES = `UPDATE appeals SET deadline_at = coalesce((
    SELECT min(c.day_start) FROM work_calendar c WHERE c.day_start > (
      SELECT t.day_start FROM work_calendar t WHERE t.workday = 1 AND t.seq = (
        SELECT r.seq FROM work_calendar r WHERE r.day_start <= appeals.received_at ORDER BY r.day_start DESC LIMIT 1
      ) + (SELECT amount FROM deadline_rules WHERE category_id = appeals.category_id)
    )
  ), deadline_at)
  WHERE id > @from AND id <= @to AND category_id IN (SELECT category_id FROM deadline_rules WHERE unit = 'workdays')`;

const RANGE = 'id > @from AND id <= @to';
const OFFSET = '(SELECT offset_ms FROM analytics_zone WHERE id = 1)';

const prepared = new WeakMap<Db, () => number>();
// Readers ask before every figure (the wall's summary several times a minute): one statement per handle.
const pendingChecks = new WeakMap<Db, Statement>();

function prepareFold(db: Db): () => number {
  const mark = db.prepare('SELECT folded_id FROM appeals_fold WHERE id = 1').pluck();
  const top = db.prepare('SELECT coalesce(max(id), 0) FROM appeals').pluck();
  const sql = rollupInsertSql(OFFSET, RANGE);
  const steps = [WORKDAY_DEADLINES, sql.hour, sql.day, sql.open, sql.cell, sql.brief].map((s) => db.prepare(s));
  const prune = db.prepare(CELL_PRUNE_SQL);
  const setMark = db.prepare('UPDATE appeals_fold SET folded_id = ? WHERE id = 1');
  return () => {
    const from = mark.get() as number;
    const to = top.get() as number;
    if (to <= from) return 0;
    for (const step of steps) step.run({ from, to });
    prune.run();
    setMark.run(to);
    return to - from;
  };
}

/** Folds every appeal above the watermark; returns how many ids it covered. Call inside a write transaction. */
export function foldAppeals(db: Db): number {
  let fold = prepared.get(db);
  if (!fold) prepared.set(db, (fold = prepareFold(db)));
  return fold();
}

/**
 * Declares every row present complete as written (a bulk load that computed its own deadlines and
 * rebuilds the rollups next): nothing is folded a second time.
 */
export function markFolded(db: Db): void {
  db.prepare('UPDATE appeals_fold SET folded_id = (SELECT coalesce(max(id), 0) FROM appeals) WHERE id = 1').run();
}

/**
 * For readers of rollups: folds what a writer left unfolded (one that wrote rows by plain SQL).
 * Costs one indexed comparison when all is folded; a read-only handle reads as it is.
 */
export function ensureFolded(db: Db): void {
  if (db.readonly) return;
  let check = pendingChecks.get(db);
  if (!check) pendingChecks.set(db, (check = db.prepare('SELECT (SELECT coalesce(max(id), 0) FROM appeals) > folded_id FROM appeals_fold WHERE id = 1').pluck()));
  if (!check.get()) return;
  try {
    db.transaction(() => foldAppeals(db)).immediate();
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
}

/**
 * Another connection holds the write lock, or wrote after this connection's read snapshot began
 * (SQLITE_BUSY_SNAPSHOT). The message says only "database is locked": the code tells.
 */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
