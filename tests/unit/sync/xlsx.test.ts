import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ImportProgress } from '../../../shared/api/imports';
import { createCore } from '../../../electron/core/app';
import { importFile, previewFile } from '../../../electron/core/sync/fileImport';
import { checkZipBounds, xlsxRowSource } from '../../../electron/core/sync/xlsxRows';
import { REGIONS_DIR, tempDir } from '../helpers';
import { memoryDb, normalizeContext } from './helpers';

const HEADER = ['Номер', 'Дата', 'Текст', 'Категория', 'Статус', 'Адрес', 'Район', 'Телефон'];
const ROWS = 2000;

/** A hotline workbook as Excel keeps it: numeric ids, real date cells, rich text, a second sheet. */
async function workbook(file: string): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet('Обращения');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < ROWS; i++) {
    const row = sheet.addRow([
      100_000 + i,
      new Date(Date.UTC(2026, 0, 15, 9, i % 60)),
      `Яма на дороге у дома ${i}`,
      'Дороги',
      'new',
      `пр. Гагарина, ${i % 50}`,
      null,
      i % 2 ? '+7 910 123-45-67' : null,
    ]);
    row.getCell(2).numFmt = 'dd.mm.yyyy hh:mm';
    row.commit();
  }
  sheet
    .addRow([
      'ГЛ-rich',
      '16.01.2026 10:15',
      { richText: [{ text: 'Шумят ' }, { font: { bold: true }, text: 'соседи' }] },
      'Шум',
      'closed',
      '',
      '',
      '',
    ])
    .commit();
  sheet.addRow([]).commit();
  sheet.addRow(['ГЛ-bad-date', 'вчера', 'Текст', 'Дороги', 'new']).commit();
  sheet.addRow(['ГЛ-no-text', new Date(Date.UTC(2026, 0, 15)), '', 'Дороги', 'new']).commit();
  sheet.commit();
  const other = book.addWorksheet('Справка');
  other.addRow(['Не', 'читается']).commit();
  other.commit();
  await book.commit();
}

const MAPPING = {
  externalId: 'Номер',
  receivedAt: 'Дата',
  text: 'Текст',
  category: 'Категория',
  status: 'Статус',
  address: 'Адрес',
  municipality: 'Район',
  phone: 'Телефон',
  categoryMap: { Дороги: 'potholes' },
};

