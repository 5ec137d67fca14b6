import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { loadCategoryRules, prepareAppealUpsert, type AppealInput } from '../../../electron/core/db/appeals';
import { openDatabase } from '../../../electron/core/db/open';
import { seedReference } from '../../../electron/core/db/reference';
import { createRandom } from '../../../electron/core/demo/random';
import { loadRegionPack } from '../../../electron/core/region/pack';
import { ensureFolded } from '../../../electron/core/analytics/fold';
import { rebuildRollups, ROLLUP_TABLES, syncRollupZone } from '../../../electron/core/analytics/rollups';
import { rollupRows } from './rollupRows';
import { APPEAL_STATUSES } from '../../../shared/domain';
import { REGIONS_DIR } from '../helpers';

const snapshot = rollupRows;

describe('rollups', () => {
  it('maintained by triggers equal a rebuild from raw rows after random inserts, updates, status changes and deletes', () => {
    const pack = loadRegionPack(REGIONS_DIR, 'RU-NIZ');
    const db = openDatabase(':memory:');
    seedReference(db, pack);
    syncRollupZone(db, pack.config.timeZone);
    const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
    const random = createRandom(7);
    const now = Date.UTC(2026, 10, 20, 12);
    const municipalities = pack.municipalities.slice(0, 6).map((m) => m.id);
    const categories = pack.config.categories.map((c) => c.id);
    const make = (i: number, version: number): AppealInput => {
      const receivedAt = now - random.int(0, 20 * 24) * 3_600_000 - random.int(0, 3_600_000);
      const responded = random.chance(0.6);
      const located = random.chance(0.8);
      return {
        sourceId: random.pick(['incident', 'pos', 'line112']),
        externalId: `x${i}`,
        channel: 'vk',
        receivedAt,
        sourceUpdatedAt: receivedAt + version,
        text: 'Текст',
        categoryId: random.chance(0.05) ? null : random.pick(categories),
        municipalityId: random.chance(0.05) ? null : random.pick(municipalities),
        address: null,
        // A few neighbourhoods of Нижний Новгород, so that cells repeat; some appeals have no place.
        lon: located ? 43.9 + random.int(0, 3) * 0.05 : null,
        lat: located ? 56.28 + random.int(0, 3) * 0.03 : null,
        status: random.pick(APPEAL_STATUSES),
        resolvedAt: random.chance(0.3) ? receivedAt + random.int(0, 20 * 86_400_000) : null,
        agencyId: random.chance(0.5) ? random.pick(['min-housing', 'min-health']) : null,
        firstResponseAt: responded ? receivedAt + random.int(-60_000, 12 * 86_400_000) : null,
      };
    };
    for (let round = 0; round < 6; round++) {
      db.transaction(() => {
        upsert(Array.from({ length: 300 }, (_, i) => make(round * 200 + i, round + 1)), now);
      })();
      const ids = db.prepare('SELECT id FROM appeals').pluck().all() as number[];
      db.transaction(() => {
        for (let k = 0; k < 80; k++) {
          const id = random.pick(ids);
          switch (random.int(0, 7)) {
            case 0: db.prepare('UPDATE appeals SET status = ? WHERE id = ?').run(random.pick(APPEAL_STATUSES), id); break;
            case 1: db.prepare('UPDATE appeals SET rating = ? WHERE id = ?').run(random.chance(0.2) ? null : random.int(1, 6), id); break;
            case 2: db.prepare('UPDATE appeals SET duplicate_of = ?, deadline_at = ? WHERE id = ?').run(random.pick(ids), now + random.int(-50, 50) * 3_600_000, id); break;
            case 3: db.prepare('UPDATE appeals SET municipality_id = ?, sector_id = ? WHERE id = ?').run(random.pick(municipalities), random.pick(['roads', 'housing']), id); break;
            case 4: db.prepare("UPDATE appeals SET status = 'reopened' WHERE id = ?").run(id); break;
            case 5: db.prepare('UPDATE appeals SET category_id = ?, h3 = ?, resolved_at = ? WHERE id = ?').run(
              random.chance(0.1) ? null : random.pick(categories), random.chance(0.2) ? null : `87${random.int(0, 4)}`, random.chance(0.5) ? now : null, id,
            ); break;
            default: db.prepare('DELETE FROM appeals WHERE id = ?').run(id);
          }
        }
      })();
    }
    const incremental = snapshot(db);
    expect(incremental.roll_day!.length).toBeGreaterThan(100);
    expect(incremental.roll_open!.length).toBeGreaterThan(10);
    expect(incremental.roll_cell!.length).toBeGreaterThan(50);
    expect(incremental.roll_brief!.length).toBeGreaterThan(100);
    expect((db.prepare('SELECT count(*) FROM appeals WHERE reopened = 1').pluck().get() as number)).toBeGreaterThan(10);
    db.transaction(() => rebuildRollups(db, { chunkMs: 3 * 86_400_000 }))();
    expect(snapshot(db)).toEqual(incremental);
  });

  it('remember a reopening after the appeal is closed again, also for one that arrived reopened', () => {
    const db = openDatabase(':memory:');
    const insert = db.prepare(
      `INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, status)
       VALUES ('s', ?, 'c', 0, 0, 0, 0, 't', ?)`,
    );
    insert.run('arrived-reopened', 'reopened');
    insert.run('reopened-later', 'assigned');
    insert.run('never', 'new');
    db.prepare("UPDATE appeals SET status = 'reopened' WHERE external_id = 'reopened-later'").run();
    db.prepare("UPDATE appeals SET status = 'closed'").run();
    expect(db.prepare('SELECT external_id, reopened FROM appeals ORDER BY id').raw().all()).toEqual([['arrived-reopened', 1], ['reopened-later', 1], ['never', 0]]);
    // Written by plain SQL: the next reader folds them, with the values they hold by then.
    ensureFolded(db);
    expect(db.prepare('SELECT sum(reopened_n), sum(open_n), sum(resolved_n) FROM roll_day').raw().get()).toEqual([2, 0, 3]);
  });

  it('re-buckets days when the zone changes', () => {
    const db = openDatabase(':memory:');
    db.prepare(
      `INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, status)
       VALUES ('s', 'e', 'c', ?, 0, 0, 0, 't', 'new')`,
    ).run(Date.UTC(2026, 0, 1, 22, 30));
    ensureFolded(db);
    expect(db.prepare('SELECT day FROM roll_day').pluck().get()).toBe(Math.floor(Date.UTC(2026, 0, 1) / 86_400_000));
    expect(syncRollupZone(db, 'Europe/Moscow')).toBe(true);
    expect(db.prepare('SELECT day FROM roll_day').pluck().get()).toBe(Math.floor(Date.UTC(2026, 0, 2) / 86_400_000));
    expect(syncRollupZone(db, 'Europe/Moscow')).toBe(false);
  });

  it('migration 0005 adds STRICT rollup tables and fills them from the appeals a cache already holds', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version < 5));
    const insert = db.prepare(
      `INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, sector_id,
        municipality_id, status, deadline_at, first_response_at) VALUES (?, ?, 'c', ?, 0, 0, 0, 't', ?, ?, ?, ?, ?)`,
    );
    const t0 = Date.UTC(2026, 5, 1, 21, 30);
    for (let i = 0; i < 200; i++) {
      const at = t0 + i * 1_234_567;
      insert.run(i % 2 ? 'pos' : 'incident', `e${i}`, at, i % 3 ? 'roads' : null, `RU-NIZ-00${i % 5}`, ['new', 'closed', 'answered'][i % 3], at + 86_400_000, i % 3 ? at + i * 60_000 : null);
    }
    migrate(db, MIGRATIONS);
    for (const table of ROLLUP_TABLES) {
      const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = ?").pluck().get(table) as string;
      expect(sql).toMatch(/STRICT\s*$/);
    }
    const backfilled = snapshot(db);
    expect(backfilled.roll_hour!.length).toBeGreaterThan(50);
    db.transaction(() => rebuildRollups(db))();
    expect(snapshot(db)).toEqual(backfilled);
    // The core's first start sets the region's zone and re-buckets the days.
    expect(syncRollupZone(db, 'Europe/Moscow', t0)).toBe(true);
    const days = db.prepare('SELECT DISTINCT day FROM roll_day ORDER BY day').pluck().all() as number[];
    expect(days[0]).toBe(Math.floor((t0 + 3 * 3_600_000) / 86_400_000));
  });
});
