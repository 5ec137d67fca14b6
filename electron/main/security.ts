import type { Session, WebContents, WebPreferences } from 'electron';
import type { Role } from '../../shared/domain';
import { isAppUrl } from './protocol';

/**
 * Every window is locked down the same way (STYLE.md #5): no Node, an isolated and sandboxed
 * renderer, no <webview>. Only the preload differs per role.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Schemes a window may load at all; everything else (http, https, ws, file, ftp…) is cancelled. */
const ALLOWED_REQUEST_SCHEMES = new Set(['app:', 'devtools:', 'data:', 'blob:']);

/** True for the app's own files, devtools and in-memory data: no request may reach the network. */
export function isAllowedRequest(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'app:') return isAppUrl(url);
    return ALLOWED_REQUEST_SCHEMES.has(protocol);
  } catch {
    return false;
  }
}

/** Refuses navigation away from the app, new windows and <webview> for one webContents. */
export function hardenWebContents(contents: WebContents): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', (event) => refuseForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export type RoleOf = (contents: WebContents | null | undefined) => Role | undefined;

/** Only the operator may show notifications (deadline alerts); nothing else is ever granted. */
export function permissionAllowed(role: Role | undefined, permission: string): boolean {
  return role === 'operator' && permission === 'notifications';
}

/** Permission and network policy of the session every window shares. */
export function hardenSession(session: Session, roleOf: RoleOf): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(permissionAllowed(roleOf(contents), permission));
  });
  session.setPermissionCheckHandler((contents, permission) => permissionAllowed(roleOf(contents), permission));
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
}
