/**
 * `npm run bench:ingest [-- --count N]`: the simulator serves a backlog of N appeals (default one
 * million) → connectors → validation → idempotent upsert in the sync worker, end to end. In the
 * same run, the raw ceiling: the same rows as plain prepared INSERTs in one transaction into a
 * fresh cache of the same schema. The main thread (which also serves the simulator, as in the app)
 * is sampled for event-loop delay while the backlog streams. Last line: the JSON summary.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createCore } from '../electron/core/app';
import { startSimulator } from '../electron/core/simulator/server';
import { startSync } from '../electron/core/sync';
import { resolveSimulated } from '../electron/core/sync/resolve';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' }, 'page-size': { type: 'string', default: '2000' }, keep: { type: 'boolean', default: false } } });
const count = Number(values.count);
const pageSize = Number(values['page-size']);
const regionsDir = resolve('resources', 'regions');
const FEEDS = ['pos', 'incident', 'line112', 'portal', 'hotline', 'gzhi'];
const log = (...args: unknown[]) => console.log(...args);

const dataDir = mkdtempSync(join(tmpdir(), 'cur-bench-'));
const rawDir = mkdtempSync(join(tmpdir(), 'cur-bench-raw-'));
const core = createCore({ dataDir, regionsDir, demoAppeals: 0, watchIntervalMs: 200 });
// Backlog appeals are each new (one change each, rate 0), so the highest row id counts them: a
// count(*) over a million rows every poll would itself stall the thread being measured.
const before = core.db.prepare('SELECT coalesce(max(id), 0) FROM appeals').pluck().get() as number;

log(`simulator: building a backlog of ${count.toLocaleString('en')} appeals…`);
const sim = await startSimulator({ pack: core.pack, rate: 0, backlog: count, backlogDays: 30, backlogSources: FEEDS, seed: 1 });
const sources = resolveSimulated(core.pack, (id) => sim.sourceUrl(id), { intervalMs: 500, pageSize, timeoutMs: 60_000 }).filter((s) => FEEDS.includes(s.id));

const loop = monitorEventLoopDelay({ resolution: 10 });
const counter = core.db.prepare('SELECT coalesce(max(id), 0) FROM appeals').pluck();
const t0 = performance.now();
loop.enable();
const sync = await startSync({ dbFile: core.dbFile, dataDir, pack: core.pack, bus: core.bus, db: core.db, sources, engine: { outboxIntervalMs: 5000 } });
let last = 0;
for (;;) {
  await new Promise((r) => setTimeout(r, 250));
  const n = (counter.get() as number) - before;
  if (n >= count) break;
  if (performance.now() - last > 5000) {
    last = performance.now();
    log(`  ${n.toLocaleString('en')} appeals, ${Math.round(n / ((performance.now() - t0) / 1000)).toLocaleString('en')}/s`);
  }
}
const seconds = (performance.now() - t0) / 1000;
loop.disable();
await sync.stop();
await sim.close();
const stored = (core.db.prepare('SELECT count(*) FROM appeals').pluck().get() as number) - before;
if (stored !== count) throw new Error(`expected ${count} appeals in the cache, found ${stored}`);
const appealsPerSec = Math.round(count / seconds);
const eventLoopP99Ms = Math.round((loop.percentile(99) / 1e6) * 10) / 10;
log(`end to end: ${count.toLocaleString('en')} appeals in ${seconds.toFixed(1)} s = ${appealsPerSec.toLocaleString('en')}/s; main event-loop delay p99 ${eventLoopP99Ms} ms`);

// The raw ceiling: the same rows, plain prepared INSERTs, one transaction, a fresh cache of the same schema.
const raw = createCore({ dataDir: rawDir, regionsDir, demoAppeals: 0 });
raw.db.exec("DELETE FROM appeals; DELETE FROM appeal_events;");
const columns = (core.db.prepare('PRAGMA table_info(appeals)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
const insert = raw.db.prepare(`INSERT INTO appeals (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
const read = core.db.prepare(`SELECT ${columns.join(', ')} FROM appeals WHERE id > ? ORDER BY id LIMIT 100000`).raw();
let insertMs = 0;
let lastId = 0;
let rows = 0;
raw.db.exec('BEGIN');
const idOf = core.db.prepare(`SELECT max(id) FROM (SELECT id FROM appeals WHERE id > ? ORDER BY id LIMIT 100000)`).pluck();
for (;;) {
  // Rows are read outside the timed part: the ceiling is the writes alone.
  const chunk = read.all(lastId) as unknown[][];
  if (chunk.length === 0) break;
  const nextId = idOf.get(lastId) as number;
  const t = performance.now();
  for (const row of chunk) insert.run(row);
  insertMs += performance.now() - t;
  rows += chunk.length;
  lastId = nextId;
}
const tc = performance.now();
raw.db.exec('COMMIT');
insertMs += performance.now() - tc;
const rawRowsPerSec = Math.round(rows / (insertMs / 1000));
log(`raw ceiling: ${rows.toLocaleString('en')} rows in ${(insertMs / 1000).toFixed(1)} s = ${rawRowsPerSec.toLocaleString('en')}/s`);
raw.close();
core.close();
if (!values.keep) {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rawDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ appealsPerSec, rawRowsPerSec, ratio: Math.round((appealsPerSec / rawRowsPerSec) * 1000) / 1000, eventLoopP99Ms }));
