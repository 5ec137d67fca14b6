import type { Replay } from '../../../shared/api/analytics';
import { HOUR_MS } from '../../../shared/time';
import type { Db } from '../db/open';
import { ensureFolded } from './fold';

/**
 * The map's time slider: appeals per hour × municipality over the last days, the current hour
 * included, straight from roll_hour (a week is a few thousand rollup rows, whatever the cache size).
 */
export function prepareReplay(db: Db) {
  const rows = db
    .prepare("SELECT hour, municipality_id, sum(n) FROM roll_hour WHERE hour >= ? AND hour <= ? AND municipality_id <> '' GROUP BY 1, 2")
    .raw();
  const municipalities = db.prepare('SELECT id FROM municipalities ORDER BY id').pluck();

  return function replay(days: number, now = Date.now()): Replay {
    ensureFolded(db);
    const last = Math.floor(now / HOUR_MS);
    const first = last - days * 24 + 1;
    const hours = last - first + 1;
    const municipalityIds = municipalities.all() as string[];
    const column = new Map(municipalityIds.map((id, j) => [id, j]));
    const counts = new Array<number>(hours * municipalityIds.length).fill(0);
    for (const [hour, m, n] of rows.all(first, last) as [number, string, number][]) {
      const j = column.get(m);
      // A municipality outside the region's reference (an unknown id from a source) has no shape to colour.
      if (j !== undefined && n > 0) counts[(hour - first) * municipalityIds.length + j] = n;
    }
    return { from: first * HOUR_MS, hours, municipalityIds, counts };
  };
}
