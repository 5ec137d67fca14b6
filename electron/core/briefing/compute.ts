/**
 * Briefing figures computed with plain SQL over `appeals`. One grouped scan per period yields
 * cells (municipality × category × body × time bucket, current or previous period); every
 * territory's briefing is then composed from the same cells in memory, which is what lets an
 * offline snapshot hold all standard periods for the region and each municipality in seconds.
 * Kept behind `BriefingContext`/`prepareBriefingQueries` so that analytics rollups can replace
 * the scan without touching the pages.
 */
import type {
  BriefingData,
  BriefingExample,
  BriefingKpis,
  BriefingPoint,
  BriefingProblem,
  BriefingRankRow,
  BriefingTension,
} from '../../../shared/api/briefing';
import { OPEN_STATUSES } from '../../../shared/domain';
import type { Db } from '../db/open';
import { coarsen } from '../privacy/anonymize';
import { anonymizedAppealText } from '../privacy/appeals';
import { type BriefingPeriod, bucketCount, bucketMs } from './periods';

/** Below this many appeals in the period a municipality × sector is never called a tension point. */
const TENSION_MIN_COUNT = 5;
const TENSION_RATIO = 1.5;
const TOP_PROBLEMS = 5;
const EXAMPLES = 4;

export interface BriefingContext {
  population: ReadonlyMap<string, number>;
  /**
   * The lead responsible body of each sector: an appeal not yet routed to a body is counted against
   * its sector's lead body, so the ranking of bodies covers the whole stream.
   */
  leadAgencyOfSector: ReadonlyMap<string, string>;
}

interface Acc {
  n: number;
  responded: number;
  respMs: number;
  resolved: number;
  overdue: number;
  open: number;
}

/** One grouped row of the period query: its keys, and the same sums an accumulator holds. */
export interface Cell extends Acc {
  m: string | null;
  c: string | null;
  s: string | null;
  a: string | null;
  /** Bucket index from the start of its own period. */
  b: number;
  cur: 0 | 1;
}
const emptyAcc = (): Acc => ({ n: 0, responded: 0, respMs: 0, resolved: 0, overdue: 0, open: 0 });
function add(acc: Acc, c: Cell): void {
  acc.n += c.n;
  acc.responded += c.responded;
  acc.respMs += c.respMs;
  acc.resolved += c.resolved;
  acc.overdue += c.overdue;
  acc.open += c.open;
}
const avgMin = (a: Acc): number | null => (a.responded > 0 ? Math.round(a.respMs / a.responded / 60_000) : null);
const share = (a: Acc): number | null => (a.n > 0 ? a.overdue / a.n : null);

function groupBy(cells: readonly Cell[], key: (c: Cell) => string | null): Map<string, { cur: Acc; prev: Acc }> {
  const out = new Map<string, { cur: Acc; prev: Acc }>();
  for (const c of cells) {
    const k = key(c);
    if (k === null) continue;
    let entry = out.get(k);
    if (!entry) out.set(k, (entry = { cur: emptyAcc(), prev: emptyAcc() }));
    add(c.cur ? entry.cur : entry.prev, c);
  }
  return out;
}

/** The period's aggregates: by territory × kind × body, and by territory × time bucket. */
export interface PeriodCells {
  cells: Cell[];
  series: Cell[];
  /** The latest resolved appeal per municipality × category, keyed `m\u0000c` (text fetched on use). */
  latestResolved: Map<string, LatestRow>;
}

interface LatestRow {
  id: number;
  m: string | null;
  c: string | null;
  receivedAt: number;
  resolvedAt: number;
  lon: number | null;
  lat: number | null;
}

type Row = [
  id: number,
  m: string | null,
  c: string | null,
  s: string | null,
  a: string | null,
  receivedAt: number,
  firstResponseAt: number | null,
  resolvedAt: number | null,
  deadlineAt: number | null,
  status: string,
  lon: number | null,
  lat: number | null,
];

const OPEN = new Set<string>(OPEN_STATUSES);

function cellOf(map: Map<number, Cell>, key: number, m: string | null, c: string | null, s: string | null, a: string | null, b: number, cur: 0 | 1): Cell {
  let cell = map.get(key);
  if (!cell) map.set(key, (cell = { m, c, s, a, b, cur, n: 0, responded: 0, respMs: 0, resolved: 0, overdue: 0, open: 0 }));
  return cell;
}

function count(cell: Cell, fr: number | null, t: number, resolved: boolean, overdue: boolean, open: boolean): void {
  cell.n++;
  if (fr !== null) {
    cell.responded++;
    cell.respMs += fr - t;
  }
  if (resolved) cell.resolved++;
  if (overdue) cell.overdue++;
  if (open) cell.open++;
}

