/**
 * Briefing figures. One aggregation per batch of periods yields cells (municipality × category ×
 * body, and municipality × time bucket, current or previous period; cells.ts reads them from
 * roll_brief and the ragged edges of raw rows); every territory's briefing is then composed from
 * the same cells in memory, which is what lets an offline snapshot hold all standard periods for the
 * region and each municipality in seconds.
 */
import type {
  BriefingData,
  BriefingKpis,
  BriefingPoint,
  BriefingProblem,
  BriefingRankRow,
  BriefingTension,
} from '../../../shared/api/briefing';
import type { Db } from '../db/open';
import { type Acc, type Cell, type PeriodCells, prepareBriefingCells } from './cells';
import { prepareExamples } from './examples';
import { type BriefingPeriod, bucketCount, bucketMs } from './periods';

export type { Cell, PeriodCells };

/** Below this many appeals in the period a municipality × sector is never called a tension point. */
const TENSION_MIN_COUNT = 5;
const TENSION_RATIO = 1.5;
const TOP_PROBLEMS = 5;

export interface BriefingContext {
  population: ReadonlyMap<string, number>;
  /**
   * The lead responsible body of each sector: an appeal not yet routed to a body is counted against
   * its sector's lead body, so the ranking of bodies covers the whole stream.
   */
  leadAgencyOfSector: ReadonlyMap<string, string>;
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

/**
 * Prepared once per handle: the cells of asked periods (whole days from roll_brief, the ragged
 * edges from raw rows; see cells.ts) and the examples of resolved appeals (examples.ts).
 */
export function prepareBriefingQueries(db: Db) {
  const cells = prepareBriefingCells(db);
  const examples = prepareExamples(db);
  return {
    scan: (periods: readonly BriefingPeriod[], now: number): PeriodCells[] => cells.scan(periods, now),
    period: (period: BriefingPeriod, now: number): PeriodCells => cells.scan([period], now)[0]!,
    /** The latest resolved appeal of each given category, anonymized; examples never carry an address. */
    examples,
    /** What the last scan read (whole days from the rollup, raw pieces). */
    lastScan: cells.last,
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

function byTerritory(cells: readonly Cell[]): Map<string | null, Cell[]> {
  const out = new Map<string | null, Cell[]>();
  for (const c of cells) (out.get(c.m) ?? out.set(c.m, []).get(c.m)!).push(c);
  return out;
}

// What every territory's briefing of the same cells shares (a snapshot composes some fifty of them):
// the cells split by municipality, and the ranking of municipalities, which is the region's.
const shares = new WeakMap<PeriodCells, { cellsOf: Map<string | null, Cell[]>; seriesOf: Map<string | null, Cell[]>; byMunicipality: BriefingRankRow[] }>();
function sharedOf(found: PeriodCells, ctx: BriefingContext) {
  let shared = shares.get(found);
  if (!shared) {
    shared = { cellsOf: byTerritory(found.cells), seriesOf: byTerritory(found.series), byMunicipality: rank(groupBy(found.cells, (c) => c.m), ctx.population) };
    shares.set(found, shared);
  }
  return shared;
}

/** One territory's briefing from the period's cells, without examples (those need the database). */
export function composeBriefing(
  found: PeriodCells,
  period: BriefingPeriod,
  municipalityId: string | null,
  ctx: BriefingContext,
  dataAt: number,
): Omit<BriefingData, 'examples'> {
  const shared = sharedOf(found, ctx);
  const cells = municipalityId ? (shared.cellsOf.get(municipalityId) ?? []) : found.cells;
  const seriesCells = municipalityId ? (shared.seriesOf.get(municipalityId) ?? []) : found.series;
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
    byMunicipality: shared.byMunicipality,
    agencies: rank(groupBy(cells, (c) => c.a)),
    problems,
    tension,
    series,
  };
}
