import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { ContractError, eventsForRole, type EventName } from '../../../shared/api';
import { ClientMessage, type ServerMessage } from '../../../shared/api/wire';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { Role } from '../../../shared/domain';
import { type Core, healthOf } from '../app';
import type { CallContext } from '../rpc';
import { safeJoin, serveFile } from './static';

export interface HostOptions {
  core: Core;
  /** Built renderer (out/renderer): wall.html, operator.html, briefing.html and assets/. */
  webDir: string;
  regionsDir: string;
  host?: string;
  port?: number;
  /** Required when listening on anything but loopback. */
  token?: string;
}

export interface Host {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

const TOKEN_COOKIE = 'cur_token';
const PAGES: Record<string, Role> = { '/wall': 'wall', '/operator': 'operator', '/briefing': 'briefing' };

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(TOKEN_COOKIE.length + 1)) : undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The built-in host: the same windows and the same contract as the Electron app, over HTTP and a
 * WebSocket, for a wall controller's kiosk browser or a second workstation.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const host = options.host ?? '127.0.0.1';
  const { core, token } = options;
  if (!isLoopback(host) && !token) {
    throw new Error(
      `Refusing to listen on ${host} without an access token: pass --token (or CUR_HOST_TOKEN) so that only those who know it can connect.`,
    );
  }
  const requireToken = token !== undefined && token !== '';

  const authorized = (req: IncomingMessage, url: URL): boolean => !requireToken || sameToken(tokenOf(req, url), token!);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (!authorized(req, url)) {
      json(res, 401, {
        ok: false,
        error: 'Access token required: this host listens beyond this computer. Open the address with ?token=<token> or send "Authorization: Bearer <token>".',
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(res, 405, { ok: false, error: `Method ${req.method} is not allowed` });
      return;
    }
    const cookie: Record<string, string> =
      requireToken && url.searchParams.get('token')
        ? { 'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token!)}; HttpOnly; SameSite=Strict; Path=/` }
        : {};
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/healthz') return json(res, 200, healthOf(core));
    if (path === '/') {
      res.writeHead(302, { Location: '/operator' });
      res.end();
      return;
    }
    const role = PAGES[path];
    if (role && serveFile(res, join(options.webDir, `${role}.html`), { ...SECURITY_HEADERS, ...cookie })) return;
    if (path.startsWith('/regions/') && serveFile(res, safeJoin(options.regionsDir, path.slice('/regions/'.length)), SECURITY_HEADERS)) return;
    if (serveFile(res, safeJoin(options.webDir, path), SECURITY_HEADERS)) return;
    json(res, 404, { ok: false, error: `Not found: ${path}` });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const role = Role.safeParse(url.searchParams.get('role'));
    if (url.pathname !== '/ws' || !authorized(req, url) || !role.success) {
      const reason = !authorized(req, url) ? '401 Unauthorized' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason === '401 Unauthorized' ? 'Access token required' : 'Expected /ws?role=wall|operator|briefing'}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, role.data, core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function attachClient(ws: WebSocket, role: Role, core: Core): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  // People sign in per connection (auth:login / auth:resume set ctx.session); handlers read it.
  const ctx: CallContext = { role, via: 'host', session: { user: null } };
  const allowed = new Set<EventName>(eventsForRole(role));
  const unsubscribe = core.bus.subscribe((name, payload) => {
    // An operator connection hears nothing about appeals until someone has signed in on it.
    if (allowed.has(name) && (role !== 'operator' || ctx.session?.user)) send({ t: 'event', name, payload });
  });
  ws.on('close', unsubscribe);
  ws.on('message', async (data) => {
    let parsed: ClientMessage;
    try {
      parsed = ClientMessage.parse(JSON.parse(data.toString()));
    } catch {
      send({ t: 'result', id: -1, ok: false, error: { code: 'bad-message', message: 'Malformed message: expected {t:"call", id, method, arg}' } });
      return;
    }
    try {
      const result = await core.registry.call(parsed.method, parsed.arg, ctx);
      send({ t: 'result', id: parsed.id, ok: true, result });
    } catch (error) {
      const code = error instanceof ContractError ? error.code : 'failed';
      send({ t: 'result', id: parsed.id, ok: false, error: { code, message: (error as Error).message } });
    }
  });
}
