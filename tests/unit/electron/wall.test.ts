import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIDE_CURSOR_CSS, openWall } from '../../../electron/main/wall';
import { WindowRegistry } from '../../../electron/main/windows';
import type { ShellSettings } from '../../../electron/main/settings';
import { display, electronModule, fake, type FakeBrowserWindow, resetFake } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));

beforeEach(() => {
  resetFake();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function open(settings: ShellSettings = {}) {
  const registry = new WindowRegistry((role) => `/p/${role}.cjs`);
  const win = openWall({
    registry,
    screen: electronModule.screen as never,
    powerSaveBlocker: electronModule.powerSaveBlocker as never,
    settings,
    hangGraceMs: 5000,
    reloadDelayMs: 1000,
  }) as unknown as FakeBrowserWindow;
  return { win, registry };
}

describe('the wall window', () => {
  it('opens in kiosk full screen on the display chosen in settings, without a menu', () => {
    fake.displays = [display(1, 0, 0, 1920, 1080), display(2, 1920, 0, 3840, 2160), display(3, -1280, 0, 1280, 1024)];
    const { win, registry } = open({ wallDisplayId: 3 });
    expect(win.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      x: -1280,
      y: 0,
      width: 1280,
      height: 1024,
    });
    expect(win.loaded).toEqual(['app://cur/wall']);
    expect(win.menuRemoved).toBe(true);
    expect(registry.roleOf(win.webContents as never)).toBe('wall');
  });

  it('falls back to the largest secondary display, then the primary', () => {
    fake.displays = [display(1, 0, 0, 1920, 1080), display(2, 1920, 0, 3840, 2160), display(3, -1280, 0, 1280, 1024)];
    expect(open({ wallDisplayId: 77 }).win.options).toMatchObject({
      x: 1920,
      y: 0,
      width: 3840,
      height: 2160,
      kiosk: true,
    });
    resetFake();
    fake.displays = [display(1, 0, 0, 1920, 1080)];
    expect(open().win.options).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080, kiosk: true });
  });

  it('follows the wall display when it is plugged in or out after start', () => {
    fake.displays = [display(1, 0, 0, 1920, 1080)];
    const { win } = open();
    expect(win.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    fake.displays = [display(1, 0, 0, 1920, 1080), display(2, 1920, 0, 3840, 2160)];
    fake.screenEvents.emit('display-added');
    expect(win.bounds).toEqual({ x: 1920, y: 0, width: 3840, height: 2160 });
    expect(win.kiosk).toBe(true);
    fake.displays = [display(1, 0, 0, 1920, 1080)];
    fake.screenEvents.emit('display-removed');
    expect(win.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    win.close();
    expect(fake.screenEvents.listenerCount('display-added')).toBe(0);
  });

  it('keeps the display awake while it is open', () => {
    const { win } = open();
    expect(fake.blockerTypes).toEqual(['prevent-display-sleep']);
    expect(fake.blockers.size).toBe(1);
    win.close();
    expect(fake.blockers.size).toBe(0);
  });

  it('hides the cursor on every page load', () => {
    const { win } = open();
    win.webContents.emit('dom-ready');
    win.webContents.emit('dom-ready');
    expect(win.webContents.insertedCss).toEqual([HIDE_CURSOR_CSS, HIDE_CURSOR_CSS]);
    expect(HIDE_CURSOR_CSS).toMatch(/cursor:\s*none\s*!important/);
  });

  it('reloads itself when its renderer crashes, once per crash, after a short pause', () => {
    const { win } = open();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win.webContents.reloads).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(win.webContents.reloads).toBe(1);
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    vi.advanceTimersByTime(1000);
    expect(win.webContents.reloads).toBe(2);
  });

  it('kills and reloads a renderer that stays unresponsive past the grace period', () => {
    const { win } = open();
    win.emit('unresponsive');
    vi.advanceTimersByTime(4999);
    expect(win.webContents.crashes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(win.webContents.crashes).toBe(1);
    // The killed renderer reports itself gone too: still one reload.
    win.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    vi.advanceTimersByTime(1000);
    expect(win.webContents.reloads).toBe(1);
  });

  it('leaves a renderer that recovers within the grace period alone', () => {
    const { win } = open();
    win.emit('unresponsive');
    vi.advanceTimersByTime(3000);
    win.emit('responsive');
    vi.advanceTimersByTime(10_000);
    expect(win.webContents.crashes).toBe(0);
    expect(win.webContents.reloads).toBe(0);
  });

  it('does not touch a window that was closed meanwhile', () => {
    const { win } = open();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    win.close();
    vi.advanceTimersByTime(5000);
    expect(win.webContents.reloads).toBe(0);
  });
});
