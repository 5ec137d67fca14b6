import type { WallSummary } from '../../../shared/api/wall';
import type { WallAppeal } from '../../../shared/domain';
import { OPEN_STATUSES } from '../../../shared/domain';
import { DAY_MS, HOUR_MS, startOfDay } from '../../../shared/time';
import type { Db } from '../db/open';

const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** Weeks of history that define a "normal" day for the tension ranking. */
const BASELINE_WEEKS = 4;
/** Below this many appeals today a municipality × sector is never called a tension point. */
const TENSION_MIN_COUNT = 5;

const WALL_APPEAL_COLUMNS = `a.id, a.category_id AS categoryId, a.sector_id AS sectorId, a.municipality_id AS municipalityId,
  a.lon, a.lat, a.received_at AS receivedAt, a.escalated`;

type WallAppealRow = Omit<WallAppeal, 'escalated'> & { escalated: number };
const toWallAppeal = (r: WallAppealRow): WallAppeal => ({ ...r, escalated: r.escalated === 1 });

/** Prepared once per handle: the wall asks for this on every change, several times a second. */
export function prepareWallQueries(db: Db, timeZone: string) {
  const count = db.prepare('SELECT count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ?');
  const inWork = db.prepare(`SELECT count(*) AS n FROM appeals WHERE status IN ${OPEN_SQL}`);
  const overdue = db.prepare(`SELECT count(*) AS n FROM appeals WHERE status IN ${OPEN_SQL} AND deadline_at < ?`);
  const firstResponse = db.prepare(
    `SELECT avg(first_response_at - received_at) AS ms FROM appeals
     WHERE received_at >= ? AND received_at < ? AND first_response_at IS NOT NULL`,
  );
  const bySource = db.prepare(
    'SELECT source_id AS sourceId, count(*) AS today FROM appeals WHERE received_at >= ? AND received_at < ? GROUP BY source_id',
  );
  const sectorCount = db.prepare(
    'SELECT sector_id AS sectorId, count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ? AND sector_id IS NOT NULL GROUP BY sector_id',
  );
  const sectorOverdue = db.prepare(
    `SELECT sector_id AS sectorId, count(*) AS n FROM appeals WHERE status IN ${OPEN_SQL} AND deadline_at < ? AND sector_id IS NOT NULL GROUP BY sector_id`,
  );
  const byMunicipality = db.prepare(
    'SELECT municipality_id AS municipalityId, count(*) AS count FROM appeals WHERE received_at >= ? AND municipality_id IS NOT NULL GROUP BY municipality_id',
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
  const recent = db.prepare(
    `SELECT ${WALL_APPEAL_COLUMNS} FROM appeals a WHERE a.received_at >= ? ORDER BY a.received_at DESC LIMIT ?`,
  );
  const byIds = db.prepare(`SELECT ${WALL_APPEAL_COLUMNS} FROM appeals a WHERE a.id IN (SELECT value FROM json_each(?))`);

  const n = (row: unknown) => (row as { n: number }).n;

  function summary(now = Date.now(), windowHours = 24): WallSummary {
    const dayStart = startOfDay(now, timeZone);
    const yStart = dayStart - DAY_MS;
    const yNow = now - DAY_MS;
    const todayBySector = new Map((sectorCount.all(dayStart, now + 1) as { sectorId: string; n: number }[]).map((r) => [r.sectorId, r.n]));
    const yBySector = new Map((sectorCount.all(yStart, yNow + 1) as { sectorId: string; n: number }[]).map((r) => [r.sectorId, r.n]));
    const overdueBySector = new Map((sectorOverdue.all(now) as { sectorId: string; n: number }[]).map((r) => [r.sectorId, r.n]));
    const avgMs = (firstResponse.get(dayStart, now + 1) as { ms: number | null }).ms;
    return {
      at: now,
      today: n(count.get(dayStart, now + 1)),
      yesterdaySameTime: n(count.get(yStart, yNow + 1)),
      inWork: n(inWork.get()),
      overdue: n(overdue.get(now)),
      avgFirstResponseMin: avgMs === null ? null : Math.round(avgMs / 60_000),
      bySource: bySource.all(dayStart, now + 1) as WallSummary['bySource'],
      bySector: (sectors.all() as { id: string }[]).map(({ id }) => ({
        sectorId: id,
        today: todayBySector.get(id) ?? 0,
        overdue: overdueBySector.get(id) ?? 0,
        yesterdaySameTime: yBySector.get(id) ?? 0,
      })),
      byMunicipality: byMunicipality.all(now - windowHours * HOUR_MS) as WallSummary['byMunicipality'],
      windowHours,
      tension: tension(now, dayStart),
      ticker: (ticker.all(now - DAY_MS) as WallAppealRow[]).map(toWallAppeal),
    };
  }

  /** Today so far against the same part of the same weekday in past weeks. */
  function tension(now: number, dayStart: number): WallSummary['tension'] {
    const key = (m: string, s: string) => `${m}\u0000${s}`;
    const baseline = new Map<string, number>();
    for (let week = 1; week <= BASELINE_WEEKS; week++) {
      const shift = week * 7 * DAY_MS;
      for (const r of pairCount.all(dayStart - shift, now - shift + 1) as { m: string; s: string; n: number }[]) {
        baseline.set(key(r.m, r.s), (baseline.get(key(r.m, r.s)) ?? 0) + r.n);
      }
    }
    return (pairCount.all(dayStart, now + 1) as { m: string; s: string; n: number }[])
      .map((r) => ({ municipalityId: r.m, sectorId: r.s, today: r.n, normal: (baseline.get(key(r.m, r.s)) ?? 0) / BASELINE_WEEKS }))
      .filter((t) => t.today >= TENSION_MIN_COUNT && t.today >= 1.5 * Math.max(t.normal, 1))
      .sort((a, b) => b.today / Math.max(b.normal, 1) - a.today / Math.max(a.normal, 1))
      .slice(0, 10);
  }

  return {
    summary,
    recent: (sinceMs: number, limit: number): WallAppeal[] => (recent.all(sinceMs, limit) as WallAppealRow[]).map(toWallAppeal),
    byIds: (ids: readonly number[]): WallAppeal[] => (byIds.all(JSON.stringify(ids)) as WallAppealRow[]).map(toWallAppeal),
  };
}

export type WallQueries = ReturnType<typeof prepareWallQueries>;
