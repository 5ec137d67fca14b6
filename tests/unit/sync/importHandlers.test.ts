import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ImportProgress } from '../../../shared/api/imports';
import { IMPORT_CHUNK_BYTES } from '../../../shared/api/imports';
import { type Core, createCore } from '../../../electron/core/app';
import type { CallContext } from '../../../electron/core/rpc';
import { importTempDir } from '../../../electron/core/sync/importHandlers';
import { REGIONS_DIR, tempDir } from '../helpers';

const HEADER = 'Номер;Дата;Текст обращения;Категория;Статус;Адрес;Район\n';
const line = (i: number) =>
  `ИМ-${i};15.01.2026 ${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')};Не вывозят мусор во дворе дома ${i};Мусор;new;ул. Горького, ${i % 90};\n`;
const csv = (rows: number, extra = '') => {
  let text = HEADER;
  for (let i = 0; i < rows; i++) text += line(i);
  return iconv.encode(text + extra, 'windows-1251');
};
const MAPPING = {
  externalId: 'Номер',
  receivedAt: 'Дата',
  text: 'Текст обращения',
  category: 'Категория',
  status: 'Статус',
  address: 'Адрес',
  categoryMap: {},
};
const LOCAL: CallContext = { role: 'operator', via: 'ipc' };

function core(): Core {
  const dataDir = tempDir();
  const c = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 0 });
  onTestFinished(() => c.close());
  return c;
}

async function upload(c: Core, data: Buffer, ctx = LOCAL): Promise<string> {
  const { uploadId } = (await c.registry.call(
    'import:begin',
    { fileName: 'export.csv', size: data.length, format: 'csv', encoding: 'windows-1251', sourceId: 'hotline' },
    ctx,
  )) as { uploadId: string };
  for (let offset = 0; offset < data.length; offset += IMPORT_CHUNK_BYTES) {
    const chunk = data.subarray(offset, offset + IMPORT_CHUNK_BYTES);
    await c.registry.call('import:chunk', { uploadId, offset, data: chunk.toString('base64') }, ctx);
  }
  return uploadId;
}

/** Collects one upload's progress events until its import ends. */
function ended(
  c: Core,
  uploadId: string,
  onRunning?: (p: ImportProgress) => void,
): { events: ImportProgress[]; done: Promise<ImportProgress> } {
  const events: ImportProgress[] = [];
  const done = new Promise<ImportProgress>((resolve) => {
    const off = c.bus.subscribe((name, payload) => {
      if (name !== 'import:progress' || (payload as ImportProgress).uploadId !== uploadId) return;
      const p = payload as ImportProgress;
      events.push(p);
      if (p.state === 'running') onRunning?.(p);
      else {
        off();
        resolve(p);
      }
    });
  });
  return { events, done };
}

const hotlineCount = (c: Core) =>
  c.db
    .prepare("SELECT count(*) FROM appeals WHERE source_id = 'hotline' AND external_id LIKE 'ИМ-%'")
    .pluck()
    .get() as number;

