/**
 * File import benchmark: `npm run bench:import [-- --rows N]`.
 *
 * Writes a hotline export of N rows (default 1,000,000; CSV with ';' as Russian exports have it),
 * imports it through `importFile` into a fresh on-disk cache in the 500-row batches the import
 * handlers use, and, as the reference, times csv-parse alone reading the same file.
 * Its last line: {"rowsPerSec":…,"parseOnlyRowsPerSec":…,"ratio":…}
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { createLocator } from '../electron/core/connectors/geo';
import { openDatabase } from '../electron/core/db/open';
import { seedReference } from '../electron/core/db/reference';
import { loadRegionPack } from '../electron/core/region/pack';
import { importFile } from '../electron/core/sync/fileImport';
import { option, REGIONS_DIR, ROOT } from './cli';

const ROWS = Number(option('rows') ?? 1_000_000);
const DIR = join(ROOT, 'tmp', 'bench-import');
const log = (...parts: unknown[]) => console.log(`[bench:import ${new Date().toISOString().slice(11, 19)}]`, ...parts);

const HEADER = 'Номер;Дата обращения;Текст;Категория;Статус;Адрес;Район;Телефон\n';
const row = (i: number) =>
  `ГЛ-${i};${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.2026 ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')};` +
  `Жалоба № ${i}: не убран снег во дворе, «просим принять меры»;Благоустройство;new;ул. Ленина, ${i % 200};;+7 910 000-${String(i % 100).padStart(2, '0')}-${String(i % 97).padStart(2, '0')}\n`;

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADER);
  for (let i = 0; i < ROWS; i += 10_000) {
    let chunk = '';
    for (let k = i; k < Math.min(ROWS, i + 10_000); k++) chunk += row(k);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function parseOnly(file: string): Promise<number> {
  let rows = 0;
  const parser = createReadStream(file).pipe(
    parse({ columns: true, bom: true, delimiter: ';', relax_column_count: true, skip_empty_lines: true }),
  );
  for await (const _record of parser) rows++;
  return rows;
}

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const file = join(DIR, 'hotline.csv');
await writeCsv(file);
log(`${ROWS} rows, ${(statSync(file).size / 1024 ** 2).toFixed(1)} MiB`);

let t = performance.now();
const parsed = await parseOnly(file);
const parseSec = (performance.now() - t) / 1000;
log(`csv-parse alone: ${parsed} rows in ${parseSec.toFixed(2)} s`);

const pack = loadRegionPack(REGIONS_DIR, 'RU-NIZ');
const db = openDatabase(join(DIR, 'cache.sqlite'));
seedReference(db, pack);
const ctx = {
  sourceId: 'hotline',
  locate: createLocator(pack),
  categories: new Set(pack.config.categories.map((c) => c.id)),
  municipalities: new Set(pack.municipalities.map((m) => m.id)),
  categoryMap: {},
  now: Date.now(),
};
const mapping = {
  externalId: 'Номер',
  receivedAt: 'Дата обращения',
  text: 'Текст',
  category: 'Категория',
  status: 'Статус',
  address: 'Адрес',
  municipality: 'Район',
  phone: 'Телефон',
  categoryMap: {},
};
t = performance.now();
let lastLog = t;
const result = await importFile(db, ctx, {
  file,
  format: 'csv',
  encoding: 'utf-8',
  sourceId: 'hotline',
  mapping,
  batchSize: 500,
  onProgress: (p) => {
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`${p.rows} rows, ${((100 * p.bytes) / (p.totalBytes ?? p.bytes)).toFixed(0)} %`);
    }
  },
});
const importSec = (performance.now() - t) / 1000;
log(
  `importFile: ${result.rows} rows (${result.stored} stored, ${result.quarantined} quarantined) in ${importSec.toFixed(2)} s`,
);
db.close();
rmSync(DIR, { recursive: true, force: true });

const rowsPerSec = Math.round(result.rows / importSec);
const parseOnlyRowsPerSec = Math.round(parsed / parseSec);
console.log(
  JSON.stringify({
    rowsPerSec,
    parseOnlyRowsPerSec,
    ratio: Math.round((rowsPerSec / parseOnlyRowsPerSec) * 1000) / 1000,
  }),
);
