import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../shared/api/bridge';
import { registerIpc } from '../../../electron/main/ipc';
import { exportPdfHandler } from '../../../electron/main/pdf';
import { WindowRegistry } from '../../../electron/main/windows';
import { tempDir } from '../helpers';
import { electronModule, fake, type FakeBrowserWindow, resetFake } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));

let reg: WindowRegistry;
let docs: string;
beforeEach(() => {
  resetFake();
  docs = tempDir();
  reg = new WindowRegistry((role) => `/p/${role}.cjs`);
  const core = { call: () => Promise.reject(new Error('the core must not see briefing:exportPdf')) };
  registerIpc(electronModule.ipcMain as never, core, reg.roleOf, {
    'briefing:exportPdf': exportPdfHandler({
      dialog: electronModule.dialog as never,
      windowOf: reg.windowOf,
      documentsDir: () => docs,
      now: () => new Date('2026-03-05T10:00:00Z'),
    }),
  });
});

const exportFrom = (win: FakeBrowserWindow, arg: unknown = {}) =>
  fake.ipcHandlers.get('briefing:exportPdf')!(
    { sender: win.webContents, senderFrame: { url: win.loaded[0] } },
    arg,
  ) as Promise<Envelope>;

describe('briefing:exportPdf (handled by the shell)', () => {
  it('prints the briefing window to an A4-landscape PDF where the user saves it', async () => {
    const briefing = reg.create('briefing') as unknown as FakeBrowserWindow;
    const file = join(docs, 'brief.pdf');
    fake.saveDialog = { canceled: false, filePath: file };
    expect(await exportFrom(briefing)).toEqual({ ok: true, result: { file } });
    expect(readFileSync(file, 'utf8')).toMatch(/^%PDF-/);
    expect(briefing.webContents.printed).toEqual([
      expect.objectContaining({ landscape: true, pageSize: 'A4', printBackground: true }),
    ]);
    expect(fake.saveDialogs).toEqual([
      { parent: briefing, options: expect.objectContaining({ defaultPath: join(docs, 'Брифинг ЦУР 2026-03-05.pdf') }) },
    ]);
  });

  it('prints nothing when the dialog is cancelled', async () => {
    const briefing = reg.create('briefing') as unknown as FakeBrowserWindow;
    expect(await exportFrom(briefing)).toEqual({ ok: true, result: { file: null } });
    expect(briefing.webContents.printed).toEqual([]);
  });

  it('is the briefing window’s alone, and validates its argument like any contract method', async () => {
    const operator = reg.create('operator') as unknown as FakeBrowserWindow;
    expect(await exportFrom(operator)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const briefing = reg.create('briefing') as unknown as FakeBrowserWindow;
    expect(await exportFrom(briefing, { path: '/etc/x.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'bad-argument' },
    });
    expect(fake.saveDialogs).toEqual([]);
  });
});
