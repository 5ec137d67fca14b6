/**
 * Operator queue benchmark: `npm run bench:queue [-- --quick] [-- --rows N] [-- --no-browser]`.
 *
 * Builds (once, cached under tmp/bench-queue/) a cache of 1,000,000 appeals spread over a year from
 * the demo generator, through the real upsert with the FTS and deadline triggers. Then measures,
 * for every filter and search the queue offers, the queue's own call (count + first page of 100,
 * exactly what `appeals:query` runs) p50/p95; the quick-view counters; and, as the reference, a
 * full-table GROUP BY and a LIKE text scan in the same run. Finally it opens the operator window in
 * Chromium through the host and times filter changes to the first page shown.
 * Its last line: {"worstFilterP95Ms":…,"referenceP95Ms":…,"firstPageMs":…}
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import type { AppealFilter, AppealSort } from '../shared/api/appeals';
import { OPEN_STATUSES } from '../shared/domain';
import { createCore } from '../electron/core/app';
import { loadCategoryRules, prepareAppealUpsert, queryAppeals } from '../electron/core/db/appeals';
import { MigrationChangedError } from '../electron/core/db/migrate';
import { openDatabase } from '../electron/core/db/open';
import { seedReference } from '../electron/core/db/reference';
import { generateDemoAppeals } from '../electron/core/demo/seed';
import { startHost } from '../electron/core/host/server';
import { scopeFilter } from '../electron/core/operator/access';
import { countViews } from '../electron/core/operator/handlers';
import { flushFtsPending } from '../electron/core/operator/ftsIndex';
import { initOperator } from '../electron/core/operator/init';
import { loadRegionPack } from '../electron/core/region/pack';
import { QUICK_VIEWS } from '../shared/api/operator';
import { flag, option, REGIONS_DIR, ROOT } from './cli';

const QUICK = flag('quick');
const ROWS = Number(option('rows') ?? (QUICK ? 100_000 : 1_000_000));
const RUNS = QUICK ? 8 : 20;
const CACHE_DIR = join(ROOT, 'tmp', 'bench-queue', String(ROWS));
const WEB_DIR = process.env.CUR_WEB_OUT ?? join(ROOT, 'out', 'renderer-bench-queue');
const DAY = 86_400_000;

const log = (...parts: unknown[]) => console.log(`[bench:queue ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** The cache is built once per size and reused; a build interrupted halfway is never picked up. */
function buildCache(): string {
  const file = join(CACHE_DIR, 'cache.sqlite');
  if (existsSync(file)) {
    try {
      openDatabase(file).close();
      return file;
    } catch (error) {
      // A migration edited since the cache was built (during development): build it again.
      if (!(error instanceof MigrationChangedError)) throw error;
      log(`cache is stale (${error.message.split('.')[0]}): rebuilding`);
      rmSync(CACHE_DIR, { recursive: true, force: true });
    }
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const building = join(CACHE_DIR, 'building.sqlite');
  rmSync(building, { force: true });
  const pack = loadRegionPack(REGIONS_DIR, 'RU-NIZ');
  const db = openDatabase(building);
  db.pragma('synchronous = OFF');
  seedReference(db, pack);
  initOperator(db, pack, join(ROOT, 'resources'));
  const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
  const now = Date.now();
  const chunk = 50_000;
  const started = performance.now();
  for (let done = 0, part = 0; done < ROWS; done += chunk, part++) {
    const records = generateDemoAppeals(pack, { count: Math.min(chunk, ROWS - done), now, days: 365, seed: 1000 + part, snowstormMunicipality: null });
    for (const r of records) r.externalId = `b${part}-${r.externalId}`;
    db.transaction(() => upsert(records, now))();
    log(`cache: ${done + records.length} / ${ROWS} appeals (${Math.round((performance.now() - started) / 1000)} s)`);
  }
  const indexed = performance.now();
  flushFtsPending(db);
  log(`search index: ${Math.round((performance.now() - indexed) / 1000)} s`);
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(building, file);
  rmSync(`${building}-wal`, { force: true });
  rmSync(`${building}-shm`, { force: true });
  return file;
}

interface Case {
  name: string;
  /** One filter (and order) per run, cycling through values, as operators would change them. */
  queries: { filter: AppealFilter; sort?: AppealSort }[];
}

async function main() {
  const file = buildCache();
  const db = openDatabase(file);
  const ref = {
    sources: db.prepare("SELECT id FROM sources WHERE kind != 'services'").pluck().all() as string[],
    sectors: db.prepare('SELECT id FROM sectors').pluck().all() as string[],
    categories: db.prepare('SELECT id FROM categories').pluck().all() as string[],
    municipalities: db.prepare('SELECT id FROM municipalities ORDER BY population DESC').pluck().all() as string[],
    agencies: db.prepare('SELECT id FROM agencies').pluck().all() as string[],
  };
  const total = db.prepare('SELECT count(*) FROM appeals').pluck().get() as number;
  log(`cache ${file}: ${total} appeals`);
  // Give some appeals an agency so that the agency filter has something to find.
  db.prepare("UPDATE appeals SET agency_id = 'gzhi' WHERE id % 7 = 0 AND agency_id IS NULL AND sector_id = 'housing'").run();
  const now = Date.now();
  const each = <T>(values: T[], make: (v: T) => AppealFilter) => values.map((v) => ({ filter: make(v) }));
  const cases: Case[] = [
    { name: 'all (by time)', queries: [{ filter: {} }] },
    { name: 'all by deadline', queries: [{ filter: {}, sort: 'deadline' }] },
    { name: 'all by priority', queries: [{ filter: {}, sort: 'priority' }] },
    { name: 'source', queries: each(ref.sources, (v) => ({ sourceIds: [v] })) },
    { name: 'sector', queries: each(ref.sectors, (v) => ({ sectorIds: [v] })) },
    { name: 'category', queries: each(ref.categories, (v) => ({ categoryIds: [v] })) },
    { name: 'municipality', queries: each(ref.municipalities, (v) => ({ municipalityIds: [v] })) },
    { name: 'agency', queries: each(ref.agencies, (v) => ({ agencyIds: [v] })) },
    { name: 'status', queries: each(['new', 'assigned', 'in_progress', 'answered', 'closed', 'rejected', 'reopened'] as const, (v) => ({ statuses: [v] })) },
    { name: 'open statuses', queries: [{ filter: { statuses: [...OPEN_STATUSES] } }] },
    { name: 'escalated', queries: [{ filter: { escalated: true } }] },
    { name: 'overdue', queries: [{ filter: { overdue: true } }] },
    { name: 'overdue by deadline', queries: [{ filter: { overdue: true }, sort: 'deadline' }] },
    { name: 'due within 2 h', queries: [{ filter: { dueWithinHours: 2 } }] },
    { name: 'due within 24 h', queries: [{ filter: { dueWithinHours: 24 }, sort: 'deadline' }] },
    { name: 'date range (a week)', queries: [7, 30, 90, 180].map((d) => ({ filter: { receivedFrom: now - d * DAY, receivedTo: now - (d - 7) * DAY } })) },
    { name: 'search word form', queries: ['отоплением', 'лифты', 'мусора', 'снегом', 'инсулина', 'скорой'].map((s) => ({ filter: { search: s } })) },
    { name: 'search substring', queries: ['ифт', 'подъезд', 'автобус', 'свалк'].map((s) => ({ filter: { search: s } })) },
    { name: 'search two words', queries: ['нет воды', 'горячей воды неделю', 'яма дорога', 'УК не отвечает'].map((s) => ({ filter: { search: s } })) },
    { name: 'sector + open + by deadline', queries: each(ref.sectors, (v) => ({ sectorIds: [v], statuses: [...OPEN_STATUSES] })).map((q) => ({ ...q, sort: 'deadline' as const })) },
    { name: 'municipality + search', queries: ref.municipalities.slice(0, 6).map((m) => ({ filter: { municipalityIds: [m], search: 'отоплен' } })) },
    {
      name: 'operator scope (5 sectors)',
      queries: [{ filter: scopeFilter({ login: 'o', name: 'o', role: 'operator', sectorIds: ['housing', 'waste', 'roads', 'energy', 'safety'] }, {}) }],
    },
  ];

  const rows: { name: string; p50: number; p95: number; matched: number }[] = [];
  for (const c of cases) {
    const times: number[] = [];
    let matched = 0;
    for (let i = 0; i < Math.max(RUNS, c.queries.length); i++) {
      const q = c.queries[i % c.queries.length]!;
      const t0 = performance.now();
      const page = queryAppeals(db, { filter: q.filter, sort: q.sort ?? 'received', offset: 0, limit: 100 }, now);
      JSON.stringify(page);
      times.push(performance.now() - t0);
      matched = Math.max(matched, page.total);
    }
    rows.push({ name: c.name, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), matched });
  }
  // Counters of the sidebar, for a supervisor (whole region) and an operator (own sectors).
  for (const [name, base] of [
    ['quick-view counts (supervisor)', {}],
    ['quick-view counts (operator)', scopeFilter({ login: 'o', name: 'o', role: 'operator', sectorIds: ['housing', 'waste', 'roads', 'energy', 'safety'] }, {})],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      countViews(db, base, QUICK_VIEWS, now);
      times.push(performance.now() - t0);
    }
    rows.push({ name, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), matched: 0 });
  }
  // Not a filter, for information: a page deep in the list (scrolling to the middle of a million).
  const deep: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    queryAppeals(db, { filter: {}, sort: 'received', offset: Math.floor(total / 2), limit: 100 }, now);
    deep.push(performance.now() - t0);
  }

  const reference: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    db.prepare('SELECT sector_id, status, count(*) FROM appeals NOT INDEXED GROUP BY sector_id, status').all();
    db.prepare("SELECT count(*) FROM appeals WHERE text LIKE '%отоплен%'").get();
    reference.push(performance.now() - t0);
  }
  db.close();

  console.log('\nfilter                              p50 ms   p95 ms   matched');
  for (const r of rows) console.log(`${r.name.padEnd(34)} ${String(r.p50).padStart(7)} ${String(r.p95).padStart(8)}   ${r.matched || ''}`);
  console.log(`${'page at the middle (offset)'.padEnd(34)} ${String(round(percentile(deep, 50))).padStart(7)} ${String(round(percentile(deep, 95))).padStart(8)}   (not a filter)`);
  console.log(`${'reference: GROUP BY + LIKE scan'.padEnd(34)} ${String(round(percentile(reference, 50))).padStart(7)} ${String(round(percentile(reference, 95))).padStart(8)}\n`);

  const firstPage = flag('no-browser') ? null : await measureFirstPage(file);
  const worst = rows.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  log(`worst filter: ${worst.name} (p95 ${worst.p95} ms)`);
  console.log(JSON.stringify({ worstFilterP95Ms: worst.p95, referenceP95Ms: round(percentile(reference, 95)), firstPageMs: firstPage }));
}

