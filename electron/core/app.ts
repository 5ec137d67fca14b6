import { join } from 'node:path';
import type { Db } from './db/open';
import { openDatabase } from './db/open';
import { countAppeals, getAppeal, getAppealEvents, queryAppeals } from './db/appeals';
import { getAppealAuthor } from './db/personal';
import { getReference, listSources, seedReference } from './db/reference';
import { seedDemoIfEmpty } from './demo/seed';
import { loadRegionPack, type RegionPack } from './region/pack';
import { EventBus, Registry } from './rpc';
import { watchChanges } from './watch';
import { prepareWallQueries } from './wall/summary';
import { ContractError } from '../../shared/api';

export interface CoreOptions {
  dataDir: string;
  regionsDir: string;
  regionId?: string;
  /** Appeals of demo data to load into an empty cache; 0 loads none. */
  demoAppeals?: number;
  /** How often the core looks for writes by other connections (sync workers, other processes). */
  watchIntervalMs?: number;
}

export interface Core {
  db: Db;
  pack: RegionPack;
  registry: Registry;
  bus: EventBus;
  dbFile: string;
  dataDir: string;
  close(): void;
}

export const DEFAULT_DEMO_APPEALS = 5000;

export function createCore(options: CoreOptions): Core {
  const pack = loadRegionPack(options.regionsDir, options.regionId ?? 'RU-NIZ');
  const dbFile = join(options.dataDir, 'cache.sqlite');
  const db = openDatabase(dbFile);
  seedReference(db, pack);
  seedDemoIfEmpty(db, pack, { count: options.demoAppeals ?? DEFAULT_DEMO_APPEALS });

  const registry = new Registry();
  const bus = new EventBus();
  const wall = prepareWallQueries(db, pack.config.timeZone);

  registry.register({
    'reference:get': () => getReference(db, pack.info),
    'sync:status': () => listSources(db),
    'appeals:query': (arg) => queryAppeals(db, arg),
    'appeals:get': (arg, ctx) => {
      const appeal = getAppeal(db, arg.id);
      if (!appeal) throw new ContractError(`Appeal ${arg.id} does not exist`, 'failed');
      return {
        appeal,
        events: getAppealEvents(db, arg.id),
        author: ctx.role === 'operator' ? getAppealAuthor(db, arg.id) : null,
      };
    },
    'wall:summary': () => wall.summary(),
    'wall:recent': (arg) => wall.recent(arg.sinceMs, arg.limit),
    'wall:show': (arg) => {
      bus.emit('wall:show', arg);
      return { ok: true as const };
    },
  });

  const stopWatching = watchChanges(db, bus, wall, options.watchIntervalMs ?? 200);

  return {
    db,
    pack,
    registry,
    bus,
    dbFile,
    dataDir: options.dataDir,
    close() {
      stopWatching();
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
