import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type ElectronEnvironment = { ok: true; executablePath: string } | { ok: false; reason: string };

/**
 * Whether the real app can run here. Resolving the binary through `require('electron')` would try
 * to download it, so the path is read from the package's path.txt and checked on disk instead.
 */
export function electronEnvironment(): ElectronEnvironment {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const executablePath = existsSync(pathFile) ? join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  if (!executablePath || !existsSync(executablePath)) {
    return {
      ok: false,
      reason:
        `Electron's binary is not installed (${executablePath ?? join(pkg, 'dist')} is missing): its download from ` +
        'github.com/electron/electron failed or is blocked on this machine. Where the network allows, run ' +
        '`npx install-electron` (or reinstall the electron package) and `node scripts/native-sqlite.mjs`, then `npm run test:electron`.',
    };
  }
  const native = join(ROOT, 'node_modules', '.electron-native', 'better_sqlite3.node');
  if (!existsSync(native)) {
    return {
      ok: false,
      reason:
        `The Electron build of better-sqlite3 is missing (${native}): the app's core cannot open its database in Electron ` +
        "without it. Run `node scripts/native-sqlite.mjs` where Electron's headers can be downloaded.",
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return {
      ok: false,
      reason:
        'No display to open Electron windows on (DISPLAY is unset): run under `xvfb-run -a npm run test:electron`.',
    };
  }
  return { ok: true, executablePath };
}
