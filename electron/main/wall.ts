import type { BrowserWindow, PowerSaveBlocker, Screen } from 'electron';
import { chooseWallDisplay } from './displays';
import type { ShellSettings } from './settings';
import type { WindowRegistry } from './windows';

/** Injected into every page the wall loads: an unattended wall never shows a pointer. */
export const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

export interface WallOptions {
  registry: Pick<WindowRegistry, 'create'>;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'on' | 'removeListener'>;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>;
  settings: ShellSettings;
  /** How long a hung renderer may stay unresponsive before it is killed and reloaded. */
  hangGraceMs?: number;
  /** Pause before reloading a crashed renderer, so a page that crashes at once cannot spin the CPU. */
  reloadDelayMs?: number;
}

export const DEFAULT_HANG_GRACE_MS = 10_000;
export const DEFAULT_RELOAD_DELAY_MS = 1_000;

/** Opens the wall in kiosk full screen on its display and keeps it alive there. */
export function openWall(options: WallOptions): BrowserWindow {
  const { screen } = options;
  const display = chooseWallDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id, options.settings);
  const win = options.registry.create('wall', {
    ...display.bounds,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
  });
  win.removeMenu();
  superviseWall(win, options);
  followWallDisplay(win, options);
  return win;
}

/**
 * A wall display switched on after the app (or unplugged) takes the wall with it: the choice is made
 * again on every change of displays, so the wall never stays on the operator's monitor by accident.
 */
function followWallDisplay(win: BrowserWindow, { screen, settings }: Pick<WallOptions, 'screen' | 'settings'>): void {
  const follow = () => {
    if (win.isDestroyed()) return;
    const target = chooseWallDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id, settings).bounds;
    const now = win.getBounds();
    if (now.x === target.x && now.y === target.y && now.width === target.width && now.height === target.height) return;
    // A kiosk window ignores new bounds: leave kiosk mode, move, and enter it again on the new display.
    win.setKiosk(false);
    win.setBounds(target);
    win.setKiosk(true);
  };
  screen.on('display-added', follow);
  screen.on('display-removed', follow);
  screen.on('display-metrics-changed', follow);
  win.on('closed', () => {
    screen.removeListener('display-added', follow);
    screen.removeListener('display-removed', follow);
    screen.removeListener('display-metrics-changed', follow);
  });
}

/**
 * Keeps the display awake, hides the cursor, and reloads the page when its renderer crashes or
 * hangs longer than the grace period: nobody is at the wall to click "reload".
 */
export function superviseWall(
  win: BrowserWindow,
  options: Pick<WallOptions, 'powerSaveBlocker' | 'hangGraceMs' | 'reloadDelayMs'>,
): void {
  const { powerSaveBlocker } = options;
  const hangGraceMs = options.hangGraceMs ?? DEFAULT_HANG_GRACE_MS;
  const reloadDelayMs = options.reloadDelayMs ?? DEFAULT_RELOAD_DELAY_MS;
  const contents = win.webContents;
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let hangTimer: ReturnType<typeof setTimeout> | undefined;

  const scheduleReload = (why: string) => {
    if (reloadTimer) return;
    console.warn(`[wall] reloading: ${why}`);
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      if (!win.isDestroyed()) contents.reload();
    }, reloadDelayMs);
  };

  contents.on('dom-ready', () => {
    contents.insertCSS(HIDE_CURSOR_CSS).catch(() => {});
  });
  contents.on('render-process-gone', (_event, details) => scheduleReload(`renderer gone (${details.reason})`));
  win.on('unresponsive', () => {
    hangTimer ??= setTimeout(() => {
      hangTimer = undefined;
      if (win.isDestroyed()) return;
      contents.forcefullyCrashRenderer();
      scheduleReload(`unresponsive for ${hangGraceMs} ms`);
    }, hangGraceMs);
  });
  win.on('responsive', () => {
    clearTimeout(hangTimer);
    hangTimer = undefined;
  });
  win.on('closed', () => {
    clearTimeout(hangTimer);
    clearTimeout(reloadTimer);
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  });
}
