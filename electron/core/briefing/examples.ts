/**
 * Examples of resolved appeals for the briefing: for each asked category, the newest appeal of the
 * territory received in the period and closed since, chosen among the territory's newest closed
 * appeals (read newest first through an index, a bounded number), never by scanning the period's rows.
 * Texts are anonymized and carry no address; coordinates are coarsened (see electron/core/privacy/).
 */
import type { BriefingExample } from '../../../shared/api/briefing';
import type { Db } from '../db/open';
import { coarsen } from '../privacy/anonymize';
import { anonymizedAppealText } from '../privacy/appeals';
import type { BriefingPeriod } from './periods';

const EXAMPLES = 4;

/** How far the walks over closed appeals go (smaller in tests, to reach every branch on a small cache). */
export interface ExampleLimits {
  /** Closed appeals looked at per territory: enough to find the top categories of a briefing. */
  pool: number;
  /**
   * The region's newest closed appeals walked once for every territory (a snapshot): most
   * municipalities find their pool in it; a small one that does not walks its own appeals (few).
   */
  regionWalk: number;
  /**
   * Rows looked at per territory at most: where almost nothing is closed (a source that never
   * reports closure) the walk stops here instead of reading the whole period.
   */
  scanLimit: number;
}
const LIMITS: ExampleLimits = { pool: 60, regionWalk: 30_000, scanLimit: 20_000 };

type PoolRow = [id: number, m: string | null, c: string | null, receivedAt: number, resolvedAt: number | null, lon: number | null, lat: number | null, status: string];

export function prepareExamples(db: Db, limits: ExampleLimits = LIMITS) {
  const { pool: poolSize, regionWalk, scanLimit } = limits;
  // Both orders come from the index itself (the rowid is its last column): no sort, and the walk
  // stops as soon as the pool is full.
  const regionRows = db.prepare(
    `SELECT id, municipality_id, category_id, received_at, resolved_at, lon, lat, status FROM appeals INDEXED BY appeals_status_received
     WHERE status = 'closed' AND received_at >= ? AND received_at < ? ORDER BY received_at DESC, id DESC`,
  ).raw();
  const territoryRows = db.prepare(
    `SELECT id, municipality_id, category_id, received_at, resolved_at, lon, lat, status FROM appeals INDEXED BY appeals_municipality_received
     WHERE municipality_id = ? AND received_at >= ? AND received_at < ? ORDER BY received_at DESC, id DESC`,
  ).raw();
  const textOf = db.prepare('SELECT text FROM appeals WHERE id = ?').pluck();
  const anonymized = new Map<number, string>();
  const regionPools = new Map<string, { region: PoolRow[]; byTerritory: Map<string, PoolRow[]>; complete: boolean }>();
  const territoryPools = new Map<string, PoolRow[]>();
  const remember = <V>(map: Map<string, V>, key: string, value: V): V => {
    if (map.size >= 256) map.clear();
    map.set(key, value);
    return value;
  };

  /** `all`: every territory will be asked for, so the walk goes on for their pools too. */
  function walkRegion(from: number, to: number, all: boolean) {
    const key = `${from}:${to}:${all}`;
    const known = regionPools.get(key);
    if (known) return known;
    const region: PoolRow[] = [];
    const byTerritory = new Map<string, PoolRow[]>();
    let seen = 0;
    let complete = true;
    for (const row of regionRows.iterate(from, to) as IterableIterator<PoolRow>) {
      if (++seen > (all ? regionWalk : scanLimit) || (!all && region.length >= poolSize)) {
        complete = false;
        break;
      }
      if (row[4] === null) continue;
      if (region.length < poolSize) region.push(row);
      if (row[1] === null) continue;
      let list = byTerritory.get(row[1]);
      if (!list) byTerritory.set(row[1], (list = []));
      if (list.length < poolSize) list.push(row);
    }
    return remember(regionPools, key, { region, byTerritory, complete });
  }

  /** The territory's newest closed appeals received in [from, to), newest first, at most the pool's size. */
  function pool(municipalityId: string | null, from: number, to: number, all: boolean): PoolRow[] {
    if (municipalityId === null || all) {
      const walked = walkRegion(from, to, all);
      if (municipalityId === null) return walked.region;
      const found = walked.byTerritory.get(municipalityId) ?? [];
      if (walked.complete || found.length >= poolSize) return found;
    }
    const key = `${municipalityId}:${from}:${to}`;
    const known = territoryPools.get(key);
    if (known) return known;
    const rows: PoolRow[] = [];
    let seen = 0;
    for (const row of territoryRows.iterate(municipalityId, from, to) as IterableIterator<PoolRow>) {
      if (row[7] === 'closed' && row[4] !== null) rows.push(row);
      if (rows.length >= poolSize || ++seen >= scanLimit) break;
    }
    return remember(territoryPools, key, rows);
  }

  /**
   * Up to four examples, one per category in the order given. `batchFrom`, when every territory is
   * asked for (a snapshot): the earliest start of the periods asked for with the same end (today,
   * the week and the month), so that one walk of the region serves them all; the newest closed
   * appeals of a shorter period are the newest of the longer one, so the choice is the same as
   * walking each territory and period on its own.
   */
  return function examples(period: BriefingPeriod, municipalityId: string | null, categoryIds: readonly string[], batchFrom?: number): BriefingExample[] {
    const all = batchFrom !== undefined;
    const rows = pool(municipalityId, Math.min(batchFrom ?? period.from, period.from), period.to, all).filter((r) => r[3] >= period.from);
    const out: BriefingExample[] = [];
    for (const categoryId of categoryIds) {
      if (out.length >= EXAMPLES) break;
      const row = rows.find((r) => r[2] === categoryId);
      if (!row) continue;
      const [id, m, c, receivedAt, resolvedAt, lon, lat] = row;
      let text = anonymized.get(id);
      if (text === undefined) anonymized.set(id, (text = anonymizedAppealText(db, id, (textOf.get(id) as string | undefined) ?? '')));
      out.push({
        categoryId: c,
        municipalityId: m,
        text,
        receivedAt,
        resolvedInMin: Math.max(0, Math.round((resolvedAt! - receivedAt) / 60_000)),
        lon: coarsen(lon),
        lat: coarsen(lat),
      });
    }
    return out;
  };
}
