import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncRollupZone } from '../../../electron/core/analytics/rollups';
import { canonical, type Cell, type PeriodCells } from '../../../electron/core/briefing/cells';
import { composeBriefing, prepareBriefingQueries, withLeadAgencies } from '../../../electron/core/briefing/compute';
import { prepareExamples } from '../../../electron/core/briefing/examples';
import { type BriefingPeriod, bucketMs, resolvePeriod } from '../../../electron/core/briefing/periods';
import { briefingContext, buildSnapshotContent, datasetKey, STANDARD_PERIODS } from '../../../electron/core/briefing/snapshot';
import { type AppealInput, loadCategoryRules, prepareAppealUpsert } from '../../../electron/core/db/appeals';
import { type Db, openDatabase } from '../../../electron/core/db/open';
import { seedReference } from '../../../electron/core/db/reference';
import { createRandom } from '../../../electron/core/demo/random';
import { loadRegionPack, type RegionPack } from '../../../electron/core/region/pack';
import type { BriefingData } from '../../../shared/api/briefing';
import { APPEAL_STATUSES, OPEN_STATUSES } from '../../../shared/domain';
import { DAY_MS, HOUR_MS, startOfDay } from '../../../shared/time';
import { REGIONS_DIR, tempDir } from '../helpers';

/**
 * The reference: every raw appeal of the periods read one by one (the briefing's scan before the
 * rollup existed), with the overdue rule the rollup uses.
 */
function referenceCells(db: Db, period: BriefingPeriod, now: number): PeriodCells {
  const open = new Set<string>(OPEN_STATUSES);
  const step = bucketMs(period.bucket);
  const cells = new Map<string, Cell>();
  const series = new Map<string, Cell>();
  const count = (map: Map<string, Cell>, key: string, keys: Pick<Cell, 'm' | 'c' | 's' | 'a' | 'b' | 'cur'>, row: Row) => {
    let cell = map.get(key);
    if (!cell) map.set(key, (cell = { ...keys, n: 0, responded: 0, respMs: 0, resolved: 0, overdue: 0, open: 0 }));
    const isOpen = open.has(row.status);
    const settledAt = row.resolved_at ?? row.first_response_at;
    cell.n++;
    if (row.first_response_at !== null) {
      cell.responded++;
      cell.respMs += Math.max(0, row.first_response_at - row.received_at);
    }
    if (row.status === 'closed' || row.resolved_at !== null) cell.resolved++;
    if (row.deadline_at !== null && (isOpen ? row.deadline_at < now : settledAt !== null && row.deadline_at < settledAt)) cell.overdue++;
    if (isOpen) cell.open++;
  };
  type Row = { m: string | null; c: string | null; s: string | null; a: string | null; received_at: number; first_response_at: number | null; resolved_at: number | null; deadline_at: number | null; status: string };
  const rows = db
    .prepare(
      `SELECT municipality_id AS m, category_id AS c, sector_id AS s, agency_id AS a, received_at, first_response_at, resolved_at, deadline_at, status
       FROM appeals WHERE received_at >= ? AND received_at < ?`,
    )
    .all(Math.min(period.prevFrom, period.from), Math.max(period.prevTo, period.to)) as Row[];
  for (const row of rows) {
    const t = row.received_at;
    const cur: 0 | 1 = t >= period.from && t < period.to ? 1 : 0;
    if (!cur && !(t >= period.prevFrom && t < period.prevTo)) continue;
    const b = Math.floor((t - (cur ? period.from : period.prevFrom)) / step);
    const { m, c, s, a } = row;
    count(cells, JSON.stringify([m, c, s, a, cur]), { m, c, s, a, b: 0, cur }, row);
    count(series, JSON.stringify([m, b, cur]), { m, c: null, s: null, a: null, b, cur }, row);
  }
  return canonical({ cells: [...cells.values()], series: [...series.values()] });
}

/**
 * Noon, early morning and late evening in Moscow: a partial day is read raw, or subtracted from a
 * whole one. The open appeals of the last two are mostly overdue (a backlog), then mostly in time.
 */
const NOWS = [Date.UTC(2026, 10, 20, 9, 34, 56, 789), Date.UTC(2026, 10, 20, 3, 10, 0, 1), Date.UTC(2026, 10, 20, 18, 50, 7, 3)];
const OPEN_DEADLINES = [0, -1, 1];
let NOW = NOWS[0]!;

