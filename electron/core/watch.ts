import type { Db } from './db/open';
import type { EventBus } from './rpc';
import type { WallQueries } from './wall/summary';

/** Most new appeals sent to the wall in one push; beyond this the wall refetches instead. */
const MAX_PUSHED_APPEALS = 2000;

/**
 * Notices writes from any connection (sync workers, other processes, tests) through SQLite's
 * `data_version`, and tells every window once per interval at most: changes are coalesced here.
 */
export function watchChanges(db: Db, bus: EventBus, wall: WallQueries, intervalMs: number): () => void {
  const version = db.prepare('PRAGMA data_version').pluck();
  const maxId = db.prepare('SELECT coalesce(max(id), 0) FROM appeals').pluck();
  const newIds = db.prepare('SELECT id FROM appeals WHERE id > ? ORDER BY id LIMIT ?').pluck();
  let lastVersion = version.get() as number;
  let lastMaxId = maxId.get() as number;

  const timer = setInterval(() => {
    const current = version.get() as number;
    if (current === lastVersion) return;
    lastVersion = current;
    const ids = newIds.all(lastMaxId, MAX_PUSHED_APPEALS + 1) as number[];
    const overflow = ids.length > MAX_PUSHED_APPEALS;
    if (ids.length > 0) lastMaxId = overflow ? (maxId.get() as number) : ids[ids.length - 1]!;
    bus.emit('db:changed', { tables: ['appeals'], ...(overflow ? {} : { appealIds: ids }) });
    if (ids.length > 0 && !overflow) bus.emit('wall:appeals', wall.byIds(ids));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
