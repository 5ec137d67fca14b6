import { describe, expect, it } from 'vitest';
import { prepareCounters } from '../../../electron/core/analytics/counters';
import { rebuildRollups } from '../../../electron/core/analytics/rollups';
import { prepareWallQueries } from '../../../electron/core/wall/summary';
import { demoDb } from './demoDb';

const byKey = <T extends Record<string, unknown>>(rows: T[], key: keyof T) => [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

describe('counters from rollups', () => {
  it('equal the wall summary computed from raw rows, at several moments of a day (rollups follow deletes too)', () => {
    const now = Date.UTC(2026, 10, 24, 12, 34, 56);
    const { db, pack } = demoDb(20_000, now, 40);
    // Some appeals answered and overdue around now, so the partial-hour tails are not empty.
    db.prepare("UPDATE appeals SET status = 'new', deadline_at = ? WHERE id % 97 = 0").run(now - 20 * 60_000);
    const raw = prepareWallQueries(db, pack.config.timeZone);
    const rolled = prepareCounters(db, pack.config.timeZone);
    // Earlier moments as if they were now: the raw wall query has no upper bound on "last 24 h".
    for (const at of [now, now - 7 * 3_600_000 + 1234, now - 11 * 3_600_000 - 59_000]) {
      // Today's figures leave out what arrives later the same day, before it is deleted as well.
      const early = rolled.summary(at);
      db.prepare('DELETE FROM appeals WHERE received_at > ?').run(at);
      const a = raw.summary(at);
      const b = rolled.summary(at);
      expect([early.today, early.bySector, byKey(early.bySource, 'sourceId'), byKey(early.todayByMunicipality, 'municipalityId')]).toEqual([
        a.today, a.bySector, byKey(a.bySource, 'sourceId'), byKey(a.todayByMunicipality, 'municipalityId'),
      ]);
      expect(b.today).toBeGreaterThan(0);
      expect(b.overdue).toBeGreaterThan(0);
      expect({ ...b, bySource: byKey(b.bySource, 'sourceId'), byMunicipality: byKey(b.byMunicipality, 'municipalityId'), todayByMunicipality: byKey(b.todayByMunicipality, 'municipalityId') }).toEqual({
        ...a,
        bySource: byKey(a.bySource, 'sourceId'),
        byMunicipality: byKey(a.byMunicipality, 'municipalityId'),
        todayByMunicipality: byKey(a.todayByMunicipality, 'municipalityId'),
      });
    }
  });

  it('stay exact as time passes after the overdue backlog is folded, with writes in between', () => {
    const now = Date.UTC(2026, 10, 24, 9, 10);
    const { db, pack } = demoDb(5_000, now, 20);
    db.prepare("UPDATE appeals SET status = 'in_progress', deadline_at = received_at + 3600000 WHERE id % 5 = 0").run();
    const raw = prepareWallQueries(db, pack.config.timeZone);
    const rolled = prepareCounters(db, pack.config.timeZone);
    expect(rolled.summary(now).overdue).toBe(raw.summary(now).overdue);
    expect(db.prepare('SELECT count(*) FROM roll_open WHERE deadline_hour = -2').pluck().get()).toBeGreaterThan(10);
    // Old overdue appeals get closed, others reopen; then the clock moves on by hours.
    db.prepare("UPDATE appeals SET status = 'closed' WHERE id % 10 = 0").run();
    db.prepare("UPDATE appeals SET status = 'reopened', deadline_at = ? WHERE id % 13 = 0").run(now + 90 * 60_000);
    const check = (at: number) => {
      const a = raw.summary(at);
      const b = rolled.summary(at);
      expect([b.overdue, b.inWork, b.bySector]).toEqual([a.overdue, a.inWork, a.bySector]);
    };
    // Minutes into an hour and near its end: this hour's passed deadlines are read either way.
    for (const at of [now + 1000, now + 2 * 3_600_000 + 5, now + 2 * 3_600_000 + 55 * 60_000, now + 30 * 3_600_000]) check(at);
    // A rebuild puts every deadline back at its own hour; the memo of the compacted bucket must go too.
    db.transaction(() => rebuildRollups(db))();
    for (const at of [now + 30 * 3_600_000 + 7_000, now + 31 * 3_600_000 + 40 * 60_000]) check(at);
  });
});
