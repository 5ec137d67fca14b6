import { describe, expect, it } from 'vitest';
import { ensureFolded, foldAppeals } from '../../../electron/core/analytics/fold';
import { rebuildRollups, syncRollupZone } from '../../../electron/core/analytics/rollups';
import { rollupRows } from './rollupRows';
import { openDatabase, type Db } from '../../../electron/core/db/open';
import { createRandom } from '../../../electron/core/demo/random';
import { APPEAL_STATUSES } from '../../../shared/domain';
import { join } from 'node:path';
import { tempDir } from '../helpers';

const rollups = rollupRows;

const watermark = (db: Db) => db.prepare('SELECT folded_id FROM appeals_fold').pluck().get() as number;

describe('the fold of new appeals into rollups', () => {
  it('equals a rebuild whatever happens to rows before and after they are folded, reused ids included', () => {
    const db = openDatabase(':memory:');
    syncRollupZone(db, 'Europe/Moscow');
    const random = createRandom(11);
    const now = Date.UTC(2026, 10, 20, 12);
    const insert = db.prepare(
      `INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, sector_id,
        municipality_id, agency_id, status, deadline_at, first_response_at) VALUES (?, ?, 'c', ?, 0, 0, 0, 't', ?, ?, ?, ?, ?, ?)`,
    );
    let serial = 0;
    const add = () => {
      const at = now - random.int(0, 10 * 86_400_000);
      insert.run(
        random.pick(['pos', 'incident']), `e${serial++}`, at, random.pick(['roads', 'housing', null]), random.pick(['RU-NIZ-001', 'RU-NIZ-002']),
        random.pick(['min-a', null]), random.pick(APPEAL_STATUSES), random.chance(0.8) ? at + random.int(1, 72) * 3_600_000 : null,
        random.chance(0.5) ? at + random.int(0, 5 * 86_400_000) : null,
      );
    };
    const ids = () => db.prepare('SELECT id FROM appeals').pluck().all() as number[];
    const touch = (id: number) => {
      switch (random.int(0, 4)) {
        case 0: db.prepare('UPDATE appeals SET status = ? WHERE id = ?').run(random.pick(APPEAL_STATUSES), id); break;
        case 1: db.prepare('UPDATE appeals SET deadline_at = ?, agency_id = ? WHERE id = ?').run(now + random.int(-40, 40) * 3_600_000, random.pick(['min-a', 'min-b']), id); break;
        case 2: db.prepare('UPDATE appeals SET received_at = received_at - 7200000, municipality_id = ? WHERE id = ?').run(random.pick(['RU-NIZ-003', 'RU-NIZ-001']), id); break;
        default: db.prepare('DELETE FROM appeals WHERE id = ?').run(id);
      }
    };
    let foldedSome = false;
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 40; i++) add();
      // Fresh rows change and vanish before any fold, folded ones after it.
      for (let k = 0; k < 15; k++) touch(random.pick(ids()));
      if (random.chance(0.6)) {
        foldedSome = foldAppeals(db) > 0 || foldedSome;
        // The highest row goes: SQLite hands its id out again, and the row that gets it is fresh.
        const top = Math.max(...ids());
        db.prepare('DELETE FROM appeals WHERE id = ?').run(top);
        expect(watermark(db)).toBe(Math.max(0, ...ids()));
        add();
        const reused = Math.max(...ids());
        expect(reused).toBeLessThanOrEqual(top);
        expect(watermark(db)).toBeLessThan(reused);
      }
      for (let k = 0; k < 15; k++) touch(random.pick(ids()));
    }
    expect(foldedSome).toBe(true);
    ensureFolded(db);
    expect(watermark(db)).toBe(Math.max(...ids()));
    const folded = rollups(db);
    expect(folded.roll_day!.length).toBeGreaterThan(50);
    db.transaction(() => rebuildRollups(db))();
    expect(rollups(db)).toEqual(folded);
  });

  it('gives new rows their working-day deadlines before counting them, and leaves folded rows alone', () => {
    const db = openDatabase(':memory:');
    db.exec(`INSERT INTO sectors VALUES ('housing', 'ЖКХ', 0); INSERT INTO categories VALUES ('yard', 'Двор', 'housing', 240, 0);
      INSERT INTO deadline_rules VALUES ('yard', 'workdays', 1);
      INSERT INTO work_calendar VALUES (0, 1, 1), (86400000, 0, 1), (172800000, 1, 2), (259200000, 1, 3);`);
    const insert = db.prepare(`INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text,
      category_id, status, deadline_at) VALUES ('s', ?, 'x', 3600000, 0, 0, 0, 'т', 'yard', 'new', 5)`);
    insert.run('a');
    expect(foldAppeals(db)).toBe(1);
    // Day 0 is working day 1; one working day later is day 2, due at its end (day 3's start).
    expect(db.prepare('SELECT deadline_at FROM appeals').pluck().get()).toBe(259_200_000);
    expect(db.prepare('SELECT deadline_hour, n FROM roll_open').raw().all()).toEqual([[72, 1]]);
    expect(foldAppeals(db)).toBe(0);
    db.prepare('UPDATE appeals SET deadline_at = 7200000').run();
    expect(foldAppeals(db)).toBe(0);
    expect(db.prepare('SELECT deadline_at FROM appeals').pluck().get()).toBe(7_200_000);
    expect(db.prepare('SELECT deadline_hour, n FROM roll_open WHERE n <> 0').raw().all()).toEqual([[2, 1]]);
  });

  it('leaves the fold to a later reader when another connection wrote after a read snapshot began', () => {
    const file = join(tempDir(), 'cache.sqlite');
    const reader = openDatabase(file);
    const writer = openDatabase(file);
    const insert = (db: Db, externalId: string) =>
      db
        .prepare(
          `INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, status)
           VALUES ('s', ?, 'c', 1, 0, 0, 0, 't', 'new')`,
        )
        .run(externalId);
    insert(writer, 'a');
    // The reader's snapshot starts, then the writer commits: folding inside would need to upgrade a stale snapshot.
    const seen = reader.transaction(() => {
      const before = reader.prepare('SELECT count(*) FROM appeals').pluck().get();
      insert(writer, 'b');
      expect(() => ensureFolded(reader)).not.toThrow();
      return before;
    })();
    expect(seen).toBe(1);
    ensureFolded(reader);
    expect(reader.prepare('SELECT sum(n) FROM roll_hour').pluck().get()).toBe(2);
    reader.close();
    writer.close();
  });
});
