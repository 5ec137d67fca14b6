import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MethodResult, methodNames, methodsForRole } from '../../../shared/api';
import type { Envelope } from '../../../shared/api/bridge';
import { type Core, createCore } from '../../../electron/core/app';
import { forwardEvents, registerIpc } from '../../../electron/main/ipc';
import { WindowRegistry } from '../../../electron/main/windows';
import { REGIONS_DIR } from '../helpers';
import { electronModule, fake, type FakeBrowserWindow, FakeWebContents, resetFake } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));

let core: Core;
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cur-ipc-'));
  core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 200, watchIntervalMs: 60_000 });
});
afterAll(() => {
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let reg: WindowRegistry;
beforeEach(() => {
  resetFake();
  reg = new WindowRegistry((role) => `/p/${role}.cjs`);
  registerIpc(electronModule.ipcMain as never, core.registry, reg.roleOf);
});

/** What `ipcRenderer.invoke` from this window's main frame would get back. */
function invoke(
  win: FakeBrowserWindow | FakeWebContents,
  channel: string,
  arg: unknown,
  frameUrl?: string,
): Promise<Envelope> {
  const sender = win instanceof FakeWebContents ? win : win.webContents;
  const url = frameUrl ?? (win instanceof FakeWebContents ? 'app://cur/wall' : win.loaded[0]!);
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler on ${channel}`);
  return handler({ sender, senderFrame: { url } }, arg) as Promise<Envelope>;
}

describe('IPC bridge in main', () => {
  it('handles every contract method on the channel of its name', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('answers a window of a permitted role with the core’s result in an envelope', async () => {
    const wall = reg.create('wall') as unknown as FakeBrowserWindow;
    const answer = await invoke(wall, 'wall:summary', {});
    expect(answer.ok).toBe(true);
    expect((answer as { result: { today: number } }).result.today).toEqual(expect.any(Number));
  });

  it('refuses a method the window’s role may not call, whatever the renderer claims', async () => {
    const wall = reg.create('wall') as unknown as FakeBrowserWindow;
    expect(methodsForRole('wall')).not.toContain('appeals:query');
    const answer = await invoke(wall, 'appeals:query', { role: 'operator' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'The wall window may not call appeals:query' },
    });
    expect(await invoke(wall, 'wall:show', { kind: 'appeal', id: '1', seconds: 30 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses contents the registry did not create and frames that are not the app’s', async () => {
    expect(await invoke(new FakeWebContents(), 'wall:summary', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const wall = reg.create('wall') as unknown as FakeBrowserWindow;
    expect(await invoke(wall, 'wall:summary', {}, 'https://example.com/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('carries a contract error’s code and message across', async () => {
    const operator = reg.create('operator') as unknown as FakeBrowserWindow;
    const bad = await invoke(operator, 'appeals:get', { id: 'one' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-argument' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/Invalid argument for appeals:get: id/);
    const missing = await invoke(operator, 'appeals:get', { id: 999_999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'failed', message: 'Appeal 999999999 does not exist' } });
  });

  it('hands personal data to the operator only', async () => {
    const operator = reg.create('operator') as unknown as FakeBrowserWindow;
    const page = (await invoke(operator, 'appeals:query', {})) as { ok: true; result: MethodResult<'appeals:query'> };
    expect(page.ok).toBe(true);
    // Not every demo appeal has an author: ask for one that has.
    const id = core.db.prepare('SELECT appeal_id FROM appeal_authors ORDER BY appeal_id LIMIT 1').pluck().get() as number;
    const card = await invoke(operator, 'appeals:get', { id });
    expect(card).toMatchObject({ ok: true, result: { author: { name: expect.any(String) } } });
  });

  it('forwards core events to the windows whose role receives them', () => {
    reg.create('wall');
    reg.create('operator');
    const stop = forwardEvents(core.bus, reg);
    core.bus.emit('wall:show', { kind: 'municipality', id: 'RU-NIZ-001', seconds: 60 });
    stop();
    core.bus.emit('wall:show', { kind: 'municipality', id: 'RU-NIZ-002', seconds: 60 });
    const [wall, operator] = reg.all().map((e) => e.win as unknown as FakeBrowserWindow);
    expect(wall!.webContents.sent).toEqual([
      { channel: 'wall:show', payload: { kind: 'municipality', id: 'RU-NIZ-001', seconds: 60 } },
    ]);
    expect(operator!.webContents.sent).toEqual([]);
  });

  it('tells the core the caller’s role, as a local IPC call', async () => {
    resetFake();
    const calls: unknown[] = [];
    registerIpc(
      electronModule.ipcMain as never,
      { call: async (...args: unknown[]) => void calls.push(args) },
      reg.roleOf,
    );
    const operator = reg.create('operator') as unknown as FakeBrowserWindow;
    await invoke(operator, 'wall:show', { kind: 'appeal', id: '3', seconds: 15 });
    expect(calls).toEqual([['wall:show', { kind: 'appeal', id: '3', seconds: 15 }, { role: 'operator', via: 'ipc' }]]);
  });

  it('can be unregistered', () => {
    resetFake();
    const dispose = registerIpc(electronModule.ipcMain as never, core.registry, reg.roleOf);
    expect(fake.ipcHandlers.size).toBe(methodNames.length);
    dispose();
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