/** A cache with two months and more of random appeals, then updates of everything the rollup sums. */
function randomCache(file: string, pack: RegionPack, openDeadlines = 0) {
  const db = openDatabase(file);
  seedReference(db, pack);
  syncRollupZone(db, pack.config.timeZone, NOW);
  const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
  const random = createRandom(11);
  const municipalities = pack.municipalities.slice(0, 5).map((m) => m.id);
  const categories = pack.config.categories.map((c) => c.id);
  const agencies = pack.config.agencies.map((a) => a.id).slice(0, 4);
  const today = startOfDay(NOW, pack.config.timeZone);
  // Instants where periods start and end: appeals right on them catch off-by-one edges.
  const edges = [NOW, today, today - DAY_MS, NOW - DAY_MS, NOW - 7 * DAY_MS, today - 6 * DAY_MS, today - 13 * DAY_MS, NOW - 30 * DAY_MS, today - 29 * DAY_MS, today - 59 * DAY_MS];
  const when = () => {
    if (random.chance(0.08)) return random.pick(edges) + random.pick([-1, 0, 1]);
    if (random.chance(0.25)) return NOW - random.int(0, 3 * DAY_MS);
    return NOW - random.int(0, 65 * DAY_MS);
  };
  const make = (i: number): AppealInput => {
    const receivedAt = when();
    const status = random.pick(APPEAL_STATUSES);
    return {
      sourceId: random.pick(['incident', 'pos', 'line112']),
      externalId: `r${i}`,
      channel: 'vk',
      receivedAt,
      sourceUpdatedAt: receivedAt,
      text: `Обращение ${i}: нет света во дворе`,
      categoryId: random.chance(0.05) ? null : random.pick(categories),
      municipalityId: random.chance(0.05) ? null : random.pick(municipalities),
      address: null,
      lon: random.chance(0.8) ? 43.9 + random.int(0, 100) / 1000 : null,
      lat: random.chance(0.8) ? 56.3 + random.int(0, 100) / 1000 : null,
      status,
      agencyId: random.chance(0.5) ? random.pick(agencies) : null,
      deadlineAt: random.chance(0.2) ? null : receivedAt + random.int(-DAY_MS, 10 * DAY_MS),
      firstResponseAt: random.chance(0.6) ? receivedAt + random.int(-60_000, 5 * DAY_MS) : null,
      resolvedAt: random.chance(0.4) ? receivedAt + random.int(0, 8 * DAY_MS) : null,
    };
  };
  for (let round = 0; round < 4; round++) {
    db.transaction(() => upsert(Array.from({ length: 600 }, (_, i) => make(round * 1000 + i)), NOW))();
    const ids = db.prepare('SELECT id FROM appeals').pluck().all() as number[];
    db.transaction(() => {
      for (let k = 0; k < 250; k++) {
        const id = random.pick(ids);
        switch (random.int(0, 8)) {
          case 0: db.prepare('UPDATE appeals SET status = ? WHERE id = ?').run(random.pick(APPEAL_STATUSES), id); break;
          case 1: db.prepare('UPDATE appeals SET deadline_at = ? WHERE id = ?').run(random.chance(0.1) ? null : NOW + random.int(-5 * DAY_MS, 5 * DAY_MS), id); break;
          case 2: db.prepare('UPDATE appeals SET first_response_at = ?, resolved_at = ? WHERE id = ?').run(random.chance(0.3) ? null : NOW - random.int(0, DAY_MS), random.chance(0.5) ? null : NOW, id); break;
          case 3: db.prepare('UPDATE appeals SET municipality_id = ?, sector_id = ? WHERE id = ?').run(random.chance(0.1) ? null : random.pick(municipalities), random.pick(['roads', 'housing', 'health']), id); break;
          case 4: db.prepare('UPDATE appeals SET category_id = ?, agency_id = ? WHERE id = ?').run(random.pick(categories), random.chance(0.3) ? null : random.pick(agencies), id); break;
          case 5: db.prepare('UPDATE appeals SET received_at = ? WHERE id = ?').run(when(), id); break;
          case 6: db.prepare("UPDATE appeals SET status = 'closed', resolved_at = ? WHERE id = ?").run(NOW - random.int(0, DAY_MS), id); break;
          default: db.prepare('DELETE FROM appeals WHERE id = ?').run(id);
        }
      }
    })();
  }
  if (openDeadlines !== 0) {
    // Most open appeals past their deadline, or most still in time (through the triggers: the rollup follows).
    db.prepare(`UPDATE appeals SET deadline_at = ? + ? * (id % 7 + 1) * ${HOUR_MS} WHERE status IN ('new', 'assigned', 'in_progress', 'reopened') AND id % 5 <> 0`).run(NOW, openDeadlines);
  }
  return { db, municipalities };
}

