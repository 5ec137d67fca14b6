import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import { eventsForRole, methodsForRole } from '../../shared/api';
import type { Bridge } from '../../shared/api/bridge';
import type { Role } from '../../shared/domain';
import { electronEnvironment, ROOT } from './environment';

const env = electronEnvironment();
test.skip(!env.ok, env.ok ? '' : env.reason);

let app: ElectronApplication;
let dataDir: string;

test.beforeAll(async () => {
  if (!env.ok) return;
  dataDir = mkdtempSync(join(tmpdir(), 'cur-electron-'));
  app = await _electron.launch({
    executablePath: env.executablePath,
    // Chromium refuses its OS sandbox to root (CI containers); the renderers' own sandbox option stays on.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT],
    cwd: ROOT,
    env: { ...process.env, CUR_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    timeout: 60_000,
  });
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The window of a role once it reports `data-app-state="ready"`. */
async function windowOf(role: Role): Promise<Page> {
  const url = `app://cur/${role}`;
  await expect.poll(() => app.windows().map((w) => w.url()), { timeout: 60_000 }).toContain(url);
  const page = app.windows().find((w) => w.url() === url)!;
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready', { timeout: 60_000 });
  return page;
}

test('opens the wall in kiosk mode and an operator window, both ready on demo data', async () => {
  await windowOf('wall');
  await windowOf('operator');
  const shells = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.getURL(), kiosk: w.isKiosk() })),
  );
  expect(shells.map((s) => s.url).sort()).toEqual(['app://cur/operator', 'app://cur/wall']);
  for (const s of shells) expect(s.kiosk).toBe(s.url.endsWith('/wall'));
});

for (const role of ['wall', 'operator'] as const) {
  test(`the ${role} window gets exactly its role's bridge and no Node`, async () => {
    const page = await windowOf(role);
    const seen = await page.evaluate(() => {
      const cur = (globalThis as unknown as { cur?: Bridge }).cur;
      return {
        role: cur?.role,
        keys: Object.keys(cur ?? {}).sort(),
        call: Object.keys(cur?.call ?? {}).sort(),
        on: Object.keys(cur?.on ?? {}).sort(),
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        module: typeof (globalThis as Record<string, unknown>).module,
      };
    });
    expect(seen).toEqual({
      role,
      keys: ['call', 'on', 'role'],
      call: [...methodsForRole(role)].sort(),
      on: [...eventsForRole(role)].sort(),
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });
}

test('the wall reads through its bridge; region packs come from app://; the network is out of reach', async () => {
  const wall = await windowOf('wall');
  const result = await wall.evaluate(async () => {
    const cur = (globalThis as unknown as { cur: Bridge }).cur;
    const summary = await cur.call['wall:summary']!({});
    const region = await fetch('/regions/RU-NIZ/outline.geojson');
    const outside = await fetch('https://example.com/').then(
      () => 'reached',
      () => 'blocked',
    );
    const popup = (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/');
    return {
      summaryOk: summary.ok,
      regionStatus: region.status,
      outside,
      popup: popup === null,
      canWrite: 'wall:show' in cur.call,
    };
  });
  expect(result).toEqual({ summaryOk: true, regionStatus: 200, outside: 'blocked', popup: true, canWrite: false });
});

test('a window cannot navigate away from the app', async () => {
  const operator = await windowOf('operator');
  await operator.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await expect(operator.locator('html')).toHaveAttribute('data-app-state', 'ready');
  expect(operator.url()).toBe('app://cur/operator');
});
