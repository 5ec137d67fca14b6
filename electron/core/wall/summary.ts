import { cellToLatLng, cellToParent } from 'h3-js';
import type { WallHexes, WallSummary } from '../../../shared/api/wall';
import type { WallAppeal } from '../../../shared/domain';
import { OPEN_STATUSES } from '../../../shared/domain';
import { DAY_MS, HOUR_MS, startOfDay } from '../../../shared/time';
import { ensureFolded } from '../analytics/fold';
import { tryCompactOpen } from '../analytics/rollups';
import { H3_RESOLUTION } from '../db/appeals';
import type { Db } from '../db/open';

const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** Weeks of history that define a "normal" day for the tension ranking. */
const BASELINE_WEEKS = 4;
/** Below this many appeals today a municipality × sector is never called a tension point. */
const TENSION_MIN_COUNT = 5;

const WALL_APPEAL_COLUMNS = `a.id, a.category_id AS categoryId, a.sector_id AS sectorId, a.municipality_id AS municipalityId,
  a.lon, a.lat, a.received_at AS receivedAt, a.escalated`;

const STORED_RESOLUTION = H3_RESOLUTION;

function safeParent(cell: string, resolution: number): string | null {
  try {
    return cellToParent(cell, resolution);
  } catch {
    return null;
  }
}