/** Small integer ids for the row's strings, so that group keys are numbers, not concatenations. */
function interner() {
  const ids = new Map<string | null, number>();
  return (value: string | null): number => {
    let id = ids.get(value);
    if (id === undefined) ids.set(value, (id = ids.size));
    return id;
  };
}

/**
 * Prepared once per handle. One pass over the rows of all asked periods (the month's range covers
 * the week's and today's), aggregated here: on a big cache the cost is reading the rows, so reading
 * them once beats one GROUP BY per figure.
 */
export function prepareBriefingQueries(db: Db) {
  const rows = db
    .prepare(
      `SELECT id, municipality_id, category_id, sector_id, agency_id, received_at, first_response_at, resolved_at, deadline_at, status, lon, lat
       FROM appeals WHERE received_at >= ? AND received_at < ?`,
    )
    .raw();
  const textOf = db.prepare('SELECT text FROM appeals WHERE id = ?').pluck();
  const anonymized = new Map<number, string>();

  function scan(periods: readonly BriefingPeriod[], now: number): PeriodCells[] {
    const aggs = periods.map((period) => ({
      period,
      step: bucketMs(period.bucket),
      cells: new Map<number, Cell>(),
      series: new Map<number, Cell>(),
      latestResolved: new Map<string, LatestRow>(),
    }));
    const idOf = interner();
    // Key spaces: municipalities, categories, sectors and bodies each well under 4096 in any region.
    const K = 4096;
    const lo = Math.min(...periods.map((p) => p.prevFrom));
    const hi = Math.max(...periods.map((p) => p.to));
    for (const row of rows.iterate(lo, hi) as IterableIterator<Row>) {
      const [id, m, c, s, a, t, fr, resolvedAt, deadline, status, lon, lat] = row;
      const open = OPEN.has(status);
      const resolved = status === 'closed' || resolvedAt !== null;
      const overdue = deadline !== null && deadline < (open ? now : (resolvedAt ?? fr ?? now));
      for (const agg of aggs) {
        const { period } = agg;
        const cur: 0 | 1 = t >= period.from && t < period.to ? 1 : 0;
        if (!cur && !(t >= period.prevFrom && t < period.prevTo)) continue;
        // A day bucket is 24 h from the region's midnight: Russian zones have had no DST since 2014.
        const b = Math.floor((t - (cur ? period.from : period.prevFrom)) / agg.step);
        const mi = idOf(m);
        const cellKey = (((mi * K + idOf(c)) * K + idOf(s)) * K + idOf(a)) * 2 + cur;
        count(cellOf(agg.cells, cellKey, m, c, s, a, 0, cur), fr, t, resolved, overdue, open);
        count(cellOf(agg.series, (mi * 100_000 + b) * 2 + cur, m, null, null, null, b, cur), fr, t, resolved, overdue, open);
        if (cur && status === 'closed' && resolvedAt !== null) {
          const key = `${m}\u0000${c}`;
          const seen = agg.latestResolved.get(key);
          if (!seen || t > seen.receivedAt) agg.latestResolved.set(key, { id, m, c, receivedAt: t, resolvedAt, lon, lat });
        }
      }
    }
    return aggs.map((agg) => ({ cells: [...agg.cells.values()], series: [...agg.series.values()], latestResolved: agg.latestResolved }));
  }

  return {
    scan,
    period: (period: BriefingPeriod, now: number): PeriodCells => scan([period], now)[0]!,
    /** The latest resolved appeal of each given category, anonymized; examples never carry an address. */
    examples(found: PeriodCells, municipalityId: string | null, categoryIds: readonly string[]): BriefingExample[] {
      const out: BriefingExample[] = [];
      for (const categoryId of categoryIds) {
        if (out.length >= EXAMPLES) break;
        let row: LatestRow | undefined;
        if (municipalityId) row = found.latestResolved.get(`${municipalityId}\u0000${categoryId}`);
        else for (const candidate of found.latestResolved.values()) {
          if (candidate.c === categoryId && (!row || candidate.receivedAt > row.receivedAt)) row = candidate;
        }
        if (!row) continue;
        let text = anonymized.get(row.id);
        if (text === undefined) anonymized.set(row.id, (text = anonymizedAppealText(db, row.id, (textOf.get(row.id) as string | undefined) ?? '')));
        out.push({
          categoryId: row.c,
          municipalityId: row.m,
          text,
          receivedAt: row.receivedAt,
          resolvedInMin: Math.max(0, Math.round((row.resolvedAt - row.receivedAt) / 60_000)),
          lon: coarsen(row.lon),
          lat: coarsen(row.lat),
        });
      }
      return out;
    },
  };
}
export type BriefingQueries = ReturnType<typeof prepareBriefingQueries>;

