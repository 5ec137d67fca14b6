import type { WallSummary } from '../../../shared/api/wall';
import type { WallAppeal } from '../../../shared/domain';
import { DAY_MS, HOUR_MS, startOfDay } from '../../../shared/time';
import type { Db } from '../db/open';
import { prepareRangeCounts, splitKey } from './ranges';
import { COMPACTED_HOUR, compactedHour, dayOf, OPEN_SQL, tryCompactOpen, zoneOffset } from './rollups';
import { ensureFolded } from './fold';

/** Weeks of history that define a "normal" day for the wall's tension ranking (as wall/summary.ts). */
const BASELINE_WEEKS = 4;
const TENSION_MIN_COUNT = 5;

const WALL_APPEAL_COLUMNS = `a.id, a.category_id AS categoryId, a.sector_id AS sectorId, a.municipality_id AS municipalityId,
  a.lon, a.lat, a.received_at AS receivedAt, a.escalated`;
type WallAppealRow = Omit<WallAppeal, 'escalated'> & { escalated: number };

/**
 * The wall's counters (the same figures as wall/summary.ts computes from raw rows) read from the
 * rollups: cost no longer grows with the cache. Raw rows are read only for the current, partial
 * hour and the ticker's newest acute appeals, both through indexes.
 */
export function prepareCounters(db: Db, timeZone: string) {
  const rangeCounts = prepareRangeCounts(db);
  // Today per source, summed in SQL in the key's own order (thousands of roll_day rows at region scale).
  const daySources = db.prepare('SELECT source_id, sum(n), sum(response_ms), sum(responded_n) FROM roll_day WHERE day = ? GROUP BY 1').raw();
  const laterToday = db
    .prepare(
      'SELECT source_id, count(*) FROM appeals WHERE received_at >= ? AND received_at < ? GROUP BY 1',
    )
    .raw();
  const inWork = db.prepare('SELECT coalesce(sum(n), 0) FROM roll_open_sector').pluck();
  // Overdue now = the compacted bucket (all deadline hours before the last compaction; it changes
  // only when a compaction moves the mark, so it is read once per mark) + hours since, and this
  // hour's passed deadlines, read as raw rows or as the hour's bucket less the rest, whichever is fewer.
  const compactedBucket = db.prepare(`SELECT sector_id, sum(n) FROM roll_open WHERE deadline_hour = ${COMPACTED_HOUR} GROUP BY 1`).raw();
  const overdueHours = db.prepare('SELECT sector_id, sum(n) FROM roll_open WHERE deadline_hour >= 0 AND deadline_hour < ? GROUP BY 1').raw();
  const thisHour = db.prepare('SELECT sector_id, sum(n) FROM roll_open WHERE deadline_hour = ? GROUP BY 1').raw();
  const overdueTail = db
    .prepare(`SELECT coalesce(sector_id, ''), count(*) FROM appeals WHERE status IN ${OPEN_SQL} AND deadline_at >= ? AND deadline_at < ? GROUP BY 1`)
    .raw();
  const openDeadlines = db
    .prepare(`SELECT count(*) FROM appeals INDEXED BY appeals_open_deadline WHERE status IN ${OPEN_SQL} AND (deadline_at IS NULL) = 0 AND deadline_at >= ? AND deadline_at < ?`)
    .pluck();
  let compacted: { mark: number; rows: unknown[] } | null = null;
  const sectors = db.prepare('SELECT id FROM sectors ORDER BY sort').pluck();
  const ticker = db.prepare(
    `SELECT ${WALL_APPEAL_COLUMNS} FROM appeals a LEFT JOIN categories c ON c.id = a.category_id
     WHERE a.received_at >= ? AND (a.escalated = 1 OR c.acute = 1) ORDER BY a.received_at DESC LIMIT 20`,
  );

  function overdueBySector(now: number): Map<string, number> {
    tryCompactOpen(db, now);
    const hour = Math.floor(now / HOUR_MS);
    const hourStart = hour * HOUR_MS;
    const out = new Map<string, number>();
    const add = (rows: unknown[], sign: 1 | -1) => {
      for (const [sectorId, n] of rows as [string, number][]) out.set(sectorId, (out.get(sectorId) ?? 0) + sign * n);
    };
    const mark = compactedHour(db);
    // A moment before the last compaction (tests, replays) cannot use the folded bucket: raw rows.
    if (hour < mark) {
      add(overdueTail.all(0, now), 1);
      return out;
    }
    if (compacted?.mark !== mark) compacted = { mark, rows: compactedBucket.all() };
    add(compacted.rows, 1);
    add(overdueHours.all(hour), 1);
    if ((openDeadlines.get(hourStart, now) as number) <= (openDeadlines.get(now, hourStart + HOUR_MS) as number)) add(overdueTail.all(hourStart, now), 1);
    else {
      add(thisHour.all(hour), 1);
      add(overdueTail.all(now, hourStart + HOUR_MS), -1);
    }
    for (const [k, n] of out) if (n === 0) out.delete(k);
    return out;
  }

  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

  function summary(now = Date.now(), windowHours = 24): WallSummary {
    ensureFolded(db);
    const offset = zoneOffset(db);
    const dayStart = startOfDay(now, timeZone);
    const yStart = dayStart - DAY_MS;
    const yNow = now - DAY_MS;
    const today = todayFigures(now, dayStart, offset);
    const { pairs: todayPairs, bySector: todayBySector, byMunicipality: todayByMunicipality } = today;
    const yBySector = rangeCounts(yStart, yNow + 1, ['sector'], true);
    const overdue = overdueBySector(now);
    // The last 24 hours: today so far, and the end of yesterday (past hours, memoized).
    const last24 = rangeCounts(now - windowHours * HOUR_MS, Math.max(dayStart, now - windowHours * HOUR_MS), ['municipality'], true);
    for (const [m, n] of windowHours >= 24 ? todayByMunicipality : []) last24.set(m, (last24.get(m) ?? 0) + n);
    const perMunicipality = (counts: Map<string, number>) =>
      [...counts]
        .filter(([id, n]) => id !== '' && n > 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([municipalityId, count]) => ({ municipalityId, count }));
    return {
      at: now,
      today: total(todayBySector),
      yesterdaySameTime: total(yBySector),
      inWork: inWork.get() as number,
      overdue: total(overdue),
      avgFirstResponseMin: today.responded ? Math.round(today.responseMs / today.responded / 60_000) : null,
      bySource: [...today.bySource].filter(([, n]) => n > 0).map(([sourceId, count]) => ({ sourceId, today: count })),
      bySector: (sectors.all() as string[]).map((id) => ({
        sectorId: id,
        today: todayBySector.get(id) ?? 0,
        overdue: overdue.get(id) ?? 0,
        yesterdaySameTime: yBySector.get(id) ?? 0,
      })),
      byMunicipality: perMunicipality(windowHours >= 24 ? last24 : rangeCounts(now - windowHours * HOUR_MS, now + 1, ['municipality'])),
      windowHours,
      todayByMunicipality: perMunicipality(todayByMunicipality),
      tension: tension(now, dayStart, todayPairs),
      ticker: (ticker.all(now - DAY_MS) as WallAppealRow[]).map((r) => ({ ...r, escalated: r.escalated === 1 })),
    };
  }

  /**
   * Every "today" figure, less what was received after `now` (a replay of an earlier moment; none
   * in live use): per place from roll_hour, per source and the response time from roll_day.
   */
  function todayFigures(now: number, dayStart: number, offset: number) {
    const pairs = new Map<string, number>();
    const bySector = new Map<string, number>();
    const byMunicipality = new Map<string, number>();
    const bySource = new Map<string, number>();
    const bump = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
    const addPlace = (m: string, sector: string, n: number) => {
      bump(pairs, `${m}\u0000${sector}`, n);
      bump(bySector, sector, n);
      bump(byMunicipality, m, n);
    };
    const day = dayOf(now, offset);
    // Per place: today's past hours (memoized for a minute, as every past figure) and this hour live.
    const hourStart = Math.max(dayStart, Math.floor(now / HOUR_MS) * HOUR_MS);
    for (const [past, from, to] of [[true, dayStart, hourStart], [false, hourStart, now + 1]] as const) {
      for (const [key, n] of rangeCounts(from, to, ['municipality', 'sector'], past)) {
        const [m = '', sector = ''] = splitKey(key);
        addPlace(m, sector, n);
      }
    }
    let responseMs = 0;
    let responded = 0;
    for (const [source, n, ms, r] of daySources.all(day) as [string, number, number, number][]) {
      bump(bySource, source, n);
      responseMs += ms;
      responded += r;
    }
    for (const [source, n] of laterToday.all(now + 1, dayStart + DAY_MS) as [string, number][]) bump(bySource, source, -n);
    return { pairs, bySector, byMunicipality, bySource, responseMs, responded };
  }

  /** Today so far against the same part of the same weekday in past weeks (the wall's simple ranking). */
  function tension(now: number, dayStart: number, todayPairs: Map<string, number>): WallSummary['tension'] {
    const baseline = new Map<string, number>();
    for (let week = 1; week <= BASELINE_WEEKS; week++) {
      const shift = week * 7 * DAY_MS;
      for (const [key, n] of rangeCounts(dayStart - shift, now - shift + 1, ['municipality', 'sector'], true)) {
        baseline.set(key, (baseline.get(key) ?? 0) + n);
      }
    }
    return [...todayPairs]
      .map(([key, today]) => {
        const [municipalityId = '', sectorId = ''] = splitKey(key);
        return { municipalityId, sectorId, today, normal: (baseline.get(key) ?? 0) / BASELINE_WEEKS };
      })
      .filter((t) => t.municipalityId !== '' && t.sectorId !== '')
      .filter((t) => t.today >= TENSION_MIN_COUNT && t.today >= 1.5 * Math.max(t.normal, 1))
      .sort((a, b) => b.today / Math.max(b.normal, 1) - a.today / Math.max(a.normal, 1))
      .slice(0, 10);
  }

  return { summary, overdueBySector };
}

export type Counters = ReturnType<typeof prepareCounters>;
