import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openOperator, OPERATOR_DEFAULT_SIZE } from '../../../electron/main/operator';
import { createSettingsStore, loadShellSettings } from '../../../electron/main/settings';
import { WindowRegistry } from '../../../electron/main/windows';
import { tempDir } from '../helpers';
import { display, electronModule, fake, type FakeBrowserWindow, resetFake } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));

beforeEach(() => {
  resetFake();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function open(file: string) {
  const store = createSettingsStore(file);
  const registry = new WindowRegistry((role) => `/p/${role}.cjs`);
  const win = openOperator({ registry, screen: electronModule.screen as never, store }) as unknown as FakeBrowserWindow;
  return { win, store, registry };
}

describe('operator windows', () => {
  it('open at the default size, centred on the primary display, the first time', () => {
    const { win, registry } = open(join(tempDir(), 'shell.json'));
    expect(win.options).toMatchObject({ x: 240, y: 70, ...OPERATOR_DEFAULT_SIZE });
    expect(win.loaded).toEqual(['app://cur/operator']);
    expect(registry.roleOf(win.webContents as never)).toBe('operator');
  });

  it('remember size and position on close and come back there', () => {
    fake.displays = [display(1, 0, 0, 1920, 1080), display(2, 1920, 0, 2560, 1440)];
    const file = join(tempDir(), 'shell.json');
    const first = open(file).win;
    first.bounds = { x: 2000, y: 100, width: 1200, height: 800 };
    first.close();
    expect(loadShellSettings(file).operatorBounds).toEqual({
      x: 2000,
      y: 100,
      width: 1200,
      height: 800,
      maximized: false,
    });
    expect(open(file).win.options).toMatchObject({ x: 2000, y: 100, width: 1200, height: 800 });
  });

  it('save a move shortly after it ends', () => {
    const file = join(tempDir(), 'shell.json');
    const { win } = open(file);
    win.setBounds({ x: 10, y: 20 });
    win.setBounds({ x: 30, y: 40 });
    expect(loadShellSettings(file).operatorBounds).toBeUndefined();
    vi.advanceTimersByTime(500);
    expect(loadShellSettings(file).operatorBounds).toMatchObject({ x: 30, y: 40 });
  });

  it('come back maximized, and on a visible display when theirs was unplugged', () => {
    fake.displays = [display(1, 0, 0, 1920, 1080), display(2, 1920, 0, 2560, 1440)];
    const file = join(tempDir(), 'shell.json');
    const first = open(file).win;
    first.bounds = { x: 2500, y: 300, width: 1000, height: 700 };
    first.maximized = true;
    first.close();
    fake.displays = [display(1, 0, 0, 1920, 1080)];
    const again = open(file).win;
    expect(again.maximized).toBe(true);
    expect(again.options).toMatchObject({ x: 240, y: 70, width: 1440, height: 900 });
  });
});