/** Normalizes raw cells: unrouted appeals go to their sector's lead body. */
export function withLeadAgencies(found: PeriodCells, ctx: BriefingContext): PeriodCells {
  for (const c of found.cells) if (c.a === null && c.s !== null) c.a = ctx.leadAgencyOfSector.get(c.s) ?? null;
  return found;
}

function rank(groups: Map<string, { cur: Acc; prev: Acc }>, population?: ReadonlyMap<string, number>): BriefingRankRow[] {
  return [...groups]
    .map(([id, { cur, prev }]) => {
      const people = population?.get(id);
      return {
        id,
        received: cur.n,
        prevReceived: prev.n,
        avgResponseMin: avgMin(cur),
        overdueShare: share(cur),
        per10k: people ? Math.round((cur.n / people) * 10_000 * 10) / 10 : null,
      };
    })
    .filter((r) => r.received > 0 || r.prevReceived > 0)
    .sort((x, y) => (y.avgResponseMin ?? -1) - (x.avgResponseMin ?? -1));
}

/** One territory's briefing from the period's cells, without examples (those need the database). */
export function composeBriefing(
  found: PeriodCells,
  period: BriefingPeriod,
  municipalityId: string | null,
  ctx: BriefingContext,
  dataAt: number,
): Omit<BriefingData, 'examples'> {
  const all = found.cells;
  const cells = municipalityId ? all.filter((c) => c.m === municipalityId) : all;
  const seriesCells = municipalityId ? found.series.filter((c) => c.m === municipalityId) : found.series;
  const cur = emptyAcc();
  const prev = emptyAcc();
  for (const c of cells) add(c.cur ? cur : prev, c);
  const kpis: BriefingKpis = {
    received: cur.n,
    prevReceived: prev.n,
    resolved: cur.resolved,
    prevResolved: prev.resolved,
    avgResponseMin: avgMin(cur),
    prevAvgResponseMin: avgMin(prev),
    overdue: cur.overdue,
    prevOverdue: prev.overdue,
    overdueShare: share(cur),
    prevOverdueShare: share(prev),
    open: cur.open,
  };

  const byCategoryMunicipality = groupBy(cells, (c) => (c.c && c.m ? `${c.c}\u0000${c.m}` : null));
  const problems: BriefingProblem[] = [...groupBy(cells, (c) => c.c)]
    .filter(([, g]) => g.cur.n > 0)
    .sort((x, y) => y[1].cur.n - x[1].cur.n)
    .slice(0, TOP_PROBLEMS)
    .map(([categoryId, g]) => {
      let topMunicipalityId: string | null = null;
      let topMunicipalityCount = 0;
      for (const [key, v] of byCategoryMunicipality) {
        const [c, m] = key.split('\u0000');
        if (c === categoryId && v.cur.n > topMunicipalityCount) [topMunicipalityId, topMunicipalityCount] = [m!, v.cur.n];
      }
      const sectorId = cells.find((c) => c.c === categoryId)?.s ?? null;
      return { categoryId, sectorId, received: g.cur.n, prevReceived: g.prev.n, overdueShare: share(g.cur), avgResponseMin: avgMin(g.cur), topMunicipalityId, topMunicipalityCount };
    });

  const tension: BriefingTension[] = [...groupBy(cells, (c) => (c.m && c.s ? `${c.m}\u0000${c.s}` : null))]
    .map(([key, g]) => {
      const [m, s] = key.split('\u0000');
      return { municipalityId: m!, sectorId: s!, received: g.cur.n, prevReceived: g.prev.n };
    })
    .filter((t) => t.received >= TENSION_MIN_COUNT && t.received >= TENSION_RATIO * Math.max(t.prevReceived, 1))
    .sort((x, y) => y.received / Math.max(y.prevReceived, 1) - x.received / Math.max(x.prevReceived, 1))
    .slice(0, 8);

  const buckets = bucketCount(period);
  const seriesAcc = Array.from({ length: buckets }, () => ({ cur: emptyAcc(), prev: emptyAcc() }));
  for (const c of seriesCells) {
    const slot = seriesAcc[Math.floor(c.b)];
    if (slot) add(c.cur ? slot.cur : slot.prev, c);
  }
  const step = bucketMs(period.bucket);
  const series: BriefingPoint[] = seriesAcc.map((slot, i) => ({
    t: period.from + i * step,
    received: slot.cur.n,
    prevReceived: slot.prev.n,
    avgResponseMin: avgMin(slot.cur),
    overdueShare: share(slot.cur),
  }));

  return {
    dataAt,
    period,
    municipalityId,
    kpis,
    byMunicipality: rank(groupBy(all, (c) => c.m), ctx.population),
    agencies: rank(groupBy(cells, (c) => c.a)),
    problems,
    tension,
    series,
  };
}
