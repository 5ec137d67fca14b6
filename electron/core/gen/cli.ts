/**
 * `npm run gen -- --appeals 30000000 --region RU-NIZ [--out file] [--days 365] [--seed n] [--skip-fts]`
 * writes a year of a region's appeals into a fresh cache, fast, for benchmarks and manual checks at
 * full scale. `--rebuild --out file` only recomputes the rollups of an existing cache.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open';
import { seedReference } from '../db/reference';
import { loadRegionPack } from '../region/pack';
import { rebuildRollups } from '../analytics/rollups';
import { HOUR_MS } from '../../../shared/time';
import { generateYear } from './model';
import { beginBulkLoad } from './write';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '1000000' },
    region: { type: 'string', default: 'RU-NIZ' },
    out: { type: 'string' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '20260101' },
    now: { type: 'string' },
    'regions-dir': { type: 'string', default: join(process.cwd(), 'resources', 'regions') },
    'skip-fts': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
  },
});

const appeals = Number(values.appeals);
const region = values.region!;
const out = resolve(values.out ?? join('tmp', 'scale', `${region}-${appeals}.sqlite`));
const log = (message: string) => process.stdout.write(`[gen ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

if (values.rebuild) {
  const db = openDatabase(out);
  const t0 = Date.now();
  db.transaction(() => rebuildRollups(db))();
  log(`rollups of ${out} rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  db.close();
  process.exit(0);
}

const pack = loadRegionPack(values['regions-dir']!, region);
for (const suffix of ['', '-wal', '-shm']) if (existsSync(out + suffix)) rmSync(out + suffix);
const now = values.now ? Number(values.now) : Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
const db = openDatabase(out);
seedReference(db, pack);
const bulk = beginBulkLoad(db, pack.config.timeZone, { skipFts: values['skip-fts'] });
const t0 = Date.now();
let written = 0;
let lastLog = t0;
const { events, count } = generateYear(pack, { appeals, now, days: Number(values.days), seed: Number(values.seed) }, (batch) => {
  bulk.write(batch);
  written += batch.length;
  if (Date.now() - lastLog > 10_000) {
    lastLog = Date.now();
    log(`${written.toLocaleString('en')} appeals, ${Math.round(written / ((Date.now() - t0) / 1000)).toLocaleString('en')}/s`);
  }
}, 100_000);
const tRows = Date.now();
log(`${count.toLocaleString('en')} appeals written in ${((tRows - t0) / 1000).toFixed(0)} s (${Math.round(count / ((tRows - t0) / 1000))}/s)`);
bulk.finish((step) => log(`building ${step}`));
const upsert = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
upsert.run('gen.now', String(now));
upsert.run('gen.appeals', String(count));
upsert.run('gen.fts', values['skip-fts'] ? 'skipped' : 'built');
upsert.run('gen.events', JSON.stringify(events));
db.close();
const seconds = (Date.now() - t0) / 1000;
log(`done: ${out}, ${(statSync(out).size / 1e6).toFixed(0)} MB, ${seconds.toFixed(0)} s in all, ${Math.round(count / seconds)} appeals/s end to end`);
