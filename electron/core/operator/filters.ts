import { AppealFilter, AppealSort } from '../../../shared/api/appeals';
import type { SavedFilter } from '../../../shared/api/operator';
import type { Db } from '../db/open';

/** Saved filters belong to the person who saved them. */
export function listFilters(db: Db, owner: string): SavedFilter[] {
  const rows = db.prepare('SELECT id, name, query FROM saved_filters WHERE owner = ? ORDER BY name').all(owner) as { id: number; name: string; query: string }[];
  return rows.flatMap((row) => {
    const parsed = JSON.parse(row.query) as { filter: unknown; sort: unknown };
    const filter = AppealFilter.safeParse(parsed.filter);
    const sort = AppealSort.safeParse(parsed.sort);
    // A filter saved by an older version that no longer parses is skipped, not an error for the window.
    return filter.success && sort.success ? [{ id: row.id, name: row.name, filter: filter.data, sort: sort.data }] : [];
  });
}

export function saveFilter(db: Db, owner: string, arg: Omit<SavedFilter, 'id'>, now = Date.now()): SavedFilter {
  const row = db
    .prepare(
      `INSERT INTO saved_filters (owner, name, query, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (owner, name) DO UPDATE SET query = excluded.query RETURNING id`,
    )
    .get(owner, arg.name, JSON.stringify({ filter: arg.filter, sort: arg.sort }), now) as { id: number };
  return { id: row.id, ...arg };
}

export function deleteFilter(db: Db, owner: string, id: number): void {
  db.prepare('DELETE FROM saved_filters WHERE id = ? AND owner = ?').run(id, owner);
}
