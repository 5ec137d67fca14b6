import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCore } from '../../../electron/core/app';
import { openDatabase } from '../../../electron/core/db/open';
import { createRandom } from '../../../electron/core/demo/random';
import { resolveSimulated } from '../../../electron/core/sync/resolve';
import { startSimulator } from '../../../electron/core/simulator/server';
import { REGIONS_DIR, ROOT, tempDir } from '../helpers';
import { differences } from './helpers';

const CHILD = join(ROOT, 'tests', 'fixtures', 'sync', 'sync-child.ts');
const FEEDS = ['pos', 'incident', 'line112', 'portal', 'hotline', 'gzhi'];

describe('crash safety', () => {
  it('survives SIGKILL at 20+ random points of a large sync: nothing lost, nothing doubled', async () => {
    const dataDir = tempDir('cur-crash-');
    createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 0 }).close();
    const dbFile = join(dataDir, 'cache.sqlite');
    const db = openDatabase(dbFile, { migrate: false });
    onTestFinished(() => {
    db.close();
  });
    const pack = (await import('../../../electron/core/region/pack')).loadRegionPack(REGIONS_DIR, 'RU-NIZ');
    const sim = await startSimulator({ pack, rate: 0, backlog: 40_000, backlogDays: 10, backlogSources: FEEDS, seed: 99 });
    onTestFinished(() => sim.close());
    const sources = resolveSimulated(pack, (id) => sim.sourceUrl(id), { intervalMs: 200, pageSize: 250 }).filter((s) => FEEDS.includes(s.id));
    const arg = JSON.stringify({ dbFile, regionsDir: REGIONS_DIR, sources });
    const count = db.prepare("SELECT count(*) FROM appeals WHERE external_id NOT LIKE 'demo-%'").pluck();
    const random = createRandom(2026);

    const run = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, arg], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      return { child, exited };
    };
    const waitFor = async (ok: () => boolean, timeoutMs: number) => {
      const start = Date.now();
      while (!ok()) {
        if (Date.now() - start > timeoutMs) return false;
        await new Promise((r) => setTimeout(r, 20));
      }
      return true;
    };

    let kills = 0;
    let midSync = 0;
    while (kills < 24) {
      const before = count.get() as number;
      const { child, exited } = run();
      // Kill at a random instant once the child is writing: inside a batch, between batches, mid-request.
      await waitFor(() => (count.get() as number) > before, 30_000);
      await new Promise((r) => setTimeout(r, random.int(0, 250)));
      child.kill('SIGKILL');
      await exited;
      kills++;
      if ((count.get() as number) < 40_000) midSync++;
    }
    expect(midSync).toBeGreaterThanOrEqual(20);

    const { child, exited } = run();
    const total = [...FEEDS].reduce((n, id) => n + sim.snapshot(id).size, 0);
    expect(await waitFor(() => (count.get() as number) === total, 120_000)).toBe(true);
    await waitFor(() => FEEDS.every((id) => differences(db, sim, id).length === 0), 30_000);
    child.kill('SIGKILL');
    await exited;

    expect(FEEDS.flatMap((id) => differences(db, sim, id))).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM appeal_events WHERE kind = 'received'").pluck().get()).toBe(db.prepare('SELECT count(*) FROM appeals').pluck().get());
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  }, 300_000);
});
