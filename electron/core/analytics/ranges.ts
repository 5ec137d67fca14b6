import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { pastCache } from './cache';
import { addHourSpans } from './hourSpans';

export type HourDim = 'municipality' | 'sector';
const COLUMN: Record<HourDim, string> = { municipality: 'municipality_id', sector: 'sector_id' };

export interface KeyedCount {
  /** Dimension values joined by \u0000, in the order asked; '' for a missing value. */
  key: string;
  n: number;
}

/**
 * Appeals received in [from, to) per key, exactly: whole hours from roll_hour, the ragged edges
 * from raw rows by the received_at index (hourSpans.ts). Prepared once per handle.
 */
export function prepareRangeCounts(db: Db) {
  const cache = new Map<string, { hours: Database.Statement<unknown[]>; raw: Database.Statement<unknown[]> }>();
  const statements = (dims: readonly HourDim[]) => {
    const id = dims.join(',');
    let s = cache.get(id);
    if (!s) {
      const keyRoll = dims.length ? dims.map((d) => COLUMN[d]).join(` || char(0) || `) : `''`;
      const keyRaw = dims.length ? dims.map((d) => `coalesce(${COLUMN[d]}, '')`).join(` || char(0) || `) : `''`;
      s = {
        hours: db.prepare(`SELECT ${keyRoll} AS key, sum(n) AS n FROM roll_hour WHERE hour >= ? AND hour < ? GROUP BY 1`),
        raw: db.prepare(`SELECT ${keyRaw} AS key, count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ? GROUP BY 1`),
      };
      cache.set(id, s);
    }
    return s;
  };

  const memo = pastCache<KeyedCount[]>();
  const size = db.prepare('SELECT count(*) FROM appeals WHERE received_at >= ? AND received_at < ?').pluck();

  const MINUTE_MS = 60_000;
  /**
   * A past range of raw rows: its whole minutes from the one-minute memo (so "the same time last
   * week" reads raw rows once a minute, not on every refresh), the seconds at either end live.
   */
  const pastRaw = (raw: Database.Statement<unknown[]>, dims: readonly HourDim[], a: number, b: number): KeyedCount[][] => {
    const m0 = Math.ceil(a / MINUTE_MS) * MINUTE_MS;
    const m1 = Math.floor(b / MINUTE_MS) * MINUTE_MS;
    if (m0 >= m1) return [raw.all(a, b) as KeyedCount[]];
    return [
      a < m0 ? (raw.all(a, m0) as KeyedCount[]) : [],
      memo(`raw:${dims.join(',')}:${m0}:${m1}`, () => raw.all(m0, m1) as KeyedCount[]),
      m1 < b ? (raw.all(m1, b) as KeyedCount[]) : [],
    ];
  };

  /**
   * `past`: the range lies before the current hour, so its whole hours and whole minutes may come
   * from the one-minute memo (a late change to the past shows within a minute).
   */
  return function rangeCounts(from: number, to: number, dims: readonly HourDim[], past = false): Map<string, number> {
    const out = new Map<string, number>();
    const { hours, raw } = statements(dims);
    const add = (rows: KeyedCount[], sign: 1 | -1) => {
      for (const r of rows) out.set(r.key, (out.get(r.key) ?? 0) + sign * r.n);
    };
    addHourSpans(
      from,
      to,
      (h0, h1, sign) => add(past ? memo(`${dims.join(',')}:${h0}:${h1}`, () => hours.all(h0, h1) as KeyedCount[]) : (hours.all(h0, h1) as KeyedCount[]), sign),
      (a, b, sign) => {
        if (a >= b) return;
        if (past) for (const rows of pastRaw(raw, dims, a, b)) add(rows, sign);
        else add(raw.all(a, b) as KeyedCount[], sign);
      },
      // Past edges are mostly memoized either way: the shorter one is read. A live edge counts its rows.
      (a, b) => (a >= b ? 0 : past ? b - a : (size.get(a, b) as number)),
    );
    for (const [key, n] of out) if (n === 0) out.delete(key);
    return out;
  };
}

export type RangeCounts = ReturnType<typeof prepareRangeCounts>;

export const splitKey = (key: string): string[] => key.split('\u0000');
