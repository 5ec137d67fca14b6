import type Database from 'better-sqlite3';
import type { KpiFigures, KpiGroupBy, KpiPeriod, KpiReport, KpiRow } from '../../../shared/api/analytics';
import { HOUR_MS } from '../../../shared/time';
import type { Db } from '../db/open';
import { pastCache } from './cache';
import { compactedHour, dayOf, dayStartOf, FR_BUCKETS, FR_EDGES_MIN, OPEN_SQL, tryCompactOpen, zoneOffset } from './rollups';
import { ensureFolded } from './fold';

const PERIOD_DAYS: Record<KpiPeriod, number> = { today: 1, '7d': 7, '30d': 30, '90d': 90 };
const COLUMN: Record<KpiGroupBy, string | null> = {
  none: null,
  source: 'source_id',
  sector: 'sector_id',
  agency: 'agency_id',
  municipality: 'municipality_id',
};
/** Up to this many responses in a period, median and p90 come exactly from raw rows. */
export const EXACT_PERCENTILE_LIMIT = 20_000;

const HIST = Array.from({ length: FR_BUCKETS }, (_, i) => `h${i}`);

interface Sums {
  key: string;
  n: number;
  open_n: number;
  resolved_n: number;
  rejected_n: number;
  reopened_n: number;
  repeat_n: number;
  responded_n: number;
  response_ms: number;
  deadline_responded_n: number;
  ontime_n: number;
  rated_n: number;
  rating_sum: number;
  hist: number[];
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Linear interpolation between closest ranks (as numpy's default) of sorted values. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** A percentile from the response-time histogram, interpolated linearly inside its bucket (minutes). */
export function histogramPercentile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let before = 0;
  for (let i = 0; i < hist.length; i++) {
    const c = hist[i]!;
    if (c > 0 && before + c >= target) {
      const lo = i === 0 ? 0 : FR_EDGES_MIN[i - 1]!;
      const hi = FR_EDGES_MIN[i];
      if (hi === undefined) return lo;
      return lo + ((target - before) / c) * (hi - lo);
    }
    before += c;
  }
  return FR_EDGES_MIN[FR_EDGES_MIN.length - 1]!;
}

function figures(s: Sums | undefined, exact: number[] | undefined): KpiFigures {
  if (!s) s = { key: '', n: 0, open_n: 0, resolved_n: 0, rejected_n: 0, reopened_n: 0, repeat_n: 0, responded_n: 0, response_ms: 0, deadline_responded_n: 0, ontime_n: 0, rated_n: 0, rating_sum: 0, hist: HIST.map(() => 0) };
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    received: s.n,
    responded: s.responded_n,
    firstResponseMeanMin: s.responded_n ? round(s.response_ms / s.responded_n / 60_000) : null,
    firstResponseMedianMin: round(exact ? percentile(exact, 0.5) : histogramPercentile(s.hist, 0.5)),
    firstResponseP90Min: round(exact ? percentile(exact, 0.9) : histogramPercentile(s.hist, 0.9)),
    onTimeShare: share(s.ontime_n, s.deadline_responded_n),
    resolvedShare: share(s.resolved_n, s.n),
    reopenedShare: share(s.reopened_n, s.n),
    repeatCount: s.repeat_n,
    repeatShare: share(s.repeat_n, s.n),
    ratingMean: s.rated_n ? Math.round((s.rating_sum / s.rated_n) * 100) / 100 : null,
    ratingCount: s.rated_n,
  };
}

/**
 * The KPI board: every figure from roll_day (received in the period, in their state now) and
 * roll_open (overdue now), grouped by one dimension, each against the period just before.
 * Periods are whole local days ending today ("today" is compared with the whole of yesterday).
 */
