import { readFile, stat } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { Role } from '../../shared/domain';
import { contentTypeOf, safeJoin } from '../core/host/static';

/**
 * The windows load from `app://cur/…`, never from file:// or http: a standard, secure scheme gives
 * them a real origin, so `'self'` in the CSP and same-origin fetches of `/regions/…` behave exactly
 * as they do when the host serves the same files over HTTP.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cur';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready: Electron fixes scheme privileges at start-up. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: true,
        stream: true,
        codeCache: true,
      },
    },
  ]);
}

export function pageUrl(role: Role): string {
  return `${APP_ORIGIN}/${role}`;
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export interface AppDirs {
  /** The built windows: out/renderer (wall.html, operator.html, briefing.html, assets/). */
  webDir: string;
  /** Region packs: resources/regions in development, <resources>/regions when packaged. */
  regionsDir: string;
}

const PAGES: Record<string, string> = {
  '/wall': 'wall.html',
  '/operator': 'operator.html',
  '/briefing': 'briefing.html',
};

/** Maps an app:// URL to a file, mirroring the host's routes; null for anything outside the roots. */
export function resolveAppFile(url: string, dirs: AppDirs): string | null {
  if (!isAppUrl(url)) return null;
  const path = new URL(url).pathname.replace(/\/+$/, '') || '/';
  const page = PAGES[path];
  if (page) return safeJoin(dirs.webDir, page);
  if (path.startsWith('/regions/')) return safeJoin(dirs.regionsDir, path.slice('/regions/'.length));
  return safeJoin(dirs.webDir, path);
}


const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function notFound(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The app:// handler: the built windows and region packs, each response with the one CSP. */
export function createAppHandler(dirs: AppDirs): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return notFound(405, `Method ${request.method} is not allowed`);
    const file = resolveAppFile(request.url, dirs);
    if (!file) return notFound(404, 'Not found');
    try {
      if (!(await stat(file)).isFile()) return notFound(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: { ...BASE_HEADERS, 'Content-Type': contentTypeOf(file) },
      });
    } catch {
      return notFound(404, 'Not found');
    }
  };
}

export function serveApp(protocol: Pick<Protocol, 'handle'>, dirs: AppDirs): void {
  protocol.handle(APP_SCHEME, createAppHandler(dirs));
}
