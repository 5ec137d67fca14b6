import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/api';
import { useNativeBinding } from '../../../electron/core/db/open';
import { shellPaths } from '../../../electron/main/paths';
import { runShell, type Shell } from '../../../electron/main/shell';
import { ROOT, tempDir } from '../helpers';
import { fake, type FakeBrowserWindow, resetFake, windows } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));
// The shell must point better-sqlite3 at the Electron build; loading that build under Node would crash.
vi.mock('../../../electron/core/db/open', async (original) => ({
  ...(await original<typeof import('../../../electron/core/db/open')>()),
  useNativeBinding: vi.fn(),
}));

/** A development checkout: the repo's region packs, and an Electron build of SQLite beside Node's. */
function devAppPath(): string {
  const dir = tempDir('cur-app-');
  symlinkSync(join(ROOT, 'resources'), join(dir, 'resources'));
  mkdirSync(join(dir, 'node_modules', '.electron-native'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', '.electron-native', 'better_sqlite3.node'), '');
  return dir;
}

let shell: Shell | null = null;
beforeEach(() => {
  resetFake();
  vi.mocked(useNativeBinding).mockClear();
  vi.stubEnv('CUR_DATA_DIR', tempDir('cur-data-'));
});
afterEach(() => {
  fake.app.emit('will-quit');
  shell = null;
  vi.unstubAllEnvs();
});

describe('the Electron shell', () => {
  it('steps aside for a running instance', async () => {
    fake.app.singleInstance = false;
    expect(await runShell()).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(windows()).toEqual([]);
  });

  it('says in a dialog why it cannot start, and exits', async () => {
    fake.app.appPath = tempDir('cur-app-'); // no region packs here
    await expect(runShell({ demoAppeals: 0, sync: false })).rejects.toThrow();
    expect(fake.errors).toEqual([
      { title: 'ЦУР — ошибка запуска', content: expect.stringMatching(/^Приложение не может запуститься: /) },
    ]);
    expect(fake.app.exitCode).toBe(1);
    expect(windows()).toEqual([]);
  });

  it('starts the core in the app data directory and opens the wall and one operator window', async () => {
    fake.app.appPath = devAppPath();
    shell = await runShell({ demoAppeals: 50, sync: false });
    expect(shell).not.toBeNull();
    expect(fake.app.getPath('userData')).toBe(process.env.CUR_DATA_DIR);
    expect(shell!.core.dataDir).toBe(process.env.CUR_DATA_DIR);
    expect(useNativeBinding).toHaveBeenCalledWith(
      join(fake.app.appPath, 'node_modules', '.electron-native', 'better_sqlite3.node'),
    );
    expect(fake.privilegedSchemes).toHaveLength(1);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...methodNames].sort());
    expect(fake.permissionRequest && fake.permissionCheck && fake.beforeRequest).toBeTruthy();
    expect(fake.menu?.map((m) => m.label)).toEqual(['Файл', 'Правка', 'Вид', 'Окно']);

    const [wall, operator, ...rest] = windows();
    expect(rest).toEqual([]);
    expect(wall!.loaded).toEqual(['app://cur/wall']);
    expect(wall!.options).toMatchObject({ kiosk: true });
    expect(wall!.options.webPreferences?.preload).toBe(join(fake.app.appPath, 'out', 'preload', 'wall.cjs'));
    expect(operator!.loaded).toEqual(['app://cur/operator']);
    expect(operator!.options.webPreferences?.preload).toBe(join(fake.app.appPath, 'out', 'preload', 'operator.cjs'));
    expect(fake.blockerTypes).toEqual(['prevent-display-sleep']);
  });

  it('hardens every webContents it creates', async () => {
    fake.app.appPath = devAppPath();
    shell = await runShell({ demoAppeals: 0, sync: false });
    for (const win of windows()) {
      const event = { url: 'https://example.com/', preventDefault: vi.fn() };
      win.webContents.emit('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalled();
      expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    }
  });

  it('serves the region packs of the checkout over app://', async () => {
    fake.app.appPath = devAppPath();
    shell = await runShell({ demoAppeals: 0, sync: false });
    const response = await fake.protocolHandlers.get('app')!(new Request('app://cur/regions/RU-NIZ/outline.geojson'));
    expect(response.status).toBe(200);
  });

  it('a second launch brings the operator window forward; the menu opens more windows', async () => {
    fake.app.appPath = devAppPath();
    shell = await runShell({ demoAppeals: 0, sync: false });
    const operator = windows()[1]!;
    fake.app.emit('second-instance');
    expect(operator.focused).toBe(1);
    const file = fake.menu!.find((m) => m.label === 'Файл')!.submenu as { label?: string; click?: () => void }[];
    file.find((i) => i.label === 'Брифинг')!.click!();
    file.find((i) => i.label === 'Брифинг')!.click!();
    file.find((i) => i.label === 'Новое окно оператора')!.click!();
    expect(windows().map((w: FakeBrowserWindow) => w.loaded[0])).toEqual([
      'app://cur/wall',
      'app://cur/operator',
      'app://cur/briefing',
      'app://cur/operator',
    ]);
  });

  it('answers the briefing’s PDF export itself, not through the core', async () => {
    fake.app.appPath = devAppPath();
    fake.app.setPath('documents', tempDir());
    shell = await runShell({ demoAppeals: 0, sync: false });
    const file = fake.menu!.find((m) => m.label === 'Файл')!.submenu as { label?: string; click?: () => void }[];
    file.find((i) => i.label === 'Брифинг')!.click!();
    const briefing = windows().find((w) => w.loaded[0] === 'app://cur/briefing')!;
    const answer = await fake.ipcHandlers.get('briefing:exportPdf')!(
      { sender: briefing.webContents, senderFrame: { url: 'app://cur/briefing' } },
      {},
    );
    expect(answer).toEqual({ ok: true, result: { file: null } });
    expect(fake.saveDialogs[0]?.options.defaultPath).toContain(fake.app.getPath('documents'));
  });

  it('quits when every window is closed and closes the core on quit', async () => {
    fake.app.appPath = devAppPath();
    shell = await runShell({ demoAppeals: 0, sync: false });
    for (const win of [...windows()]) win.close();
    expect(fake.app.quitCalls).toBe(1);
    fake.app.emit('will-quit');
    expect(shell!.core.db.open).toBe(false);
  });
});

describe('shell paths', () => {
  it('in development: the checkout’s build, region packs and Electron build of SQLite', () => {
    const app = devAppPath();
    const paths = shellPaths(app, false, '/opt/cur/resources');
    expect(paths.webDir).toBe(join(app, 'out', 'renderer'));
    expect(paths.regionsDir).toBe(join(app, 'resources', 'regions'));
    expect(paths.preloadFor('briefing')).toBe(join(app, 'out', 'preload', 'briefing.cjs'));
    expect(paths.nativeBinding).toBe(join(app, 'node_modules', '.electron-native', 'better_sqlite3.node'));
    expect(shellPaths(tempDir(), false, '/x').nativeBinding).toBeUndefined();
  });

  it('packaged: region packs beside app.asar, and the binding electron-builder rebuilt', () => {
    const paths = shellPaths('/opt/cur/resources/app.asar', true, '/opt/cur/resources');
    expect(paths.regionsDir).toBe('/opt/cur/resources/regions');
    expect(paths.webDir).toBe('/opt/cur/resources/app.asar/out/renderer');
    expect(paths.nativeBinding).toBeUndefined();
  });
});
