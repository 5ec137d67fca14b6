/**
 * Briefing-only mode: the core of the governor's laptop, opened from a snapshot file. No cache on
 * disk, no sync, no watcher: an in-memory database holds only the region's reference tables, and
 * the briefing methods answer from the snapshot.
 */
import type { Core } from '../app';
import { openDatabase } from '../db/open';
import { getReference, seedReference } from '../db/reference';
import type { RegionPack } from '../region/pack';
import { EventBus, Registry } from '../rpc';
import { registerBriefingSource } from './handlers';
import { readSnapshot, type SnapshotContent } from './snapshot';
import { createSnapshotBriefing } from './source';

function packOf(content: SnapshotContent): RegionPack {
  const { info, geo } = content;
  const population: Record<string, number> = {};
  for (const m of info.municipalities) if (m.population) population[m.id] = m.population;
  return {
    info: info.region,
    dir: '',
    config: {
      id: info.region.id,
      timeZone: info.timeZone,
      capitalId: info.region.capitalId,
      population,
      sectors: info.sectors,
      categories: info.categories,
      agencies: info.agencies,
      sources: [],
    },
    municipalities: info.municipalities,
    polygons: new Map(geo.features.map((f) => [f.properties.id, f.geometry.coordinates])),
  };
}

export interface OfflineCore extends Core {
  /** The snapshot's time of data, for the "данные на" stamp. */
  dataAt: number;
}

/** Opens a snapshot; throws SnapshotError («Неверный пароль или файл повреждён») before anything starts. */
export function openOfflineCore(file: string, passphrase: string): OfflineCore {
  const content = readSnapshot(file, passphrase);
  const pack = packOf(content);
  const db = openDatabase(':memory:');
  seedReference(db, pack);
  const registry = new Registry();
  registry.register({
    'reference:get': () => getReference(db, pack.info),
    'sync:status': () => [],
  });
  registerBriefingSource(registry, createSnapshotBriefing(content));
  return {
    db,
    pack,
    registry,
    bus: new EventBus(),
    dbFile: ':memory:',
    dataDir: '',
    dataAt: content.dataAt,
    close: () => db.close(),
  };
}
