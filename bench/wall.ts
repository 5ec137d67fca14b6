/**
 * Video wall benchmark: `npm run bench:wall [-- --quick] [-- --minutes N]`.
 *
 * Starts the core and the host itself on a fresh data dir with 100,000 appeals of the last hours,
 * opens /wall in Chromium (software WebGL here) and measures: time from navigation to the first
 * complete frame (map sources loaded, first summary shown); frame time with those appeals on the map
 * (aggregated hexagons, camera moving every frame); then an endurance run of scene rotation every
 * 10 s with 50 new appeals a second written by another connection, with the JS heap (after GC) and
 * the DOM node count after warm-up and at the end, and the ingest-to-wall latency p95.
 * Its last line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createCore } from '../electron/core/app';
import { type AppealInput, loadCategoryRules, prepareAppealUpsert } from '../electron/core/db/appeals';
import { openDatabase } from '../electron/core/db/open';
import { startHost } from '../electron/core/host/server';
import { generateDemoAppeals } from '../electron/core/demo/seed';
import { flag, option, REGIONS_DIR, ROOT } from './cli';

const QUICK = flag('quick');
const MINUTES = Number(option('minutes') ?? (QUICK ? 3 : 30));
const WARMUP_MS = (QUICK ? 30 : 120) * 1000;
const RATE_PER_S = 50;
const RECENT = Number(option('recent') ?? 100_000);
const WEB_DIR = process.env.CUR_WEB_OUT ?? join(ROOT, 'out', 'renderer-bench');
const CHROMIUM = '/usr/bin/chromium';

const log = (...parts: unknown[]) => console.log(`[bench:wall ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
/** What the page exposes (see renderer/src/wall/probe.ts), typed for code that runs inside the page. */
interface PageGlobals {
  __wall?: { readyAt: number | null; seen: [number, number][]; measureFrames?: (frames: number) => Promise<number> };
  document: { documentElement: { dataset: Record<string, string | undefined> } };
  requestAnimationFrame(callback: () => void): void;
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main() {
  if (!flag('no-build') || !existsSync(join(WEB_DIR, 'wall.html'))) {
    log(`building the windows into ${WEB_DIR}`);
    const built = spawnSync('npx', ['vite', 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, CUR_WEB_OUT: WEB_DIR },
    });
    if (built.status !== 0) throw new Error('vite build failed');
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'cur-bench-wall-'));
  writeFileSync(
    join(dataDir, 'wall.json'),
    JSON.stringify({ playlist: ['overview', 'capital', 'sector', 'municipality', 'kpi'].map((kind) => ({ kind, seconds: 10 })) }),
  );
  const core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 5000, watchIntervalMs: 200 });
  const now = Date.now();
  log(`seeding ${RECENT} appeals of the last day`);
  const recent = generateDemoAppeals(core.pack, { count: RECENT, days: 1, now, seed: 7, snowstormMunicipality: null }).map((a, i) => ({
    ...a,
    externalId: `bench-${i}`,
    author: null,
  }));
  const upsert = prepareAppealUpsert(core.db, loadCategoryRules(core.db));
  core.db.transaction(() => upsert(recent, now))();
  for (const method of ['wall:summary', 'wall:hexes'] as const) {
    const started = performance.now();
    await core.registry.call(method, {}, { role: 'wall' });
    log(`${method} over the seeded cache takes ${round(performance.now() - started)} ms`);
  }

  const host = await startHost({ core, webDir: WEB_DIR, regionsDir: REGIONS_DIR, port: 0 });
  const browser = await chromium.launch({
    ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-precise-memory-info'],
  });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  const foreign: string[] = [];
  page.on('request', (r) => !r.url().startsWith(host.url) && !/^(data|blob):/.test(r.url()) && foreign.push(r.url()));

  try {
    await page.goto(`${host.url}/wall`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.documentElement.dataset.appState !== 'loading', null, { timeout: 120_000 });
    if ((await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.dataset.appState)) !== 'ready') throw new Error('the wall reported an error');
    const firstFrameMs = round(
      await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return new Promise<number>((r) => g.requestAnimationFrame(() => r(g.__wall?.readyAt ?? NaN)));
      }),
      0,
    );
    log(`first complete frame ${firstFrameMs} ms after navigation`);

    const frameMs100k = round(await page.evaluate(() => (globalThis as unknown as PageGlobals).__wall!.measureFrames!(30)));
    log(`frame time with ${RECENT} recent appeals on the map (hexagons, camera moving): ${frameMs100k} ms`);

    const writer = openDatabase(core.dbFile, { migrate: false });
    const write = prepareAppealUpsert(writer, loadCategoryRules(writer));
    const pool = recent.slice(0, 5000);
    const writtenAt = new Map<number, number>();
    const latencies: number[] = [];
    // The core's share of the latency: from the write to the push leaving the core.
    const coreLatencies: number[] = [];
    const unsubscribe = core.bus.subscribe((name, payload) => {
      if (name !== 'wall:appeals') return;
      const at = Date.now();
      for (const a of payload as { id: number }[]) {
        const written = writtenAt.get(a.id);
        if (written !== undefined) coreLatencies.push(at - written);
      }
    });
    let serial = 0;
    const tick = setInterval(() => {
      const at = Date.now();
      const batch: AppealInput[] = Array.from({ length: RATE_PER_S / 10 }, () => {
        const base = pool[serial % pool.length]!;
        return { ...base, externalId: `live-${serial++}`, receivedAt: at, sourceUpdatedAt: at, status: 'new' };
      });
      for (const id of writer.transaction(() => write(batch, at))().changedIds) writtenAt.set(id, at);
    }, 100);
    const drain = async () => {
      const seen = await page.evaluate(() => (globalThis as unknown as PageGlobals).__wall!.seen.splice(0));
      for (const [id, at] of seen) {
        const written = writtenAt.get(id);
        if (written !== undefined) {
          latencies.push(at - written);
          writtenAt.delete(id);
        }
      }
    };
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      return { heapMB: round(heap.usedSize / 1048576, 2), nodes: dom.nodes, listeners: dom.jsEventListeners };
    };

    const started = Date.now();
    const end = started + MINUTES * 60_000;
    log(`endurance: ${MINUTES} min, ${RATE_PER_S} appeals/s, scenes every 10 s; warm-up ${WARMUP_MS / 1000} s`);
    let first: Awaited<ReturnType<typeof measure>> | null = null;
    let scenes = new Set<string>();
    let lastScene = '';
    let sceneChanges = 0;
    while (Date.now() < end) {
      await sleep(5000);
      await drain();
      const scene = (await page.getAttribute('[data-testid="wall"]', 'data-scene')) ?? '';
      if (scene !== lastScene) sceneChanges++;
      lastScene = scene;
      scenes.add(scene);
      if (!first && Date.now() - started >= WARMUP_MS) {
        first = await measure();
        latencies.length = 0;
        coreLatencies.length = 0;
        scenes = new Set([scene]);
        sceneChanges = 0;
        log('after warm-up', first);
      }
      if ((Date.now() - started) % 60_000 < 5000) log(`${Math.round((Date.now() - started) / 1000)} s, p95 so far ${percentile(latencies, 95)} ms, scene ${scene}`);
    }
    clearInterval(tick);
    unsubscribe();
    await sleep(1000);
    await drain();
    const last = await measure();
    writer.close();
    if (!first) throw new Error('the run was shorter than the warm-up');
    log('at the end', last);
    log(`scenes seen after warm-up: ${[...scenes].join(', ')}; scene changes: ${sceneChanges}`);
    log(`latency over ${latencies.length} appeals: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${Math.max(...latencies)} ms`);
    log(`of which in the core (write → push sent): p50 ${percentile(coreLatencies, 50)} ms, p95 ${percentile(coreLatencies, 95)} ms`);
    if (foreign.length) log('REQUESTS THAT LEFT THE APP:', foreign);
    const heapGrowthPct = round(((last.heapMB - first.heapMB) / first.heapMB) * 100);
    const result = {
      firstFrameMs,
      frameMs100k,
      heapGrowthPct,
      latencyP95Ms: percentile(latencies, 95),
    };
    log(`heap ${first.heapMB} → ${last.heapMB} MB, DOM nodes ${first.nodes} → ${last.nodes}, listeners ${first.listeners} → ${last.listeners}`);
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await host.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
