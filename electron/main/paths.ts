import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../shared/domain';

export interface ShellPaths {
  webDir: string;
  regionsDir: string;
  preloadFor(role: Role): string;
  /** The Electron build of better-sqlite3 beside the Node one (development only), if it was built. */
  nativeBinding: string | undefined;
}

/**
 * Where the built app and its resources are. `appPath` is Electron's `app.getAppPath()`: the repo
 * in development, `resources/app.asar` when packaged, where region packs sit beside it instead.
 */
export function shellPaths(appPath: string, isPackaged: boolean, resourcesPath: string): ShellPaths {
  const native = join(appPath, 'node_modules', '.electron-native', 'better_sqlite3.node');
  return {
    webDir: join(appPath, 'out', 'renderer'),
    regionsDir: isPackaged ? join(resourcesPath, 'regions') : join(appPath, 'resources', 'regions'),
    preloadFor: (role) => join(appPath, 'out', 'preload', `${role}.cjs`),
    // Packaged apps carry the binding electron-builder rebuilt for Electron in place.
    nativeBinding: !isPackaged && existsSync(native) ? native : undefined,
  };
}