describe('file import through the contract', () => {
  it('uploads in chunks, previews, imports with progress and removes the upload', async () => {
    const c = core();
    const data = csv(8000, 'ИМ-bad;когда-то;Текст;Мусор;new;;\n');
    expect(data.length).toBeGreaterThan(IMPORT_CHUNK_BYTES);
    const { uploadId } = (await c.registry.call(
      'import:begin',
      { fileName: 'a.csv', size: data.length, format: 'csv', encoding: 'windows-1251', sourceId: 'hotline' },
      LOCAL,
    )) as { uploadId: string };
    await expect(
      c.registry.call('import:chunk', { uploadId, offset: 10, data: data.subarray(0, 100).toString('base64') }, LOCAL),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(c.registry.call('import:preview', { uploadId }, LOCAL)).rejects.toMatchObject({ code: 'conflict' });
    const tooMuch = Buffer.alloc(100, 0x41);
    // Over the contract's chunk cap: refused before any byte is written.
    await expect(
      c.registry.call(
        'import:chunk',
        { uploadId, offset: 0, data: data.subarray(0, data.length - 50).toString('base64') },
        LOCAL,
      ),
    ).rejects.toMatchObject({ code: 'bad-argument' });
    await c.registry.call(
      'import:chunk',
      { uploadId, offset: 0, data: data.subarray(0, IMPORT_CHUNK_BYTES).toString('base64') },
      LOCAL,
    );
    await c.registry.call(
      'import:chunk',
      {
        uploadId,
        offset: IMPORT_CHUNK_BYTES,
        data: data.subarray(IMPORT_CHUNK_BYTES, data.length - 50).toString('base64'),
      },
      LOCAL,
    );
    await expect(
      c.registry.call('import:chunk', { uploadId, offset: data.length - 50, data: tooMuch.toString('base64') }, LOCAL),
    ).rejects.toMatchObject({ code: 'bad-argument' });
    await c.registry.call(
      'import:chunk',
      { uploadId, offset: data.length - 50, data: data.subarray(data.length - 50).toString('base64') },
      LOCAL,
    );

    const preview = (await c.registry.call('import:preview', { uploadId }, LOCAL)) as {
      columns: string[];
      rows: Record<string, string>[];
      delimiter: string;
      mapping: unknown;
    };
    expect(preview.columns).toEqual(['Номер', 'Дата', 'Текст обращения', 'Категория', 'Статус', 'Адрес', 'Район']);
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[1]).toMatchObject({ Номер: 'ИМ-1', 'Текст обращения': 'Не вывозят мусор во дворе дома 1' });
    expect(preview).toMatchObject({ delimiter: ';', mapping: null });

    await expect(
      c.registry.call('import:start', { uploadId, mapping: { ...MAPPING, text: 'Текст' } }, LOCAL),
    ).rejects.toMatchObject({ code: 'bad-argument' });
    const progress = ended(c, uploadId);
    await c.registry.call('import:start', { uploadId, mapping: MAPPING }, LOCAL);
    await expect(c.registry.call('import:start', { uploadId, mapping: MAPPING }, LOCAL)).rejects.toMatchObject({
      code: 'conflict',
    });
    const last = await progress.done;
    expect(last).toMatchObject({
      state: 'done',
      rows: 8001,
      stored: 8000,
      quarantined: 1,
      bytes: data.length,
      totalBytes: data.length,
    });
    expect(progress.events[0]).toMatchObject({ state: 'running', rows: 0 });
    expect(hotlineCount(c)).toBe(8000);
    expect(
      c.db.prepare("SELECT reason FROM quarantine WHERE source_id = 'hotline' ORDER BY id DESC").pluck().get(),
    ).toMatch(/Дата: not a date/);
    expect(readdirSync(importTempDir(c.dataDir))).toEqual([]);
    await expect(c.registry.call('import:cancel', { uploadId }, LOCAL)).rejects.toMatchObject({ code: 'failed' });

    // The mapping is saved for the source: the next file's preview offers it.
    const again = await upload(c, data);
    expect(await c.registry.call('import:preview', { uploadId: again }, LOCAL)).toMatchObject({
      mapping: { externalId: 'Номер', text: 'Текст обращения' },
    });
  });

  it('refuses other roles, unknown sources, oversize files and bad offsets', async () => {
    const c = core();
    const begin = { fileName: 'a.csv', size: 100, format: 'csv', sourceId: 'hotline' };
    const host = (): CallContext => ({ role: 'operator', via: 'host', session: { user: null } });
    const operator = host();
    await c.registry.call('auth:login', { login: 'operator', password: 'operator' }, operator);
    await expect(c.registry.call('import:begin', begin, operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(c.registry.call('import:begin', begin, host())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(c.registry.call('import:begin', begin, { role: 'wall' })).rejects.toMatchObject({ code: 'forbidden' });
    const supervisor = host();
    await c.registry.call('auth:login', { login: 'supervisor', password: 'supervisor' }, supervisor);
    const { uploadId } = (await c.registry.call('import:begin', begin, supervisor)) as { uploadId: string };
    // Another signed-in operator cannot write into a supervisor's upload either.
    await expect(
      c.registry.call('import:chunk', { uploadId, offset: 0, data: 'QQ==' }, operator),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(c.registry.call('import:begin', { ...begin, size: 3 * 1024 ** 3 }, supervisor)).rejects.toMatchObject({
      code: 'bad-argument',
    });
    await expect(c.registry.call('import:begin', { ...begin, sourceId: 'pos' }, supervisor)).rejects.toMatchObject({
      code: 'bad-argument',
    });
    await expect(
      c.registry.call('import:chunk', { uploadId, offset: 5, data: 'QQ==' }, supervisor),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      c.registry.call('import:chunk', { uploadId: 'f'.repeat(32), offset: 0, data: 'QQ==' }, supervisor),
    ).rejects.toMatchObject({ code: 'failed' });
    await expect(
      c.registry.call('import:chunk', { uploadId, offset: 0, data: 'A'.repeat(IMPORT_CHUNK_BYTES) }, supervisor),
    ).rejects.toMatchObject({ code: 'bad-argument' });
    expect(readdirSync(importTempDir(c.dataDir))).toHaveLength(1);
    await c.registry.call('import:cancel', { uploadId }, supervisor);
    expect(readdirSync(importTempDir(c.dataDir))).toEqual([]);
  });

  it('cancels mid-way keeping committed batches; importing again adds the rest and changes nothing twice', async () => {
    const c = core();
    const data = csv(20_000);
    const uploadId = await upload(c, data);
    const progress = ended(c, uploadId, (p) => {
      if (p.rows >= 1000) void c.registry.call('import:cancel', { uploadId }, LOCAL);
    });
    await c.registry.call('import:start', { uploadId, mapping: MAPPING }, LOCAL);
    const last = await progress.done;
    expect(last.state).toBe('cancelled');
    expect(last.stored).toBeGreaterThanOrEqual(1000);
    expect(last.stored).toBeLessThan(20_000);
    expect(last.stored % 500).toBe(0);
    expect(hotlineCount(c)).toBe(last.stored);
    expect(readdirSync(importTempDir(c.dataDir))).toEqual([]);
    // Progress events are throttled: far fewer than one per 500-row batch.
    expect(progress.events.length).toBeLessThan(last.rows / 500 + 2);

    const versions = () =>
      c.db.prepare("SELECT sum(version) FROM appeals WHERE source_id = 'hotline'").pluck().get() as number;
    const second = await upload(c, data);
    const done = ended(c, second);
    await c.registry.call('import:start', { uploadId: second, mapping: MAPPING }, LOCAL);
    expect(await done.done).toMatchObject({ state: 'done', rows: 20_000, stored: 20_000 });
    expect(hotlineCount(c)).toBe(20_000);
    const before = versions();
    const third = await upload(c, data);
    const done3 = ended(c, third);
    await c.registry.call('import:start', { uploadId: third, mapping: MAPPING }, LOCAL);
    await done3.done;
    expect(hotlineCount(c)).toBe(20_000);
    expect(versions()).toBe(before);
  }, 60_000);

  it('empties the upload directory when the core starts', () => {
    const dataDir = tempDir();
    mkdirSync(importTempDir(dataDir), { recursive: true });
    writeFileSync(join(importTempDir(dataDir), 'left-over.csv'), 'x');
    const c = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 0 });
    onTestFinished(() => c.close());
    expect(readdirSync(importTempDir(dataDir))).toEqual([]);
  });
});
