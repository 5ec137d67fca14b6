/**
 * `npm run bench:briefing [-- --appeals N | --quick | --cache file.sqlite]`: the governor's briefing
 * on a large cache. Measures the time to build the offline snapshot and its size, the time to open
 * it in briefing-only mode and render the first page in Chromium, and the time to export the PDF.
 *
 * The cache: --cache if given, else the analytics engineer's 30M cache if one is found under tmp/
 * (the largest *.sqlite with at least 10 M appeals), else one generated here once and reused
 * (tmp/briefing-bench/cache-<N>.sqlite, 1 M demo appeals over 90 days by default; migrated when
 * reused, generated again if its migrations no longer apply).
 * The first page is the cold one a presenter gets: a fresh browser, the snapshot decrypted in this
 * process; the pages after it are drawn right after it shows (or at once when printing).
 * Last line: {"snapshotS":…,"snapshotMb":…,"firstPageMs":…,"pdfS":…}
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { syncRollupZone } from '../electron/core/analytics/rollups';
import { openOfflineCore } from '../electron/core/briefing/offlineCore';
import { type SnapshotStats, writeSnapshot } from '../electron/core/briefing/snapshot';
import { loadCategoryRules, prepareAppealUpsert } from '../electron/core/db/appeals';
import { type Db, openDatabase } from '../electron/core/db/open';
import { seedReference } from '../electron/core/db/reference';
import { generateDemoAppeals } from '../electron/core/demo/seed';
import { startHost } from '../electron/core/host/server';
import { loadRegionPack } from '../electron/core/region/pack';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const regionsDir = join(root, 'resources', 'regions');
const webDir = process.env.CUR_WEB_OUT ?? join(root, 'out', 'renderer');
const { values } = parseArgs({
  options: { appeals: { type: 'string' }, quick: { type: 'boolean', default: false }, cache: { type: 'string' } },
  strict: true,
});
const target = Number(values.appeals ?? (values.quick ? 200_000 : 1_000_000));
const PASSPHRASE = 'bench-passphrase-2026';
const log = (message: string) => console.log(`[bench:briefing] ${message}`);

if (!existsSync(join(webDir, 'briefing.html'))) {
  console.error(`no built windows in ${webDir}: run \`npm run build:web\` first`);
  process.exit(2);
}

const count = (db: Db) => (db.prepare('SELECT count(*) AS n FROM appeals').get() as { n: number }).n;

function findAnalyticsCache(): string | null {
  const candidates: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 2 || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path, depth + 1);
      else if (name.endsWith('.sqlite') && st.size > 2e9 && !path.includes('briefing-bench')) candidates.push(path);
    }
  };
  walk(join(root, 'tmp'), 0);
  for (const file of candidates.sort((a, b) => statSync(b).size - statSync(a).size)) {
    try {
      const db = openDatabase(file, { readonly: true, migrate: false });
      const n = count(db);
      db.close();
      if (n >= 10_000_000) return file;
    } catch {
      // Not a cache of ours (or locked by a writer): skip it.
    }
  }
  return null;
}

function generatedCache(n: number): string {
  const dir = join(root, 'tmp', 'briefing-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `cache-${n}.sqlite`);
  const pack = loadRegionPack(regionsDir, 'RU-NIZ');
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (error) {
    // Migrations changed under a half-made cache (the tree is being developed): start it again.
    log(`cannot migrate ${file} (${(error as Error).message}); generating it again`);
    rmSync(file, { force: true });
    db = openDatabase(file);
  }
  seedReference(db, pack);
  const have = count(db);
  if (have < n) {
    log(`generating ${n - have} demo appeals into ${file} (once; reused by later runs)`);
    const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
    const chunk = 100_000;
    const now = Date.now();
    for (let done = have, i = Math.floor(have / chunk); done < n; i++) {
      const size = Math.min(chunk, n - done);
      const records = generateDemoAppeals(pack, { count: size, now, days: 90, seed: 1000 + i, snowstormMunicipality: i === 0 ? undefined : null }).map((r) => ({ ...r, externalId: `bench-${i}-${r.externalId}` }));
      db.transaction(() => upsert(records, now))();
      done += records.length;
      log(`  ${done} appeals`);
    }
  }
  // Whole days come from roll_brief, bucketed by the region's local day (a no-op once set).
  syncRollupZone(db, pack.config.timeZone);
  db.close();
  return file;
}

const analytics = values.cache ? resolve(values.cache) : findAnalyticsCache();
const cacheFile = analytics ?? generatedCache(target);
const pack = loadRegionPack(regionsDir, 'RU-NIZ');
const db = openDatabase(cacheFile, { readonly: true, migrate: false });
const appeals = count(db);
log(`cache: ${cacheFile} — ${appeals.toLocaleString('ru-RU')} appeals (${analytics ? 'analytics cache' : 'generated here from electron/core/demo'})`);

const outDir = join(root, 'tmp', 'briefing-bench');
mkdirSync(outDir, { recursive: true });
let t = performance.now();
const stats: SnapshotStats = {};
const snapshot = writeSnapshot(db, pack, outDir, PASSPHRASE, Date.now(), stats);
const snapshotS = (performance.now() - t) / 1000;
db.close();
const snapshotMb = snapshot.bytes / 1e6;
log(`snapshot: ${snapshot.file}, ${snapshotMb.toFixed(2)} MB in ${snapshotS.toFixed(2)} s`);
// scan: whole days from roll_brief (rolledDays, rollupMs), the ragged edges from raw rows (rawPieces,
// rawMs), the open appeals' deadlines (openOverdueMs); then composing the pages and picking examples.
log(`  where: ${JSON.stringify(stats)}`);

const browser = await chromium.launch({ executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined });
const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
t = performance.now();
const offline = openOfflineCore(snapshot.file, PASSPHRASE);
const openMs = performance.now() - t;
const host = await startHost({ core: offline, webDir, regionsDir, port: 0 });
const hostMs = performance.now() - t - openMs;
await page.goto(`${host.url}/briefing`);
await page.waitForSelector('html[data-app-state="ready"]', { timeout: 60_000 });
const firstPageMs = performance.now() - t;
const inPageMs = await page.evaluate(() => performance.now());
log(`open snapshot + first page rendered: ${firstPageMs.toFixed(0)} ms`);
log(`  where: decrypt and open ${openMs.toFixed(0)} ms, host ${hostMs.toFixed(0)} ms, page from navigation to ready ${inPageMs.toFixed(0)} ms`);

t = performance.now();
const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
const pdfS = (performance.now() - t) / 1000;
log(`PDF: ${(pdf.length / 1e6).toFixed(2)} MB in ${pdfS.toFixed(2)} s`);

await browser.close();
await host.close();
offline.close();
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
console.log(JSON.stringify({ snapshotS: round(snapshotS, 2), snapshotMb: round(snapshotMb, 2), firstPageMs: Math.round(firstPageMs), pdfS: round(pdfS, 2) }));
