/**
 * Briefing-only mode: the core of the governor's laptop, opened from a snapshot file. No cache on
 * disk, no sync, no watcher: the reference and the briefing methods answer from the snapshot.
 */
import type { Core } from '../app';
import { type Db, openDatabase } from '../db/open';
import { seedReference } from '../db/reference';
import type { RegionPack } from '../region/pack';
import { EventBus, Registry } from '../rpc';
import { registerBriefingSource } from './handlers';
import { datasetKey, type OpenedSnapshot, openSnapshot } from './snapshot';
import { createSnapshotBriefing } from './source';

function packOf(content: OpenedSnapshot): RegionPack {
  const { info } = content;
  const population: Record<string, number> = {};
  for (const m of info.municipalities) if (m.population) population[m.id] = m.population;
  let polygons: RegionPack['polygons'] | null = null;
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
    // Nothing of the briefing-only mode places points in municipalities: built only if asked for.
    get polygons() {
      polygons ??= new Map(content.geo().features.map((f) => [f.properties.id, f.geometry.coordinates]));
      return polygons;
    },
  };
}

export interface OfflineCore extends Core {
  /** The snapshot's time of data, for the "данные на" stamp. */
  dataAt: number;
}

/** Opens a snapshot; throws SnapshotError («Неверный пароль или файл повреждён») before anything starts. */
export function openOfflineCore(file: string, passphrase: string): OfflineCore {
  const content = openSnapshot(file, passphrase);
  const pack = packOf(content);
  const { region, sectors, categories, municipalities, agencies } = content.info;
  const registry = new Registry();
  registry.register({
    // The snapshot's reference is the cache's, as getReference read it when the file was written.
    'reference:get': () => ({ region, sectors, categories, municipalities, agencies }),
    'sync:status': () => [],
  });
  registerBriefingSource(registry, createSnapshotBriefing(content));
  // What the first page needs (the window opens on the region's week) is checked while the window
  // loads, not when it asks.
  setImmediate(() => {
    try {
      content.geo();
      content.dataset(datasetKey('week', null));
    } catch {
      // Reported to the window when it asks for them.
    }
  }).unref();
  // Nothing of the briefing-only mode reads a database: it is made (schema and reference, some
  // 100 ms) only if something asks for it, never on the way to the first page.
  let db: Db | null = null;
  return {
    get db() {
      if (!db) {
        db = openDatabase(':memory:');
        seedReference(db, pack);
      }
      return db;
    },
    pack,
    registry,
    bus: new EventBus(),
    dbFile: ':memory:',
    dataDir: '',
    dataAt: content.dataAt,
    close: () => db?.close(),
  };
}
