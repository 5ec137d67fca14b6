import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  secureWebPreferences,
} from '../../../electron/main/security';
import type { Role } from '../../../shared/domain';
import { FakeWebContents, fake, resetFake } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));

beforeEach(() => {
  resetFake();
});

const navigation = (url: string) => {
  const event = { url, preventDefault: vi.fn() };
  return event;
};

describe('window security (STYLE.md #5)', () => {
  it('every window is isolated, sandboxed, without Node and without <webview>', () => {
    const prefs = secureWebPreferences('/app/out/preload/wall.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/wall.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('navigation away from the app is refused; the app’s own pages are not', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8137/wall',
      'file:///etc/passwd',
      'app://evil/wall',
      'javascript:alert(1)',
    ]) {
      const event = navigation(url);
      contents.emit('will-navigate', event);
      expect(event.preventDefault, url).toHaveBeenCalled();
      const redirect = navigation(url);
      contents.emit('will-redirect', redirect);
      expect(redirect.preventDefault, url).toHaveBeenCalled();
    }
    const own = navigation('app://cur/operator');
    contents.emit('will-navigate', own);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('<webview> and new windows are refused', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://cur/wall' })).toEqual({ action: 'deny' });
  });

  it('only app://, devtools and in-memory data may be requested: nothing reaches the network', () => {
    for (const url of [
      'app://cur/wall',
      'app://cur/regions/RU-NIZ/outline.geojson',
      'devtools://devtools/bundled/inspector.html',
      'data:image/png;base64,AA==',
      'blob:app://cur/1b2c',
    ]) {
      expect(isAllowedRequest(url), url).toBe(true);
    }
    for (const url of [
      'https://tile.openstreetmap.org/1/1/1.png',
      'http://127.0.0.1:8137/healthz',
      'ws://127.0.0.1/ws',
      'wss://x.ru/',
      'file:///etc/passwd',
      'ftp://x/',
      'app://other/wall',
      'not a url',
    ]) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });
});

describe('session policy', () => {
  const roles = new Map<number, Role>();
  const operator = new FakeWebContents();
  const wall = new FakeWebContents();
  const briefing = new FakeWebContents();
  roles.set(operator.id, 'operator').set(wall.id, 'wall').set(briefing.id, 'briefing');
  const roleOf = (c: { id: number } | null | undefined) => (c ? roles.get(c.id) : undefined);

  it('permission requests and checks follow the role of the asking window', async () => {
    const session = (await import('electron')).session.defaultSession;
    hardenSession(session as never, roleOf as never);
    const ask = (contents: unknown, permission: string) =>
      new Promise<boolean>((resolve) => fake.permissionRequest!(contents, permission, resolve, {}));
    expect(await ask(operator, 'notifications')).toBe(true);
    expect(await ask(wall, 'notifications')).toBe(false);
    expect(await ask(briefing, 'notifications')).toBe(false);
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'display-capture',
    ]) {
      expect(await ask(operator, permission), permission).toBe(false);
      expect(fake.permissionCheck!(operator, permission, 'app://cur', {}), permission).toBe(false);
    }
    expect(fake.permissionCheck!(operator, 'notifications', 'app://cur', {})).toBe(true);
    expect(fake.permissionCheck!(wall, 'notifications', 'app://cur', {})).toBe(false);
    expect(fake.permissionCheck!(null, 'notifications', 'app://cur', {})).toBe(false);
    expect(await ask(new FakeWebContents(), 'notifications')).toBe(false);
  });

  it('cancels every request that would leave the app', async () => {
    const session = (await import('electron')).session.defaultSession;
    hardenSession(session as never, roleOf as never);
    const decide = (url: string) =>
      new Promise<{ cancel?: boolean }>((resolve) => fake.beforeRequest!({ url }, resolve));
    expect(await decide('https://api-maps.yandex.ru/2.1/')).toEqual({ cancel: true });
    expect(await decide('http://localhost:5173/')).toEqual({ cancel: true });
    expect(await decide('app://cur/assets/wall.js')).toEqual({ cancel: false });
  });
});
