import { describe, expect, it, onTestFinished } from 'vitest';
import type { Source } from '../../../shared/domain';
import { createCore, type Core } from '../../../electron/core/app';
import { startSync, type SyncHandle } from '../../../electron/core/sync';
import { enqueueOutbox } from '../../../electron/core/sync/outbox';
import { resolveSimulated } from '../../../electron/core/sync/resolve';
import { parseFaults } from '../../../electron/core/simulator/faults';
import { startSimulator } from '../../../electron/core/simulator/server';
import { REGIONS_DIR, tempDir } from '../helpers';
import { differences, until } from './helpers';

const COMPARED = ['pos', 'incident', 'line112', 'portal', 'hotline', 'gzhi', 'open311'];

async function setup(backlog: number, options: { writeBack?: boolean } = {}) {
  const dataDir = tempDir('cur-sync-');
  const core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 0, watchIntervalMs: 100 });
  const sim = await startSimulator({ pack: core.pack, rate: 0, backlog, backlogDays: 10, seed: 7 });
  const sources = resolveSimulated(core.pack, (id) => sim.sourceUrl(id), { intervalMs: 200, timeoutMs: 1500, pageSize: 500 }).map((s) => ({ ...s, writeBack: options.writeBack ?? s.writeBack }));
  const handles: SyncHandle[] = [];
  const start = async () => {
    const h = await startSync({ dbFile: core.dbFile, dataDir, pack: core.pack, bus: core.bus, db: core.db, sources, engine: { baseBackoffMs: 50, maxBackoffMs: 400, downAfter: 3, outboxIntervalMs: 100 } });
    handles.push(h);
    return h;
  };
  onTestFinished(async () => {
    for (const h of handles) await h.stop();
    await sim.close();
    core.close();
  });
  return { core, sim, start };
}

const states = (core: Core) => Object.fromEntries((core.db.prepare('SELECT id, state FROM sources').all() as { id: string; state: string }[]).map((s) => [s.id, s.state]));

describe('the sync engine against the simulator', () => {
  it('ends consistent through faults, and every source goes down and comes back up', async () => {
    const { core, sim, start } = await setup(6000);
    const seen = new Map<string, Set<string>>();
    core.bus.subscribe((name, payload) => {
      if (name !== 'sync:status') return;
      for (const s of payload as Source[]) (seen.get(s.id) ?? seen.set(s.id, new Set()).get(s.id)!).add(s.state);
    });
    sim.setFaults({ ...parseFaults('500,429,timeout,slow,truncated,malformed,duplicates,outoforder', 0.35), retryAfterSec: 1, slowMs: 300 });
    const sync = await start();
    await until('most fault kinds injected', () => Object.keys(sim.stats().faults).length, (n) => n >= 7);

    sim.setFaults({ kinds: ['500'], rate: 1 });
    // The services indicators are polled once a minute: a loop that just succeeded sleeps that long
    // unless woken, so every probe wakes the loops (as a new outbox item would).
    await until('every source down', () => (sync.poke(), states(core)), (s) => Object.values(s).every((v) => v === 'down'));

    sim.setFaults(null);
    await until('every source up', () => states(core), (s) => Object.values(s).every((v) => v === 'ok'));
    const diff = await until('the cache equals the source', () => COMPARED.flatMap((id) => differences(core.db, sim, id)), (d) => d.length === 0);
    expect(diff).toEqual([]);

    await until('status events seen', () => [...seen.values()].map((s) => s.has('down') && s.has('ok')), (v) => v.length > 0 && v.every(Boolean), 5000);
    const stats = sim.stats();
    expect(Object.keys(stats.faults).length).toBeGreaterThanOrEqual(7);
    // Every appeal arrived once: one "received" event each, whatever was re-sent.
    expect(core.db.prepare("SELECT count(*) FROM appeal_events WHERE kind = 'received'").pluck().get()).toBe(core.db.prepare('SELECT count(*) FROM appeals').pluck().get());
    const health = core.db.prepare('SELECT count(*) FROM sources WHERE last_success_at IS NOT NULL').pluck().get();
    expect(health).toBe(9);
    if (stats.faults.malformed) expect(core.db.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBeGreaterThan(0);
  }, 120_000);

  it('delivers each outbox action exactly once across a restart, through lost acknowledgements', async () => {
    const { core, sim, start } = await setup(300, { writeBack: true });
    let sync = await start();
    await until('pos synced', () => differences(core.db, sim, 'pos'), (d) => d.length === 0);
    const ids = core.db.prepare("SELECT id FROM appeals WHERE source_id IN ('pos', 'incident') ORDER BY id LIMIT 30").pluck().all() as number[];
    const src = core.db.prepare('SELECT source_id FROM appeals WHERE id = ?').pluck();
    const enqueue = (slice: number[]) =>
      core.db.transaction(() => slice.map((id) => enqueueOutbox(core.db, { sourceId: src.get(id) as string, appealId: id, action: id % 2 ? 'status' : 'answer', payload: { status: 'in_progress', text: `ответ ${id}` } }))).immediate();
    sim.setFaults({ kinds: ['ackloss', '500'], rate: 0.5 });
    const keys = enqueue(ids.slice(0, 20));
    sync.poke();
    await until('some delivered', () => core.db.prepare('SELECT count(*) FROM outbox WHERE delivered_at IS NOT NULL').pluck().get() as number, (n) => n >= 3);
    await sync.stop();
    // Offline: actions keep queueing durably while nothing is delivered.
    keys.push(...enqueue(ids.slice(20, 30)));
    sync = await start();
    sync.poke();
    await until('all delivered', () => core.db.prepare('SELECT count(*) FROM outbox WHERE delivered_at IS NULL').pluck().get() as number, (n) => n === 0);
    const received = sim.writeBacks();
    expect(received.map((w) => w.idempotencyKey).sort()).toEqual([...keys].sort());
    expect(new Set(received.map((w) => w.idempotencyKey)).size).toBe(30);
    if ((sim.stats().faults.ackloss ?? 0) > 0) expect(received.some((w) => w.received > 1)).toBe(true);
    // Each delivery shows once on its appeal's timeline, however many attempts it took.
    const timeline = core.db.prepare("SELECT appeal_id AS id, count(*) AS n FROM appeal_events WHERE kind = 'writeback-delivered' GROUP BY appeal_id ORDER BY appeal_id").all();
    expect(timeline).toEqual(ids.map((id) => ({ id, n: 1 })));
  }, 120_000);
});