export function prepareKpis(db: Db) {
  const statements = new Map<KpiGroupBy, Record<'sums' | 'overdue' | 'overdueTail' | 'raw', Database.Statement<unknown[]>>>();
  const prepared = (groupBy: KpiGroupBy) => {
    let s = statements.get(groupBy);
    if (!s) {
      const column = COLUMN[groupBy];
      const key = column ?? `''`;
      const rawKey = column ? `coalesce(${column}, '')` : `''`;
      s = {
        sums: db.prepare(`SELECT ${key} AS key, sum(n) AS n, sum(open_n) AS open_n, sum(resolved_n) AS resolved_n, sum(rejected_n) AS rejected_n,
          sum(reopened_n) AS reopened_n, sum(repeat_n) AS repeat_n, sum(responded_n) AS responded_n, sum(response_ms) AS response_ms,
          sum(deadline_responded_n) AS deadline_responded_n, sum(ontime_n) AS ontime_n, sum(rated_n) AS rated_n, sum(rating_sum) AS rating_sum,
          ${HIST.map((h) => `sum(${h}) AS ${h}`).join(', ')}
          FROM roll_day WHERE day >= ? AND day <= ? GROUP BY 1`),
        overdue: db.prepare(`SELECT ${key} AS key, sum(n) AS n FROM roll_open WHERE deadline_hour >= -2 AND deadline_hour < ? AND deadline_hour <> -1 GROUP BY 1`),
        overdueTail: db.prepare(
          `SELECT ${rawKey} AS key, count(*) AS n FROM appeals WHERE status IN ${OPEN_SQL} AND deadline_at >= ? AND deadline_at < ? GROUP BY 1`,
        ),
        raw: db.prepare(
          `SELECT ${rawKey} AS key, first_response_at - received_at AS ms FROM appeals
           WHERE received_at >= ? AND received_at < ? AND first_response_at IS NOT NULL`,
        ),
      };
      statements.set(groupBy, s);
    }
    return s;
  };

  function sums(rows: Record<string, number | string>[]): Map<string, Sums> {
    const out = new Map<string, Sums>();
    for (const r of rows) {
      out.set(r.key as string, { ...(r as unknown as Sums), hist: HIST.map((h) => r[h] as number) });
    }
    return out;
  }

  const memo = pastCache<Map<string, Sums>>();

  function merge(a: Map<string, Sums>, b: Map<string, Sums>): Map<string, Sums> {
    const out = new Map(a);
    for (const [key, s] of b) out.set(key, out.has(key) ? total(new Map([['a', out.get(key)!], ['b', s]]), key) : s);
    return out;
  }

  function total(all: Map<string, Sums>, key = ''): Sums {
    const t: Sums = { key, n: 0, open_n: 0, resolved_n: 0, rejected_n: 0, reopened_n: 0, repeat_n: 0, responded_n: 0, response_ms: 0, deadline_responded_n: 0, ontime_n: 0, rated_n: 0, rating_sum: 0, hist: HIST.map(() => 0) };
    for (const s of all.values()) {
      const acc = t as unknown as Record<string, number>;
      for (const k of Object.keys(t) as (keyof Sums)[]) if (typeof t[k] === 'number') acc[k] = acc[k]! + (s[k] as number);
      s.hist.forEach((c, i) => (t.hist[i]! += c));
    }
    return t;
  }

  return function kpis(period: KpiPeriod, groupBy: KpiGroupBy, now = Date.now()): KpiReport {
    ensureFolded(db);
    const s = prepared(groupBy);
    const offset = zoneOffset(db);
    const today = dayOf(now, offset);
    const days = PERIOD_DAYS[period];
    const fromDay = today - days + 1;
    const prevFrom = fromDay - days;
    // Days before today come from a one-minute memo (see cache.ts); today is always summed live.
    const past = (a: number, b: number) =>
      b < a ? new Map<string, Sums>() : memo(`${groupBy}:${a}:${b}`, () => sums(s.sums.all(a, b) as Record<string, number | string>[]));
    const current = merge(past(fromDay, today - 1), sums(s.sums.all(today, today) as Record<string, number | string>[]));
    const previous = past(prevFrom, fromDay - 1);

    tryCompactOpen(db, now);
    const hour = Math.floor(now / HOUR_MS);
    const overdue = new Map<string, number>();
    const overdueRows = hour < compactedHour(db) ? s.overdueTail.all(0, now) : [...s.overdue.all(hour), ...s.overdueTail.all(hour * HOUR_MS, now)];
    for (const r of overdueRows as { key: string; n: number }[]) {
      overdue.set(r.key, (overdue.get(r.key) ?? 0) + r.n);
    }

    const currentTotal = total(current);
    const previousTotal = total(previous);
    // Exact percentiles while the raw rows are few; the histogram keeps the cost flat at scale.
    const exactOK = currentTotal.responded_n + previousTotal.responded_n <= EXACT_PERCENTILE_LIMIT;
    const exact = (fromD: number, toD: number) => {
      if (!exactOK) return null;
      const byKey = new Map<string, number[]>();
      const all: number[] = [];
      for (const r of s.raw.all(dayStartOf(fromD, offset), dayStartOf(toD + 1, offset)) as { key: string; ms: number }[]) {
        const min = Math.max(0, r.ms) / 60_000;
        all.push(min);
        (byKey.get(r.key) ?? byKey.set(r.key, []).get(r.key)!).push(min);
      }
      for (const list of [all, ...byKey.values()]) list.sort((a, b) => a - b);
      return { all, byKey };
    };
    const exactCurrent = exact(fromDay, today);
    const exactPrevious = exact(prevFrom, fromDay - 1);

    const row = (key: string, cur: Sums | undefined, prev: Sums | undefined, exactCur: number[] | undefined, exactPrev: number[] | undefined, overdueNow: number): KpiRow => ({
      key,
      ...figures(cur, exactCur),
      overdueNow,
      previous: figures(prev, exactPrev),
    });
    const keys = [...new Set([...current.keys(), ...previous.keys(), ...overdue.keys()])].sort();
    const rows = groupBy === 'none' ? [] : keys.map((k) =>
      row(k, current.get(k), previous.get(k), exactCurrent ? exactCurrent.byKey.get(k) ?? [] : undefined, exactPrevious ? exactPrevious.byKey.get(k) ?? [] : undefined, overdue.get(k) ?? 0),
    );
    return {
      at: now,
      period,
      groupBy,
      from: dayStartOf(fromDay, offset),
      to: now,
      previousFrom: dayStartOf(prevFrom, offset),
      percentiles: exactOK ? 'exact' : 'histogram',
      total: row('', currentTotal, previousTotal, exactCurrent?.all, exactPrevious?.all, [...overdue.values()].reduce((a, b) => a + b, 0)),
      rows,
    };
  };
}

export type Kpis = ReturnType<typeof prepareKpis>;
