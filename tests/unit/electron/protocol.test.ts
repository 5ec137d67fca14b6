import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { createAppHandler, registerAppScheme, resolveAppFile, serveApp } from '../../../electron/main/protocol';
import { REGIONS_DIR, tempDir } from '../helpers';
import { electronModule, fake, resetFake } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));

function webDir(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'wall.html'), '<!doctype html><title>wall</title>');
  writeFileSync(join(dir, 'operator.html'), '<!doctype html><title>operator</title>');
  writeFileSync(join(dir, 'briefing.html'), '<!doctype html><title>briefing</title>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'wall-1.js'), 'console.log(1)');
  return dir;
}

describe('app:// protocol', () => {
  it('is registered privileged as a standard, secure scheme with fetch', () => {
    resetFake();
    registerAppScheme(electronModule.protocol);
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
  });

  it('maps pages, assets and region packs like the host does, and nothing outside them', () => {
    const dirs = { webDir: '/w', regionsDir: '/r' };
    expect(resolveAppFile('app://cur/wall', dirs)).toBe('/w/wall.html');
    expect(resolveAppFile('app://cur/operator/', dirs)).toBe('/w/operator.html');
    expect(resolveAppFile('app://cur/briefing.html', dirs)).toBe('/w/briefing.html');
    expect(resolveAppFile('app://cur/assets/wall-1.js?x=1', dirs)).toBe('/w/assets/wall-1.js');
    expect(resolveAppFile('app://cur/regions/RU-NIZ/outline.geojson', dirs)).toBe('/r/RU-NIZ/outline.geojson');
    expect(resolveAppFile('app://cur/regions/..%2F..%2Fetc/passwd', dirs)).toBeNull();
    // The URL parser folds encoded dot segments away: what is left stays under the root.
    expect(resolveAppFile('app://cur/%2e%2e/%2e%2e/etc/passwd', dirs)).toBe('/w/etc/passwd');
    expect(resolveAppFile('app://other/wall', dirs)).toBeNull();
    expect(resolveAppFile('https://cur/wall', dirs)).toBeNull();
  });

  it('serves every file with the one CSP and its type', async () => {
    resetFake();
    const dirs = { webDir: webDir(), regionsDir: REGIONS_DIR };
    serveApp(electronModule.protocol, dirs);
    const handle = fake.protocolHandlers.get('app')!;
    const page = await handle(new Request('app://cur/wall'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>wall</title>');

    const script = await handle(new Request('app://cur/assets/wall-1.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    const region = await handle(new Request('app://cur/regions/RU-NIZ/municipalities.geojson'));
    expect(region.status).toBe(200);
    expect(region.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(region.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const geojson = (await region.json()) as { type: string; features: unknown[] };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.length).toBeGreaterThan(10);
  });

  it('answers 404 for what is missing or outside, 405 for anything but GET and HEAD', async () => {
    const handle = createAppHandler({ webDir: webDir(), regionsDir: REGIONS_DIR });
    expect((await handle(new Request('app://cur/nope.js'))).status).toBe(404);
    expect((await handle(new Request('app://cur/assets'))).status).toBe(404);
    expect((await handle(new Request('app://cur/regions/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    expect((await handle(new Request('app://cur/wall', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://cur/wall', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
