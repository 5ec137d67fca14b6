import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core, type CoreOptions } from '../../electron/core/app';
import { type Host, startHost } from '../../electron/core/host/server';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REGIONS_DIR = join(ROOT, 'resources', 'regions');
export const WEB_DIR = process.env.CUR_WEB_OUT ?? join(ROOT, 'out', 'renderer');

export interface App {
  core: Core;
  host: Host;
  dataDir: string;
  /** Every URL a page of this test requested: none may leave the app's own origin. */
  requests: string[];
  open(page: Page, path: string): Promise<void>;
}

/** Options a test file can set with `test.use({ coreOptions: … })`. */
export type AppOptions = Partial<Omit<CoreOptions, 'dataDir' | 'regionsDir'>>;

export const test = base.extend<{ app: App; coreOptions: AppOptions }>({
  coreOptions: [{ demoAppeals: 2000, watchIntervalMs: 100 }, { option: true }],
  app: async ({ coreOptions }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cur-e2e-'));
    const core = createCore({ dataDir, regionsDir: REGIONS_DIR, ...coreOptions });
    const host = await startHost({ core, webDir: WEB_DIR, regionsDir: REGIONS_DIR, port: 0 });
    const requests: string[] = [];
    await use({
      core,
      host,
      dataDir,
      requests,
      async open(page, path) {
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`${host.url}${path}`);
        await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
      },
    });
    await host.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Asserts that every request stayed on the app's own origin (data: and blob: URLs are local). */
export function expectOnlyLocalRequests(app: App): void {
  const foreign = app.requests.filter((url) => !url.startsWith(app.host.url) && !/^(data|blob):/.test(url));
  expect(foreign, 'requests that left the app').toEqual([]);
}

export { expect };
