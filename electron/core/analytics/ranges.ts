import type Database from 'better-sqlite3';
import { HOUR_MS } from '../../../shared/time';
import type { Db } from '../db/open';
import { pastCache } from './cache';

export type HourDim = 'municipality' | 'sector';
const COLUMN: Record<HourDim, string> = { municipality: 'municipality_id', sector: 'sector_id' };

export interface KeyedCount {
  /** Dimension values joined by \u0000, in the order asked; '' for a missing value. */
  key: string;
  n: number;
}

/**
 * Appeals received in [from, to) per key, exactly: whole hours from roll_hour, the ragged edges
 * (under an hour each) from raw rows by the received_at index. Prepared once per handle.
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

  /** `past`: the whole hours lie before the current hour, so they may come from the one-minute memo. */
  return function rangeCounts(from: number, to: number, dims: readonly HourDim[], past = false): Map<string, number> {
    const out = new Map<string, number>();
    if (to <= from) return out;
    const { hours, raw } = statements(dims);
    const add = (rows: KeyedCount[]) => {
      for (const r of rows) out.set(r.key, (out.get(r.key) ?? 0) + r.n);
    };
    const firstWhole = Math.ceil(from / HOUR_MS);
    const lastWhole = Math.floor(to / HOUR_MS);
    if (firstWhole >= lastWhole) {
      add(raw.all(from, to) as KeyedCount[]);
      return out;
    }
    add(past ? memo(`${dims.join(',')}:${firstWhole}:${lastWhole}`, () => hours.all(firstWhole, lastWhole) as KeyedCount[]) : (hours.all(firstWhole, lastWhole) as KeyedCount[]));
    if (from < firstWhole * HOUR_MS) add(raw.all(from, firstWhole * HOUR_MS) as KeyedCount[]);
    if (lastWhole * HOUR_MS < to) add(raw.all(lastWhole * HOUR_MS, to) as KeyedCount[]);
    return out;
  };
}

export type RangeCounts = ReturnType<typeof prepareRangeCounts>;

export const splitKey = (key: string): string[] => key.split('\u0000');
