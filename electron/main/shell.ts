import { app, dialog, ipcMain, Menu, powerSaveBlocker, protocol, screen, session } from 'electron';
import { type Core, createCore } from '../core/app';
import { useNativeBinding } from '../core/db/open';
import { defaultDataDir } from '../core/paths';
import { forwardEvents, registerIpc, type ShellHandlers } from './ipc';
import { menuTemplate } from './menu';
import { openOperator } from './operator';
import { exportPdfHandler } from './pdf';
import { shellPaths } from './paths';
import { registerAppScheme, serveApp } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { createSettingsStore, type SettingsStore, shellSettingsFile } from './settings';
import { openWall } from './wall';
import { WindowRegistry } from './windows';

export interface ShellOptions {
  /** Demo appeals for an empty cache (default: the core's). */
  demoAppeals?: number;
  hangGraceMs?: number;
  /** Sync sources in a worker thread, as the host does (default true; unit tests keep their cache still). */
  sync?: boolean;
  /** The bundled sync worker (electron-vite `?modulePath`); unset under Vitest, where tsx starts the TS one. */
  syncWorkerEntry?: string;
}

export interface Shell {
  core: Core;
  windows: WindowRegistry;
  store: SettingsStore;
}

/**
 * The Electron app: one instance, one core in the main process, the wall and an operator window.
 * Resolves to null when another instance already runs (it is told to show itself instead).
 */
export async function runShell(options: ShellOptions = {}): Promise<Shell | null> {
  registerAppScheme(protocol);
  // One data directory for the app and the host (`npm run serve`), so both see the same cache.
  app.setPath('userData', defaultDataDir());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  await app.whenReady();
  try {
    return start(options);
  } catch (error) {
    const message = (error as Error).message;
    // The one start-up failure a developer meets: the Node build of better-sqlite3 loaded into Electron.
    const hint = /NODE_MODULE_VERSION/.test(message)
      ? '\n\nСборка SQLite не для Electron: выполните `node scripts/native-sqlite.mjs`.'
      : '';
    dialog.showErrorBox('ЦУР — ошибка запуска', `Приложение не может запуститься: ${message}${hint}`);
    app.exit(1);
    throw error;
  }
}

function start(options: ShellOptions): Shell {
  const dataDir = app.getPath('userData');
  const paths = shellPaths(app.getAppPath(), app.isPackaged, process.resourcesPath);
  useNativeBinding(paths.nativeBinding);
  const core = createCore({
    dataDir,
    regionsDir: paths.regionsDir,
    ...(options.demoAppeals === undefined ? {} : { demoAppeals: options.demoAppeals }),
    sync:
      options.sync === false
        ? false
        : {
            ...(options.syncWorkerEntry ? { workerEntry: options.syncWorkerEntry } : {}),
            // The worker opens the database itself, so it needs Electron's build of SQLite too.
            ...(paths.nativeBinding ? { nativeBinding: paths.nativeBinding } : {}),
          },
  });
  const store = createSettingsStore(shellSettingsFile(dataDir));
  const windows = new WindowRegistry(paths.preloadFor);

  serveApp(protocol, paths);
  hardenSession(session.defaultSession, windows.roleOf);
  const shellHandlers: ShellHandlers = {
    'briefing:exportPdf': exportPdfHandler({
      dialog,
      windowOf: windows.windowOf,
      documentsDir: () => app.getPath('documents'),
    }),
  };
  const unanswered = core.registry.missing().filter((name) => !shellHandlers[name]);
  if (unanswered.length > 0) console.warn(`[main] no handler yet for: ${unanswered.join(', ')}`);
  const disposeIpc = registerIpc(ipcMain, core.registry, windows.roleOf, shellHandlers);
  const stopEvents = forwardEvents(core.bus, windows);

  const openOperatorWindow = () => openOperator({ registry: windows, screen, store });
  const openBriefingWindow = () => {
    const existing = windows.find('briefing')[0];
    if (existing) existing.focus();
    else windows.create('briefing', { width: 1280, height: 860 });
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        { openOperator: openOperatorWindow, openBriefing: openBriefingWindow },
        { isPackaged: app.isPackaged },
      ),
    ),
  );

  openWall({
    registry: windows,
    screen,
    powerSaveBlocker,
    settings: store.get(),
    ...(options.hangGraceMs === undefined ? {} : { hangGraceMs: options.hangGraceMs }),
  });
  openOperatorWindow();

  app.on('second-instance', () => {
    const operator = windows.find('operator')[0];
    if (!operator) return void openOperatorWindow();
    if (operator.isMinimized()) operator.restore();
    operator.focus();
  });
  app.on('will-quit', () => {
    stopEvents();
    disposeIpc();
    core.close();
  });
  return { core, windows, store };
}