interface TodayGroup {
  sourceId: string;
  sectorId: string | null;
  municipalityId: string | null;
  n: number;
  responseMs: number | null;
  responses: number;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

type WallAppealRow = Omit<WallAppeal, 'escalated'> & { escalated: number };
const toWallAppeal = (r: WallAppealRow): WallAppeal => ({ ...r, escalated: r.escalated === 1 });

/** Prepared once per handle: the wall asks for this on every change, several times a second. */
export function prepareWallQueries(db: Db, timeZone: string) {
  const todayGroups = db.prepare(
    `SELECT source_id AS sourceId, sector_id AS sectorId, municipality_id AS municipalityId, count(*) AS n,
       sum(first_response_at - received_at) AS responseMs, count(first_response_at) AS responses
     FROM appeals WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2, 3`,
  );
  const inWork = db.prepare(`SELECT count(*) AS n FROM appeals WHERE status IN ${OPEN_SQL}`);
  const overdue = db.prepare(`SELECT count(*) AS n FROM appeals WHERE status IN ${OPEN_SQL} AND deadline_at < ?`);
  const sectorCount = db.prepare(
    'SELECT sector_id AS sectorId, count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ? GROUP BY sector_id',
  );
  const sectorOverdue = db.prepare(
    `SELECT sector_id AS sectorId, count(*) AS n FROM appeals WHERE status IN ${OPEN_SQL} AND deadline_at < ? AND sector_id IS NOT NULL GROUP BY sector_id`,
  );
  const municipalityCount = db.prepare(
    'SELECT municipality_id AS municipalityId, count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ? AND municipality_id IS NOT NULL GROUP BY municipality_id',
  );
  const pairCount = db.prepare(
    `SELECT municipality_id AS m, sector_id AS s, count(*) AS n FROM appeals
     WHERE received_at >= ? AND received_at < ? AND municipality_id IS NOT NULL AND sector_id IS NOT NULL GROUP BY 1, 2`,
  );
  const ticker = db.prepare(
    `SELECT ${WALL_APPEAL_COLUMNS} FROM appeals a LEFT JOIN categories c ON c.id = a.category_id
     WHERE a.received_at >= ? AND (a.escalated = 1 OR c.acute = 1) ORDER BY a.received_at DESC LIMIT 20`,
  );
  const sectors = db.prepare('SELECT id FROM sectors ORDER BY sort');
  const hexAll = db.prepare('SELECT h3, count(*) AS n FROM appeals WHERE received_at >= ? AND h3 IS NOT NULL GROUP BY h3').raw();
  const hexSector = db
    .prepare('SELECT h3, count(*) AS n FROM appeals WHERE sector_id = ? AND received_at >= ? AND h3 IS NOT NULL GROUP BY h3')
    .raw();
  const one = db.prepare(`SELECT ${WALL_APPEAL_COLUMNS} FROM appeals a WHERE a.id = ?`);
  const recent = db.prepare(
    `SELECT ${WALL_APPEAL_COLUMNS} FROM appeals a WHERE a.received_at >= ? ORDER BY a.received_at DESC LIMIT ?`,
  );
  const byIds = db.prepare(`SELECT ${WALL_APPEAL_COLUMNS} FROM appeals a WHERE a.id IN (SELECT value FROM json_each(?))`);
  const maxId = db.prepare('SELECT coalesce(max(id), 0) FROM appeals').pluck();
  // One read transaction: the figures and the id they reach up to come from the same snapshot,
  // even while a sync worker writes through its own connection. What a reader may write (folding
  // rows a plain-SQL writer left, compacting passed deadline hours) is done first, outside it: a
  // write inside would have to upgrade a snapshot the worker may have moved past.
  const snapshot = <T>(read: () => T): T => {
    ensureFolded(db);
    tryCompactOpen(db, Date.now());
    return db.transaction(read)();
  };

  const n = (row: unknown) => (row as { n: number }).n;

  /**
   * One pass over today's rows gives the counters, the sources, the sectors, the municipalities and
   * today's side of the tension ranking: with a hundred thousand appeals a day, every extra scan of
   * the day is felt on the wall (the summary is refetched several times a minute).
   */
  function summary(now = Date.now(), windowHours = 24): WallSummary {
    const dayStart = startOfDay(now, timeZone);
    const yStart = dayStart - DAY_MS;
    const yNow = now - DAY_MS;
    const windowStart = now - windowHours * HOUR_MS;

    let today = 0;
    let responseMs = 0;
    let responses = 0;
    const bySourceToday = new Map<string, number>();
    const bySectorToday = new Map<string, number>();
    const byMunicipalityToday = new Map<string, number>();
    const pairsToday: { m: string; s: string; n: number }[] = [];
    const pairs = new Map<string, number>();
    for (const r of todayGroups.all(dayStart, now + 1) as TodayGroup[]) {
      today += r.n;
      responseMs += r.responseMs ?? 0;
      responses += r.responses;
      bump(bySourceToday, r.sourceId, r.n);
      if (r.sectorId !== null) bump(bySectorToday, r.sectorId, r.n);
      if (r.municipalityId !== null) bump(byMunicipalityToday, r.municipalityId, r.n);
      if (r.municipalityId !== null && r.sectorId !== null) bump(pairs, `${r.municipalityId}\u0000${r.sectorId}`, r.n);
    }
    for (const [key, count] of pairs) {
      const [m, sector] = key.split('\u0000') as [string, string];
      pairsToday.push({ m, s: sector, n: count });
    }

    const yBySector = new Map<string, number>();
    let yesterdaySameTime = 0;
    for (const r of sectorCount.all(yStart, yNow + 1) as { sectorId: string | null; n: number }[]) {
      yesterdaySameTime += r.n;
      if (r.sectorId !== null) yBySector.set(r.sectorId, r.n);
    }

    // The map's window: today's part is already counted, only the part before midnight is scanned.
    const inWindow = new Map<string, number>();
    if (windowStart < dayStart) {
      for (const r of municipalityCount.all(windowStart, dayStart) as { municipalityId: string; n: number }[]) inWindow.set(r.municipalityId, r.n);
      for (const [id, count] of byMunicipalityToday) bump(inWindow, id, count);
    } else {
      for (const r of municipalityCount.all(windowStart, now + 1) as { municipalityId: string; n: number }[]) inWindow.set(r.municipalityId, r.n);
    }

    const overdueBySector = new Map((sectorOverdue.all(now) as { sectorId: string; n: number }[]).map((r) => [r.sectorId, r.n]));
    return {
      at: now,
      today,
      yesterdaySameTime,
      inWork: n(inWork.get()),
      overdue: n(overdue.get(now)),
      avgFirstResponseMin: responses === 0 ? null : Math.round(responseMs / responses / 60_000),
      bySource: [...bySourceToday].map(([sourceId, count]) => ({ sourceId, today: count })),
      bySector: (sectors.all() as { id: string }[]).map(({ id }) => ({
        sectorId: id,
        today: bySectorToday.get(id) ?? 0,
        overdue: overdueBySector.get(id) ?? 0,
        yesterdaySameTime: yBySector.get(id) ?? 0,
      })),
      byMunicipality: [...inWindow].map(([municipalityId, count]) => ({ municipalityId, count })),
      windowHours,
      todayByMunicipality: [...byMunicipalityToday].map(([municipalityId, count]) => ({ municipalityId, count })),
      tension: tension(now, dayStart, pairsToday),
      ticker: (ticker.all(now - DAY_MS) as WallAppealRow[]).map(toWallAppeal),
    };
  }

  /** Today so far against the same part of the same weekday in past weeks. */
  function tension(now: number, dayStart: number, todayPairs: readonly { m: string; s: string; n: number }[]): WallSummary['tension'] {
    const key = (m: string, s: string) => `${m}\u0000${s}`;
    const baseline = new Map<string, number>();
    for (let week = 1; week <= BASELINE_WEEKS; week++) {
      const shift = week * 7 * DAY_MS;
      for (const r of pairCount.all(dayStart - shift, now - shift + 1) as { m: string; s: string; n: number }[]) {
        baseline.set(key(r.m, r.s), (baseline.get(key(r.m, r.s)) ?? 0) + r.n);
      }
    }
    return todayPairs
      .map((r) => ({ municipalityId: r.m, sectorId: r.s, today: r.n, normal: (baseline.get(key(r.m, r.s)) ?? 0) / BASELINE_WEEKS }))
      .filter((t) => t.today >= TENSION_MIN_COUNT && t.today >= 1.5 * Math.max(t.normal, 1))
      .sort((a, b) => b.today / Math.max(b.normal, 1) - a.today / Math.max(a.normal, 1))
      .slice(0, 10);
  }

  /** Appeals of the window per H3 cell; stored cells are resolution 7, coarser ones are their parents. */
  function hexes(
    args: { resolution: number; sectorId?: string | undefined; windowHours: number; bbox?: [number, number, number, number] | undefined },
    now = Date.now(),
  ): WallHexes {
    const since = now - args.windowHours * HOUR_MS;
    const rows = (args.sectorId ? hexSector.all(args.sectorId, since) : hexAll.all(since)) as [string, number][];
    const counts = new Map<string, number>();
    for (const [cell, n] of rows) {
      const key = args.resolution >= STORED_RESOLUTION ? cell : safeParent(cell, args.resolution);
      if (key) counts.set(key, (counts.get(key) ?? 0) + n);
    }
    if (args.bbox) {
      const [west, south, east, north] = args.bbox;
      for (const cell of counts.keys()) {
        const [lat, lon] = cellToLatLng(cell);
        if (lon < west || lon > east || lat < south || lat > north) counts.delete(cell);
      }
    }
    return { at: now, resolution: Math.min(args.resolution, STORED_RESOLUTION), windowHours: args.windowHours, cells: [...counts.keys()], counts: [...counts.values()] };
  }

  return {
    summary,
    hexes,
    appeal: (id: number): WallAppeal | null => {
      const row = one.get(id) as WallAppealRow | undefined;
      return row ? toWallAppeal(row) : null;
    },
    recent: (sinceMs: number, limit: number): WallAppeal[] => (recent.all(sinceMs, limit) as WallAppealRow[]).map(toWallAppeal),
    byIds: (ids: readonly number[]): WallAppeal[] => (byIds.all(JSON.stringify(ids)) as WallAppealRow[]).map(toWallAppeal),
    /** The newest appeal id in the cache (the wall's summary carries it as `lastAppealId`). */
    lastAppealId: (): number => maxId.get() as number,
    snapshot,
  };
}

export type WallQueries = ReturnType<typeof prepareWallQueries>;
