import type Database from 'better-sqlite3';
import type { Series, SeriesGranularity, SeriesQuery } from '../../../shared/api/analytics';
import { DAY_MS, HOUR_MS } from '../../../shared/time';
import type { Db } from '../db/open';
import { dayOf, dayStartOf, zoneOffset } from './rollups';
import { ensureFolded } from './fold';

const DEFAULT_SPAN: Record<SeriesGranularity, number> = { hour: 48 * HOUR_MS, day: 30 * DAY_MS, week: 26 * 7 * DAY_MS };
const MAX_BUCKETS: Record<SeriesGranularity, number> = { hour: 24 * 31, day: 400, week: 110 };
const SPLIT_COLUMN = { none: `''`, sector: 'sector_id', municipality: 'municipality_id' } as const;

/** 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday. */
const weekOf = (day: number) => Math.floor((day + 3) / 7);

/**
 * Dynamics: appeals per hour (roll_hour), per local day or Monday-based week (roll_day), optionally
 * filtered by municipalities and sectors and split by one of them; small series fold into "other".
 */
export function prepareSeries(db: Db) {
  const cache = new Map<string, Database.Statement<unknown[]>>();
  const statement = (table: 'roll_hour' | 'roll_day', split: keyof typeof SPLIT_COLUMN, nM: number, nS: number) => {
    const id = `${table}:${split}:${nM}:${nS}`;
    let s = cache.get(id);
    if (!s) {
      const bucket = table === 'roll_hour' ? 'hour' : 'day';
      const filters = [
        nM ? `municipality_id IN (${Array(nM).fill('?').join(', ')})` : null,
        nS ? `sector_id IN (${Array(nS).fill('?').join(', ')})` : null,
      ].filter(Boolean);
      s = db.prepare(`SELECT ${bucket} AS b, ${SPLIT_COLUMN[split]} AS key, sum(n) AS n FROM ${table}
        WHERE ${bucket} >= ? AND ${bucket} <= ? ${filters.map((f) => `AND ${f}`).join(' ')} GROUP BY 1, 2`);
      cache.set(id, s);
    }
    return s;
  };

  return function series(query: SeriesQuery, now = Date.now()): Series {
    ensureFolded(db);
    const granularity = query.granularity ?? 'day';
    const split = query.splitBy ?? 'none';
    const top = query.top ?? 8;
    const to = Math.min(query.to ?? now, now);
    const from = Math.max(query.from ?? to - DEFAULT_SPAN[granularity], to - MAX_BUCKETS[granularity] * (granularity === 'hour' ? HOUR_MS : granularity === 'day' ? DAY_MS : 7 * DAY_MS));
    const offset = zoneOffset(db);
    const municipalityIds = query.municipalityIds ?? [];
    const sectorIds = query.sectorIds ?? [];

    let t: number[];
    let rows: { b: number; key: string; n: number }[];
    let indexOf: (b: number) => number;
    if (granularity === 'hour') {
      const h0 = Math.floor(from / HOUR_MS);
      const h1 = Math.floor(to / HOUR_MS);
      t = Array.from({ length: h1 - h0 + 1 }, (_, i) => (h0 + i) * HOUR_MS);
      rows = statement('roll_hour', split, municipalityIds.length, sectorIds.length).all(h0, h1, ...municipalityIds, ...sectorIds) as typeof rows;
      indexOf = (b) => b - h0;
    } else {
      const d0 = dayOf(from, offset);
      const d1 = dayOf(to, offset);
      rows = statement('roll_day', split, municipalityIds.length, sectorIds.length).all(d0, d1, ...municipalityIds, ...sectorIds) as typeof rows;
      if (granularity === 'day') {
        t = Array.from({ length: d1 - d0 + 1 }, (_, i) => dayStartOf(d0 + i, offset));
        indexOf = (b) => b - d0;
      } else {
        const w0 = weekOf(d0);
        const w1 = weekOf(d1);
        t = Array.from({ length: w1 - w0 + 1 }, (_, i) => dayStartOf((w0 + i) * 7 - 3, offset));
        indexOf = (b) => weekOf(b) - w0;
      }
    }
    const byKey = new Map<string, number[]>();
    for (const r of rows) {
      const values = byKey.get(r.key) ?? byKey.set(r.key, new Array<number>(t.length).fill(0)).get(r.key)!;
      const i = indexOf(r.b);
      if (i >= 0 && i < t.length) values[i]! += r.n;
    }
    const ranked = [...byKey].sort((a, b) => sum(b[1]) - sum(a[1]));
    const kept = ranked.slice(0, top).map(([key, values]) => ({ key, values }));
    if (ranked.length > top) {
      const other = new Array<number>(t.length).fill(0);
      for (const [, values] of ranked.slice(top)) values.forEach((v, i) => (other[i]! += v));
      kept.push({ key: '*', values: other });
    }
    return { granularity, t, series: kept };
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export type SeriesFn = ReturnType<typeof prepareSeries>;
