/**
 * The sync worker's entry: parsing, validation and database writes happen here, off the thread that
 * serves the windows. The core sees its commits through `PRAGMA data_version` (watch.ts).
 * Electron: bundle this file as its own entry (see index.ts `workerEntry`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, useNativeBinding } from '../db/open';
import { loadRegionPack } from '../region/pack';
import { type EngineOptions, type ResolvedSource, runEngine } from './engine';

export interface WorkerInput {
  dbFile: string;
  regionsDir: string;
  regionId: string;
  sources: ResolvedSource[];
  engine: Omit<EngineOptions, 'now' | 'random'>;
  nativeBinding?: string;
}

const port = parentPort;
if (!port) throw new Error('sync worker: must run in a worker thread');
const input = (workerData as { input: WorkerInput }).input;
if (input.nativeBinding) useNativeBinding(input.nativeBinding);
const db = openDatabase(input.dbFile, { migrate: false });
const pack = loadRegionPack(input.regionsDir, input.regionId);
const engine = runEngine(db, pack, input.sources, (event) => port.postMessage(event), input.engine);

port.on('message', (message: { type: string }) => {
  if (message.type === 'poke') engine.poke();
  if (message.type === 'stop') {
    void engine.stop().then(() => {
      db.close();
      port.postMessage({ type: 'stopped' });
      port.close();
    });
  }
});
port.postMessage({ type: 'ready' });
