/// <reference types="electron-vite/node" />
import syncWorkerEntry from '../core/sync/worker?modulePath';
import { runShell } from './shell';

// Electron's default for an uncaught error is a modal dialog: on an unattended wall nobody would
// dismiss it, so errors are logged and the app keeps serving the windows it can.
process.on('uncaughtException', (error) => {
  console.error('[main] uncaught exception:', error);
});

runShell({ syncWorkerEntry }).catch((error: unknown) => {
  console.error('[main] start-up failed:', error);
});