function periodsOf(timeZone: string): BriefingPeriod[] {
  const today = startOfDay(NOW, timeZone);
  return [
    ...STANDARD_PERIODS.map((kind) => resolvePeriod({ period: kind }, NOW, timeZone)),
    // Whole local days (the toolbar's date range), part of a day only, and a range not on midnights.
    resolvePeriod({ period: 'custom', from: today - 20 * DAY_MS, to: today - 2 * DAY_MS }, NOW, timeZone),
    resolvePeriod({ period: 'custom', from: today - 3 * DAY_MS, to: today - DAY_MS - 5 * HOUR_MS }, NOW, timeZone),
    resolvePeriod({ period: 'custom', from: NOW - 9.3 * DAY_MS, to: NOW - 0.5 * DAY_MS }, NOW, timeZone),
  ];
}

describe('the briefing from roll_brief and the ragged edges of raw rows', () => {
  const pack = loadRegionPack(REGIONS_DIR, 'RU-NIZ');
  const ctx = briefingContext(pack);
  const categoryIds = pack.config.categories.map((c) => c.id);

  function briefing(queries: ReturnType<typeof prepareBriefingQueries>, found: PeriodCells, period: BriefingPeriod, territory: string | null): BriefingData {
    const composed = composeBriefing(withLeadAgencies(found, ctx), period, territory, ctx, NOW);
    const top = composed.problems.map((p) => p.categoryId);
    return { ...composed, examples: queries.examples(period, territory, [...top, ...categoryIds.filter((c) => !top.includes(c))]) };
  }

  it.each(NOWS)('gives the same BriefingData as reading every raw row, for every period and territory, after inserts, updates and deletes (now %i)', (now) => {
    NOW = now;
    const { db, municipalities } = randomCache(join(tempDir(), 'cache.sqlite'), pack, OPEN_DEADLINES[NOWS.indexOf(now)]);
    const queries = prepareBriefingQueries(db);
    const territories = [null, ...municipalities.slice(0, 3), pack.municipalities.at(-1)!.id];
    let compared = 0;
    for (const [i, period] of periodsOf(pack.config.timeZone).entries()) {
      const found = queries.period(period, NOW);
      // The week, the month and the custom range of whole days take whole days from the rollup.
      if (i >= 1 && i <= 3) expect(queries.lastScan.rolledDays, period.kind).toBeGreaterThan(10);
      if (now !== NOWS[0] && i === 2) expect(queries.lastScan.openRead).toBe(now === NOWS[1] ? 'in-time' : 'overdue');
      // Buckets are whole numbers (a REAL bound into bucket arithmetic once made every row a group).
      expect(found.series.every((c) => Number.isInteger(c.b))).toBe(true);
      const reference = referenceCells(db, period, NOW);
      expect(found.series.length).toBe(reference.series.length);
      for (const territory of territories) {
        const fast = briefing(queries, structuredClone(found), period, territory);
        const slow = briefing(queries, structuredClone(reference), period, territory);
        expect(fast, `${period.kind} ${period.from}..${period.to} ${territory}`).toEqual(slow);
        compared++;
      }
    }
    expect(compared).toBe(6 * territories.length);
    // Non-trivial figures: overdue of both kinds, open, both halves of the comparison.
    const month = briefing(queries, queries.period(periodsOf(pack.config.timeZone)[2]!, NOW), periodsOf(pack.config.timeZone)[2]!, null);
    expect(month.kpis.received).toBeGreaterThan(500);
    expect(month.kpis.prevReceived).toBeGreaterThan(500);
    expect(month.kpis.overdue).toBeGreaterThan(20);
    expect(month.kpis.open).toBeGreaterThan(50);
    expect(month.examples.length).toBe(4);
    expect(month.tension.length + month.problems.length).toBeGreaterThan(0);

    // The snapshot asks for all standard periods at once, sharing raw pieces: the same figures.
    const content = buildSnapshotContent(db, pack, NOW);
    for (const [i, kind] of STANDARD_PERIODS.entries()) {
      const period = periodsOf(pack.config.timeZone)[i]!;
      const reference = referenceCells(db, period, NOW);
      for (const territory of territories) {
        expect(content.data[datasetKey(kind, territory)], `${kind} ${territory}`).toEqual(briefing(queries, structuredClone(reference), period, territory));
      }
    }
    db.close();
  });

  it('counts appeals a writer has not folded yet, on a read-only handle', () => {
    NOW = NOWS[2]!;
    const file = join(tempDir(), 'cache.sqlite');
    const { db, municipalities } = randomCache(file, pack);
    // Written by plain SQL, as a writer that does not fold: above the watermark.
    const insert = db.prepare(
      `INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, category_id,
        sector_id, municipality_id, status, deadline_at, first_response_at, resolved_at) VALUES ('pos', ?, 'vk', ?, 0, 0, 0, 't', ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 120; i++) {
      const at = NOW - (i % 40) * 0.7 * DAY_MS - i * 1000;
      insert.run(`late-${i}`, at, pack.config.categories[i % 7]!.id, 'roads', municipalities[i % 3], ['new', 'closed', 'in_progress'][i % 3], at + DAY_MS, i % 2 ? at + HOUR_MS : null, i % 3 === 1 ? at + 2 * HOUR_MS : null);
    }
    const unfolded = db.prepare('SELECT count(*) FROM appeals WHERE id > (SELECT folded_id FROM appeals_fold)').pluck().get() as number;
    expect(unfolded).toBe(120);
    db.close();

    const readonly = openDatabase(file, { readonly: true, migrate: false });
    const queries = prepareBriefingQueries(readonly);
    for (const period of periodsOf(pack.config.timeZone).slice(1, 4)) {
      const found = queries.period(period, NOW);
      const reference = referenceCells(readonly, period, NOW);
      for (const territory of [null, municipalities[0]!]) {
        expect(briefing(queries, structuredClone(found), period, territory)).toEqual(briefing(queries, structuredClone(reference), period, territory));
      }
    }
    expect(queries.lastScan.unfoldedGroups).toBeGreaterThan(10);
    readonly.close();
  });

  it('chooses as examples the newest resolved appeal of each category in order, with anonymized text', () => {
    NOW = NOWS[0]!;
    const { db, municipalities } = randomCache(join(tempDir(), 'cache.sqlite'), pack);
    const queries = prepareBriefingQueries(db);
    const newest = db.prepare(
      `SELECT id, received_at FROM appeals WHERE status = 'closed' AND resolved_at IS NOT NULL AND category_id = ? AND received_at >= ? AND received_at < ?
        AND (? IS NULL OR municipality_id = ?) ORDER BY received_at DESC, id DESC LIMIT 1`,
    );
    let checked = 0;
    for (const period of periodsOf(pack.config.timeZone)) {
      for (const territory of [null, municipalities[1]!]) {
        const order = [...categoryIds].reverse();
        const examples = queries.examples(period, territory, order);
        const expected = order
          .map((c) => newest.get(c, period.from, period.to, territory, territory) as { id: number; received_at: number } | undefined)
          .filter((r) => r !== undefined)
          .slice(0, 4);
        expect(examples.map((e) => e.receivedAt)).toEqual(expected.map((r) => r.received_at));
        for (const e of examples) expect(e.text).toMatch(/^Обращение \d+/);
        checked += examples.length;
      }
    }
    expect(checked).toBeGreaterThan(20);

    // A snapshot walks the region once for every territory; where that walk stops short (here after
    // 25 closed appeals) a territory walks its own: the same choice as asking territory by territory.
    const periods = periodsOf(pack.config.timeZone).slice(0, 3);
    const batchFrom = Math.min(...periods.map((p) => p.from));
    for (const limits of [{ pool: 6, regionWalk: 25, scanLimit: 10_000 }, { pool: 6, regionWalk: 10_000, scanLimit: 10_000 }]) {
      const batch = prepareExamples(db, limits);
      const single = prepareExamples(db, limits);
      for (const period of periods) {
        for (const territory of [null, ...municipalities, pack.municipalities.at(-1)!.id]) {
          const order = [...categoryIds].reverse();
          expect(batch(period, territory, order, batchFrom), `${period.kind} ${territory}`).toEqual(single(period, territory, order));
        }
      }
    }
    db.close();
  });
});