describe('XLSX import', () => {
  it('maps the first sheet of a workbook into appeals; bad rows are quarantined with the reason', async () => {
    const file = join(tempDir(), 'hotline.xlsx');
    await workbook(file);
    const preview = await previewFile(file, 'xlsx');
    expect(preview.columns).toEqual(HEADER);
    expect(preview.delimiter).toBeNull();
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[0]).toMatchObject({
      Номер: '100000',
      Дата: '2026-01-15T09:00:00+03:00',
      Текст: 'Яма на дороге у дома 0',
      Район: '',
      Телефон: '',
    });

    const db = memoryDb();
    const seen: number[] = [];
    const result = await importFile(db, normalizeContext('hotline'), {
      file,
      format: 'xlsx',
      sourceId: 'hotline',
      mapping: MAPPING,
      batchSize: 250,
      onProgress: (p) => seen.push(p.bytes),
    });
    expect(result).toMatchObject({ rows: ROWS + 3, stored: ROWS + 1, quarantined: 2, cancelled: false });
    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(result.totalBytes).toBeNull();
    expect(result.bytes).toBe(readFileSync(file).length);

    const one = db
      .prepare(
        "SELECT text, category_id, status, received_at, address FROM appeals WHERE source_id = 'hotline' AND external_id = '100007'",
      )
      .get();
    expect(one).toEqual({
      text: 'Яма на дороге у дома 7',
      category_id: 'potholes',
      status: 'new',
      received_at: Date.parse('2026-01-15T09:07:00+03:00'),
      address: 'пр. Гагарина, 7',
    });
    expect(db.prepare("SELECT text, status, received_at FROM appeals WHERE external_id = 'ГЛ-rich'").get()).toEqual({
      text: 'Шумят соседи',
      status: 'closed',
      received_at: Date.parse('2026-01-16T10:15:00+03:00'),
    });
    const reasons = db.prepare("SELECT reason FROM quarantine WHERE source_id = 'hotline' ORDER BY id").pluck().all();
    expect(reasons).toEqual([expect.stringMatching(/^Дата: not a date: "вчера"/), 'Текст: empty']);
    // Nothing from the second sheet.
    expect(db.prepare("SELECT count(*) FROM appeals WHERE source_id = 'hotline'").pluck().get()).toBe(ROWS + 1);
  });

  it('stops when cancelled, keeping the committed batches; the next import completes them', async () => {
    const file = join(tempDir(), 'hotline.xlsx');
    await workbook(file);
    const db = memoryDb();
    const controller = new AbortController();
    const options = { file, format: 'xlsx' as const, sourceId: 'hotline', mapping: MAPPING, batchSize: 200 };
    const result = await importFile(db, normalizeContext('hotline'), {
      ...options,
      signal: controller.signal,
      onProgress: (p) => p.rows >= 600 && controller.abort(),
    });
    expect(result).toMatchObject({ cancelled: true, rows: 600, stored: 600 });
    const count = () => db.prepare("SELECT count(*) FROM appeals WHERE source_id = 'hotline'").pluck().get();
    expect(count()).toBe(600);
    expect(await importFile(db, normalizeContext('hotline'), options)).toMatchObject({
      cancelled: false,
      stored: ROWS + 1,
    });
    expect(count()).toBe(ROWS + 1);
  });

  it('refuses oversized sheets and files that are not workbooks', async () => {
    const dir = tempDir();
    const file = join(dir, 'hotline.xlsx');
    await workbook(file);
    expect(() => checkZipBounds(file, 10_000)).toThrow(/unpacks to \d+ bytes, over the limit of 10000/);
    const source = xlsxRowSource(file, { maxRows: 100 });
    await expect(
      (async () => {
        for await (const _row of source.rows);
      })(),
    ).rejects.toThrow(/more than 100 rows/);
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, 'Номер;Дата\n1;2\n');
    expect(() => checkZipBounds(fake)).toThrow(/not an XLSX file/);
    // A crafted entry that claims to expand a million-fold is refused before any XML is read.
    const bomb = Buffer.from(readFileSync(file));
    const dirAt = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(2_000_000_000, dirAt + 24);
    writeFileSync(join(dir, 'bomb.xlsx'), bomb);
    expect(() => checkZipBounds(join(dir, 'bomb.xlsx'))).toThrow(/zip bomb/);
  });

  it('imports an XLSX upload through the contract and reports progress until done', async () => {
    const dataDir = tempDir();
    const core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 0 });
    onTestFinished(() => core.close());
    const file = join(tempDir(), 'hotline.xlsx');
    await workbook(file);
    const data = readFileSync(file);
    const ctx = { role: 'operator' as const, via: 'ipc' as const };
    const { uploadId } = (await core.registry.call(
      'import:begin',
      { fileName: 'hotline.xlsx', size: data.length, format: 'xlsx', sourceId: 'hotline' },
      ctx,
    )) as { uploadId: string };
    await core.registry.call('import:chunk', { uploadId, offset: 0, data: data.toString('base64') }, ctx);
    expect(await core.registry.call('import:preview', { uploadId }, ctx)).toMatchObject({
      columns: HEADER,
      delimiter: null,
      mapping: null,
    });
    const done = new Promise<ImportProgress>((resolve) =>
      core.bus.subscribe((name, payload) => {
        if (name === 'import:progress' && (payload as ImportProgress).state !== 'running')
          resolve(payload as ImportProgress);
      }),
    );
    await core.registry.call('import:start', { uploadId, mapping: MAPPING }, ctx);
    expect(await done).toMatchObject({
      state: 'done',
      rows: ROWS + 3,
      stored: ROWS + 1,
      quarantined: 2,
      totalBytes: null,
      bytes: data.length,
    });
  });
});
