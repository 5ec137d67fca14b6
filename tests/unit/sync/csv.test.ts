import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importCsv, loadCsvMapping, parseHotlineDate, saveCsvMapping } from '../../../electron/core/sync/csvImport';
import { syncHandlers } from '../../../electron/core/sync/handlers';
import { tempDir } from '../helpers';
import { memoryDb, normalizeContext, region } from './helpers';

const HEADER = 'Номер;Дата обращения;Текст;Категория;Статус;Адрес;Телефон\n';
const row = (i: number) => `ГЛ-${i};15.01.2026 ${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')};Нет отопления в доме № ${i}, «срочно»;Отопление;${i % 3 ? 'new' : 'closed'};ул. Ленина, ${i % 100};+7 910 000-00-${String(i % 100).padStart(2, '0')}\n`;
const mapping = { externalId: 'Номер', receivedAt: 'Дата обращения', text: 'Текст', category: 'Категория', status: 'Статус', address: 'Адрес', phone: 'Телефон', categoryMap: { Отопление: 'heating' } };

describe('hotline file import', () => {
  it('imports a Windows-1251 export with a saved column mapping; broken rows are quarantined', async () => {
    const dir = tempDir();
    const file = join(dir, 'hotline-cp1251.csv');
    let text = HEADER;
    for (let i = 0; i < 3000; i++) text += row(i);
    text += 'ГЛ-x;вчера;Текст;Отопление;new;;\n';
    writeFileSync(file, iconv.encode(text, 'windows-1251'));
    const db = memoryDb();
    const seen: number[] = [];
    const result = await importCsv(db, normalizeContext('hotline'), { file, sourceId: 'hotline', encoding: 'windows-1251', mapping, batchSize: 500, onProgress: (p) => seen.push(p.bytes) });
    expect(result).toMatchObject({ rows: 3001, stored: 3000, quarantined: 1, cancelled: false });
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const one = db.prepare("SELECT text, category_id, status, received_at FROM appeals WHERE external_id = 'ГЛ-7'").get();
    expect(one).toEqual({ text: 'Нет отопления в доме № 7, «срочно»', category_id: 'heating', status: 'new', received_at: Date.parse('2026-01-15T15:07:00+03:00') });
    expect(db.prepare("SELECT reason FROM quarantine WHERE source_id = 'hotline'").pluck().get()).toMatch(/Дата обращения: not a date/);
    // The mapping is saved: the next file of this source needs none, and re-importing changes nothing.
    expect(loadCsvMapping(db, 'hotline')).toMatchObject({ externalId: 'Номер' });
    const utf8 = join(dir, 'hotline-utf8.csv');
    writeFileSync(utf8, '\uFEFF' + text);
    const again = await importCsv(db, normalizeContext('hotline'), { file: utf8, sourceId: 'hotline', encoding: 'utf-8' });
    expect(again).toMatchObject({ rows: 3001, stored: 3000 });
    expect(db.prepare("SELECT count(*) FROM appeals WHERE source_id = 'hotline' AND external_id LIKE 'ГЛ-%'").pluck().get()).toBe(3000);
  });

  it('retries a quarantined row of a file through the column mapping saved now, not through the API connector', async () => {
    const dir = tempDir();
    const file = join(dir, 'two-dates.csv');
    // The supervisor first maps the wrong date column: the row whose first date is free text is quarantined.
    writeFileSync(file, 'Номер;Дата обращения;Дата регистрации;Текст;Категория;Статус\nГЛ-1;вчера;16.01.2026 09:30;Нет отопления;Отопление;new\n');
    const db = memoryDb();
    const first = await importCsv(db, normalizeContext('hotline'), { file, sourceId: 'hotline', encoding: 'utf-8', mapping: { ...mapping, address: undefined, phone: undefined } });
    expect(first).toMatchObject({ rows: 1, stored: 0, quarantined: 1 });
    const quarantined = db.prepare("SELECT id, origin FROM quarantine WHERE source_id = 'hotline'").get() as { id: number; origin: string };
    expect(quarantined.origin).toBe('file');
    const retry = syncHandlers(db, region(), dir)['sync:retry']!;
    expect(await retry({ id: quarantined.id }, { role: 'supervisor' } as never)).toEqual({ ok: false, reason: expect.stringMatching(/Дата обращения: not a date/) });
    // With the mapping fixed, the same raw row now reads and is stored once.
    saveCsvMapping(db, 'hotline', { ...mapping, receivedAt: 'Дата регистрации', address: undefined, phone: undefined });
    expect(await retry({ id: quarantined.id }, { role: 'supervisor' } as never)).toEqual({ ok: true, reason: null });
    expect(db.prepare("SELECT text, received_at FROM appeals WHERE external_id = 'ГЛ-1'").get()).toEqual({ text: 'Нет отопления', received_at: Date.parse('2026-01-16T09:30:00+03:00') });
    expect(db.prepare('SELECT count(*) FROM quarantine WHERE retried_at IS NULL').pluck().get()).toBe(0);
  });

  it('streams a million-row file with progress and stops when cancelled', async () => {
    const file = join(tempDir(), 'million.csv');
    const out = createWriteStream(file);
    out.write(HEADER);
    for (let i = 0; i < 1_000_000; i += 10_000) {
      let chunk = '';
      for (let k = i; k < i + 10_000; k++) chunk += row(k);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    const db = memoryDb();
    const controller = new AbortController();
    let updates = 0;
    const result = await importCsv(db, normalizeContext('hotline'), {
      file,
      sourceId: 'hotline',
      encoding: 'utf-8',
      mapping,
      batchSize: 2000,
      signal: controller.signal,
      onProgress: (p) => {
        updates++;
        expect(p.totalBytes).toBeGreaterThan(80_000_000);
        if (p.rows >= 10_000) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(updates).toBe(5);
    expect(result.stored).toBe(10_000);
    expect(result.bytes).toBeLessThan(result.totalBytes);
    expect(db.prepare("SELECT count(*) FROM appeals WHERE source_id = 'hotline' AND external_id LIKE 'ГЛ-%'").pluck().get()).toBe(10_000);
  }, 120_000);

  it('reads Russian and ISO dates', () => {
    expect(parseHotlineDate('05.03.2026 9:07')).toBe(Date.parse('2026-03-05T09:07:00+03:00'));
    expect(parseHotlineDate('05.03.2026')).toBe(Date.parse('2026-03-05T00:00:00+03:00'));
    expect(parseHotlineDate('2026-03-05T09:07:00Z')).toBe(Date.parse('2026-03-05T09:07:00Z'));
    expect(parseHotlineDate('31.02.2026 25:99')).toBeUndefined();
  });
});