/**
 * The operator window on this cache, in Chromium through the host: after each filter change, the
 * time until its first page is in the window (the queue reports it) and its first row is drawn.
 */
async function measureFirstPage(file: string): Promise<number> {
  if (!existsSync(join(WEB_DIR, 'operator.html'))) {
    log(`building the windows into ${WEB_DIR}`);
    spawnSync('npx', ['vite', 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CUR_WEB_OUT: WEB_DIR } });
  }
  const core = createCore({ dataDir: dirname(file), regionsDir: REGIONS_DIR, demoAppeals: 0 });
  const host = await startHost({ core, webDir: WEB_DIR, regionsDir: REGIONS_DIR, port: 0 });
  const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {});
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${host.url}/operator`);
    await page.getByTestId('login-name').fill('supervisor');
    await page.getByTestId('login-password').fill('supervisor');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('queue-row').first().waitFor();
    const sectors = core.db.prepare('SELECT id FROM sectors').pluck().all() as string[];
    const times: number[] = [];
    for (const [i, sector] of [...sectors, '', ...sectors.slice(0, 3)].entries()) {
      await page.getByTestId('filter-sector').selectOption(sector);
      // The queue restarts at each change and reports when its first page arrived.
      await page.locator('[data-testid="queue"][data-first-page-ms]').waitFor();
      await page.getByTestId('queue-row').first().waitFor();
      const reported = Number(await page.getByTestId('queue').getAttribute('data-first-page-ms'));
      if (i > 0) times.push(Math.max(reported, 0));
    }
    const p95 = percentile(times, 95);
    log(`first page after a filter change in Chromium: p50 ${percentile(times, 50)} ms, p95 ${p95} ms`);
    return p95;
  } finally {
    await browser.close();
    await host.close();
    core.close();
  }
}

await main();
