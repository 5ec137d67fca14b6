import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Core, createCore } from '../../../electron/core/app';
import { type Host, startHost } from '../../../electron/core/host/server';
import { REGIONS_DIR } from '../helpers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

// The host is tested against a tiny stand-in for the built windows: unit tests run before any build.
const WEB_DIR = mkdtempSync(join(tmpdir(), 'cur-web-'));
for (const role of ['wall', 'operator', 'briefing']) writeFileSync(join(WEB_DIR, `${role}.html`), `<!doctype html><title>${role}</title>`);

function externalAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? []) if (net.family === 'IPv4' && !net.internal) return net.address;
  }
  return null;
}

/** Makes calls one after another on one WebSocket (a sign-in holds for its connection). */
function wsCalls(url: string, calls: [string, unknown][], headers: Record<string, string> = {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const results: unknown[] = [];
    const next = () => {
      const call = calls[results.length];
      if (!call) {
        ws.close();
        resolve(results);
        return;
      }
      ws.send(JSON.stringify({ t: 'call', id: results.length + 1, method: call[0], arg: call[1] }));
    };
    ws.on('error', reject);
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('open', next);
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.t !== 'result') return;
      results.push(message);
      next();
    });
  });
}

const wsCall = async (url: string, method: string, arg: unknown, headers: Record<string, string> = {}) =>
  (await wsCalls(url, [[method, arg]], headers))[0];

describe('the built-in host', () => {
  let core: Core;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cur-host-'));
    core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 300 });
  });
  afterAll(() => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('on loopback', () => {
    let host: Host;
    beforeAll(async () => {
      host = await startHost({ core, webDir: WEB_DIR, regionsDir: REGIONS_DIR, port: 0 });
    });
    afterAll(() => host.close());

    it('reports the seeded counts on /healthz', async () => {
      const res = await fetch(`${host.url}/healthz`);
      const body = (await res.json()) as { ok: boolean; appeals: number; sources: { id: string; state: string; lastSyncAt: number | null }[] };
      const { n } = core.db.prepare('SELECT count(*) AS n FROM appeals').get() as { n: number };
      expect(body.ok).toBe(true);
      expect(body.appeals).toBe(n);
      expect(n).toBeGreaterThanOrEqual(300);
      expect(body.sources.map((s) => s.id)).toContain('line112');
      expect(body.sources[0]).toHaveProperty('state');
      expect(body.sources[0]).toHaveProperty('lastSyncAt');
    });

    it('serves the region pack and refuses paths that escape it', async () => {
      expect((await fetch(`${host.url}/regions/RU-NIZ/region.json`)).status).toBe(200);
      expect((await fetch(`${host.url}/regions/..%2f..%2fpackage.json`)).status).toBe(404);
    });

    it('answers the contract over the WebSocket and validates arguments there', async () => {
      const wsUrl = `${host.url.replace('http', 'ws')}/ws?role=operator`;
      const login = ['auth:login', { login: 'supervisor', password: 'supervisor' }] as [string, unknown];
      const [, ok] = (await wsCalls(wsUrl, [login, ['appeals:query', { limit: 3 }]])) as [unknown, { ok: boolean; result: { rows: unknown[] } }];
      expect(ok.ok).toBe(true);
      expect(ok.result.rows).toHaveLength(3);
      expect(await wsCall(wsUrl, 'appeals:query', { limit: 3 })).toMatchObject({ ok: false });
      const [, bad] = (await wsCalls(wsUrl, [login, ['appeals:query', { limit: 0 }]])) as [unknown, { ok: boolean; error: { code: string; message: string } }];
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-argument' } });
      expect(bad.error.message).toMatch(/limit/);
      const wallUrl = `${host.url.replace('http', 'ws')}/ws?role=wall`;
      expect(await wsCall(wallUrl, 'appeals:get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('sends the strict CSP with every page', async () => {
      const res = await fetch(`${host.url}/wall`);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    });
  });

  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startHost({ core, webDir: WEB_DIR, regionsDir: REGIONS_DIR, host: '0.0.0.0', port: 0 })).rejects.toThrow(/without an access token/);
  });

  describe('beyond loopback', () => {
    let host: Host;
    const token = 'test-token-5b1f';
    beforeAll(async () => {
      host = await startHost({ core, webDir: WEB_DIR, regionsDir: REGIONS_DIR, host: '0.0.0.0', port: 0, token });
    });
    afterAll(() => host.close());

    it('refuses HTTP and WebSocket requests without the token, with a clear message', async () => {
      const address = externalAddress() ?? '127.0.0.1';
      const base = `http://${address}:${host.port}`;
      const refused = await fetch(`${base}/healthz`);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toMatch(/Access token required/);
      expect((await fetch(`${base}/healthz`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
      await expect(wsCall(`ws://${address}:${host.port}/ws?role=wall`, 'sync:status', {})).rejects.toThrow(/401/);
    });

    it('accepts the token as a header, a query parameter (setting a cookie) and on the WebSocket', async () => {
      const address = externalAddress() ?? '127.0.0.1';
      const base = `http://${address}:${host.port}`;
      expect((await fetch(`${base}/healthz`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      const page = await fetch(`${base}/wall?token=${token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('set-cookie')).toMatch(/cur_token=.*HttpOnly/);
      expect(await wsCall(`ws://${address}:${host.port}/ws?role=wall`, 'sync:status', {}, { Cookie: `cur_token=${token}` })).toMatchObject({ ok: true });
    });
  });
});
