// Starts the TypeScript sync worker where no bundler compiled it (`npm run serve` under tsx, Vitest,
// the Playwright fixture): workers do not inherit tsx's loader on Node 20, so it is registered here.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
