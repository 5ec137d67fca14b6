import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Source } from '../../../shared/domain';
import type { Db } from '../db/open';
import { listSources } from '../db/reference';
import type { RegionPack } from '../region/pack';
import type { EventBus } from '../rpc';
import { fileSecretStore, loadSourcesSettings, type SecretStore } from '../settings/sources';
import { parseFaults } from '../simulator/faults';
import { type Simulator, startSimulator } from '../simulator/server';
import type { EngineEvent, EngineOptions, ResolvedSource } from './engine';
import { resolveConfigured, resolveSimulated } from './resolve';
import type { WorkerInput } from './worker';

export interface SyncOptions {
  /** The embedded simulator, used when sources.json configures no source. */
  simulator?: { rate?: number; faults?: string[]; faultRate?: number; backlog?: number; seed?: number };
  /**
   * The worker's file. Leave unset under tsx/Vitest (the TypeScript worker is started through
   * worker-boot.mjs). The Electron build passes the bundled file: `import workerPath from
   * '../core/sync/worker?modulePath'` in electron/main, then `sync: { workerEntry: workerPath }`.
   */
  workerEntry?: string | URL;
  /** better-sqlite3's native build for the worker (Electron's, see db/open.ts). */
  nativeBinding?: string;
  engine?: Omit<EngineOptions, 'now' | 'random'>;
  /** Electron passes a safeStorage-backed store; the Node host falls back to an owner-only file. */
  secrets?: SecretStore;
  /** Overrides sources.json (tests). */
  sources?: ResolvedSource[];
}

export interface StartSyncArgs extends SyncOptions {
  dbFile: string;
  dataDir: string;
  pack: RegionPack;
  bus: EventBus;
  /** The core's handle, for reading source states to push; one is opened when absent. */
  db: Db;
  now?: () => number;
}

export interface SyncHandle {
  stop(): Promise<void>;
  status(): Source[];
  poke(): void;
  simulator: Simulator | null;
  sources: ResolvedSource[];
}

const here = import.meta.url;

/** How to start the worker in this runtime: the bundled JS next to us, or the TS source through tsx. */
function workerTarget(entry: string | URL | undefined): { file: string | URL; entry?: string } {
  if (entry) return { file: entry };
  if (here.endsWith('.ts')) return { file: new URL('./worker-boot.mjs', here), entry: new URL('./worker.ts', here).href };
  const bundled = new URL('./sync-worker.js', here);
  if (existsSync(fileURLToPath(bundled))) return { file: bundled };
  throw new Error(`sync: no worker entry found next to ${fileURLToPath(here)}; pass sync.workerEntry`);
}

export async function startSync(args: StartSyncArgs): Promise<SyncHandle> {
  const settings = loadSourcesSettings(args.dataDir);
  let simulator: Simulator | null = null;
  let sources: ResolvedSource[];
  if (args.sources) sources = args.sources;
  else if (settings.sources.length > 0) sources = resolveConfigured(settings, args.pack, args.secrets ?? fileSecretStore(args.dataDir));
  else {
    const sim = { ...settings.simulator, ...args.simulator };
    simulator = await startSimulator({
      pack: args.pack,
      host: '127.0.0.1',
      port: 0,
      rate: sim.rate ?? 0.5,
      backlog: args.simulator?.backlog ?? 0,
      seed: args.simulator?.seed,
      faults: sim.faults && sim.faults.length ? parseFaults(sim.faults, args.simulator?.faultRate ?? 0.1) : undefined,
      now: args.now,
    });
    sources = resolveSimulated(args.pack, (id) => simulator!.sourceUrl(id));
  }

  const input: WorkerInput = {
    dbFile: args.dbFile,
    regionsDir: dirname(args.pack.dir),
    regionId: args.pack.info.id,
    sources,
    engine: args.engine ?? {},
    ...(args.nativeBinding ? { nativeBinding: args.nativeBinding } : {}),
  };
  const target = workerTarget(args.workerEntry);
  let worker: Worker | null = null;
  let stopping = false;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;

  const pushStatus = () => {
    if (args.db.open) args.bus.emit('sync:status', listSources(args.db));
  };

  const spawn = () => {
    const w = new Worker(target.file, { workerData: { input, entry: target.entry } });
    w.on('message', (event: EngineEvent | { type: 'ready' | 'stopped' }) => {
      if (event.type === 'status') pushStatus();
    });
    w.on('error', (error) => console.error('sync worker failed:', error));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      // A crashed worker is restarted: its cursors are in the database, so it resumes where it committed.
      if (!stopping) {
        console.error(`sync worker exited (code ${code}); restarting in 5 s`);
        restartTimer = setTimeout(spawn, 5000);
        restartTimer.unref();
      }
    });
    worker = w;
  };
  spawn();

  return {
    simulator,
    sources,
    status: () => listSources(args.db),
    poke: () => worker?.postMessage({ type: 'poke' }),
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const w = worker;
      if (w) {
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage({ type: 'stop' });
        const timeout = setTimeout(() => void w.terminate(), 10_000);
        await exited;
        clearTimeout(timeout);
      }
      await simulator?.close();
    },
  };
}

export type { ResolvedSource } from './engine';
