import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventsForRole } from '../../../shared/api';
import { WindowRegistry } from '../../../electron/main/windows';
import { FakeBrowserWindow, FakeWebContents, resetFake, windows } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));

beforeEach(() => {
  resetFake();
});

const registry = () => new WindowRegistry((role) => `/app/out/preload/${role}.cjs`);

describe('window registry (STYLE.md #6)', () => {
  it('creates each role with its own page and its own preload, locked down the same way', () => {
    const reg = registry();
    for (const role of ['wall', 'operator', 'briefing'] as const) {
      const win = reg.create(role) as unknown as FakeBrowserWindow;
      expect(win.loaded).toEqual([`app://cur/${role}`]);
      expect(win.options.webPreferences).toMatchObject({
        preload: `/app/out/preload/${role}.cjs`,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
      });
      expect(win.options.show).toBe(false);
      win.emit('ready-to-show');
      expect(win.shown).toBe(true);
    }
  });

  it('options of a role cannot loosen webPreferences', () => {
    const win = registry().create('operator', {
      webPreferences: { sandbox: false, nodeIntegration: true },
    }) as unknown as FakeBrowserWindow;
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, nodeIntegration: false });
  });

  it('finds windows by role and knows the role of their contents; forgets closed ones', () => {
    const reg = registry();
    const wall = reg.create('wall') as unknown as FakeBrowserWindow;
    const op1 = reg.create('operator') as unknown as FakeBrowserWindow;
    const op2 = reg.create('operator') as unknown as FakeBrowserWindow;
    expect(reg.find('operator')).toEqual([op1, op2]);
    expect(reg.roleOf(wall.webContents as never)).toBe('wall');
    expect(reg.roleOf(op2.webContents as never)).toBe('operator');
    expect(reg.roleOf(new FakeWebContents() as never)).toBeUndefined();
    expect(reg.roleOf(null)).toBeUndefined();
    op1.close();
    expect(reg.find('operator')).toEqual([op2]);
    expect(reg.roleOf(op1.webContents as never)).toBeUndefined();
  });

  it('broadcasts an event only to the roles that may receive it', () => {
    const reg = registry();
    reg.create('wall');
    reg.create('operator');
    reg.create('briefing');
    const [wall, operator, briefing] = windows();
    expect(eventsForRole('wall')).toContain('wall:show');
    expect(eventsForRole('operator')).not.toContain('wall:show');
    reg.broadcast('wall:show', { kind: 'appeal', id: '42', seconds: 30 });
    expect(wall!.webContents.sent).toEqual([
      { channel: 'wall:show', payload: { kind: 'appeal', id: '42', seconds: 30 } },
    ]);
    expect(operator!.webContents.sent).toEqual([]);
    expect(briefing!.webContents.sent).toEqual([]);
  });
});
