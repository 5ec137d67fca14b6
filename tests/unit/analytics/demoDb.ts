import { syncRollupZone } from '../../../electron/core/analytics/rollups';
import { openDatabase } from '../../../electron/core/db/open';
import { seedReference } from '../../../electron/core/db/reference';
import { seedDemoIfEmpty } from '../../../electron/core/demo/seed';
import { loadRegionPack } from '../../../electron/core/region/pack';
import { REGIONS_DIR } from '../helpers';

/** An in-memory cache of the RU-NIZ pack with its zone set and `count` demo appeals over `days` up to `now`. */
export function demoDb(count: number, now: number, days: number) {
  const pack = loadRegionPack(REGIONS_DIR, 'RU-NIZ');
  const db = openDatabase(':memory:');
  seedReference(db, pack);
  syncRollupZone(db, pack.config.timeZone);
  seedDemoIfEmpty(db, pack, { count, now, days });
  return { db, pack };
}
