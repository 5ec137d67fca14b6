import type { Db } from '../db/open';

const FOLD = (column: string) => `replace(replace(${column}, 'ё', 'е'), 'Ё', 'Е')`;

/**
 * Indexes the appeals waiting in appeals_fts_pending, in one statement (see migration 0004 for why
 * not row by row). Cheap when nothing waits; called before every search, so results are complete.
 */
export function prepareFtsFlush(db: Db): () => number {
  const waiting = db.prepare('SELECT EXISTS (SELECT 1 FROM appeals_fts_pending)').pluck();
  const index = db.prepare(
    `INSERT INTO appeals_fts (rowid, text, address)
     SELECT a.id, ${FOLD('a.text')}, ${FOLD('a.address')} FROM appeals_fts_pending p JOIN appeals a ON a.id = p.id`,
  );
  const clear = db.prepare('DELETE FROM appeals_fts_pending');
  const flush = db.transaction(() => {
    const { changes } = index.run();
    clear.run();
    return changes;
  });
  return () => (waiting.get() ? flush.immediate() : 0);
}

const flushers = new WeakMap<Db, () => number>();

export function flushFtsPending(db: Db): number {
  let flush = flushers.get(db);
  if (!flush) flushers.set(db, (flush = prepareFtsFlush(db)));
  return db.readonly ? 0 : flush();
}
