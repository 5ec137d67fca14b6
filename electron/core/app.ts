import { join } from 'node:path';
import type { Db } from './db/open';
import { openDatabase } from './db/open';
import { countAppeals } from './db/appeals';
import { getReference, listSources, seedReference } from './db/reference';
import { seedDemoIfEmpty } from './demo/seed';
import { loadRegionPack, type RegionPack } from './region/pack';
import { EventBus, Registry } from './rpc';
import { watchChanges } from './watch';
import { prepareWallQueries } from './wall/summary';
import { prepareCounters } from './analytics/counters';
import { registerWall } from './wall/handlers';
import { registerBriefing } from './briefing/handlers';
import { initOperator } from './operator/init';
import { operatorHandlers } from './operator/handlers';
import { type SyncHandle, type SyncOptions, startSync } from './sync';
import { syncHandlers } from './sync/handlers';
import { importHandlers } from './sync/importHandlers';
import { registerAnalytics } from './analytics/handlers';

export interface CoreOptions {
  dataDir: string;
  regionsDir: string;
  regionId?: string;
  /** Appeals of demo data to load into an empty cache; 0 loads none. */
  demoAppeals?: number;
  /** How often the core looks for writes by other connections (sync workers, other processes). */
  watchIntervalMs?: number;
  /**
   * Sync sources in a worker thread (sources from `<dataDir>/sources.json`, or the embedded
   * simulator when none is configured). Off unless asked: tests keep their caches still.
   */
  sync?: boolean | SyncOptions;
}

export interface Core {
  db: Db;
  pack: RegionPack;
  registry: Registry;
  bus: EventBus;
  dbFile: string;
  dataDir: string;
  /** The running sync, when `sync` was asked for; stop it before `close()` for a clean shutdown. */
  sync?: Promise<SyncHandle> | null;
  close(): void;
}

export const DEFAULT_DEMO_APPEALS = 5000;

export function createCore(options: CoreOptions): Core {
  const pack = loadRegionPack(options.regionsDir, options.regionId ?? 'RU-NIZ');
  const dbFile = join(options.dataDir, 'cache.sqlite');
  const db = openDatabase(dbFile);
  seedReference(db, pack);
  // Before the demo: the deadline triggers need the working-day calendar and the rules.
  const calendar = initOperator(db, pack, join(options.regionsDir, '..'));
  seedDemoIfEmpty(db, pack, { count: options.demoAppeals ?? DEFAULT_DEMO_APPEALS });

  const registry = new Registry();
  const bus = new EventBus();
  // The wall's counters come from the rollups, so their cost does not grow with the cache; the raw
  // queries of wall/summary.ts remain the reference they are tested against (counters.test.ts).
  const wall = { ...prepareWallQueries(db, pack.config.timeZone), summary: prepareCounters(db, pack.config.timeZone).summary };

  registry.register({
    'reference:get': () => getReference(db, pack.info),
    'sync:status': () => listSources(db),
  });
  registry.register(operatorHandlers({ db, bus, pack, calendar }));
  registerWall(registry, bus, wall, options.dataDir, pack.config.timeZone);
  registerBriefing(registry, { db, pack, dataDir: options.dataDir });
  registry.register(syncHandlers(db, pack, options.dataDir));
  registry.register(importHandlers({ db, bus, pack, dataDir: options.dataDir }));
  registerAnalytics(registry, { db, pack });

  const stopWatching = watchChanges(db, bus, wall, options.watchIntervalMs ?? 200);
  const sync = options.sync
    ? startSync({ ...(options.sync === true ? {} : options.sync), dbFile, dataDir: options.dataDir, pack, bus, db })
    : null;
  sync?.catch((error: Error) => console.error(`sync did not start: ${error.message}`));

  return {
    db,
    pack,
    registry,
    bus,
    dbFile,
    dataDir: options.dataDir,
    sync,
    close() {
      stopWatching();
      void sync?.then((handle) => handle.stop()).catch(() => {});
      db.close();
    },
  };
}

export function healthOf(core: Core) {
  return {
    ok: true,
    appeals: countAppeals(core.db),
    sources: listSources(core.db).map((s) => ({ id: s.id, state: s.state, lastSyncAt: s.lastSyncAt })),
  };
}
