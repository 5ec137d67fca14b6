import type { TensionPoint, TensionReport } from '../../../shared/api/analytics';
import { DAY_MS, HOUR_MS } from '../../../shared/time';
import type { Db } from '../db/open';
import { pastCache } from './cache';
import { prepareRangeCounts, splitKey } from './ranges';
import { formatNumberRu, frequentWords, plural, poissonTail, streetOf } from './words';
import { prepareCellCounts } from './cellCounts';
import { ensureFolded } from './fold';

export interface TensionOptions {
  /** Windows tried for municipality × sector; each pair keeps its most surprising one. */
  windowsHours: readonly number[];
  /** Window for H3 cell × category (read from raw rows, so kept short). */
  cellWindowHours: number;
  /** Past weeks whose same hours of the week define "normal". */
  baselineWeeks: number;
  /** Below these counts nothing is a tension point, however quiet the normal. */
  minCount: number;
  minCellCount: number;
  /** Poisson tail probability a count must fall below; tiny, because hundreds of pairs are tested each pass. */
  alpha: number;
  /** And at least this many times the normal. */
  minRatio: number;
  /** Repeat complaints: this many from one address about one category within `repeatHours`. */
  repeatMin: number;
  repeatHours: number;
  limit: number;
}

export const DEFAULT_TENSION: TensionOptions = {
  windowsHours: [3, 24],
  cellWindowHours: 6,
  baselineWeeks: 4,
  minCount: 10,
  minCellCount: 8,
  alpha: 1e-6,
  minRatio: 2,
  repeatMin: 5,
  repeatHours: 24,
  limit: 20,
};

const WEEK_MS = 7 * DAY_MS;

interface RecentRow {
  id: number;
  h3: string | null;
  categoryId: string | null;
  sectorId: string | null;
  municipalityId: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  receivedAt: number;
}

/**
 * Tension points: places and topics where appeals pile up beyond their normal for this hour of the
 * week. Municipality × sector reads roll_hour, H3 cell × category roll_cell; repeat complaints group
 * the last day's raw rows by the received_at index (bounded, whatever the cache size). Only the
 * candidates that make the list read their own rows and words.
 */
export function prepareTension(db: Db) {
  const rangeCounts = prepareRangeCounts(db);
  const names = (sql: string) => new Map((db.prepare(sql).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const cellCounts = prepareCellCounts(db);
  const cellRows = db.prepare(
    `SELECT id, h3, category_id AS categoryId, sector_id AS sectorId, municipality_id AS municipalityId, address, lon, lat, received_at AS receivedAt
     FROM appeals WHERE category_id = ? AND received_at >= ? AND received_at < ? AND h3 = ? ORDER BY received_at`,
  );
  // Grouped in SQL with their row ids, so only candidates (a handful of rows) cross into JavaScript
  // and the few that make the list fetch their rows by primary key, never by another range scan.
  const repeatGroups = db.prepare(
    `SELECT coalesce(municipality_id, '') AS municipalityId, category_id AS categoryId, count(*) AS n, json_group_array(id) AS ids FROM appeals
     WHERE received_at >= ? AND received_at < ? AND address IS NOT NULL AND category_id IS NOT NULL
     GROUP BY coalesce(municipality_id, ''), address, category_id HAVING count(*) >= ?`,
  );
  const rowsByIds = db.prepare(
    `SELECT id, h3, category_id AS categoryId, sector_id AS sectorId, municipality_id AS municipalityId, address, lon, lat, received_at AS receivedAt
     FROM appeals WHERE id IN (SELECT value FROM json_each(?)) ORDER BY received_at`,
  );
  const pairTexts = db.prepare(
    'SELECT text FROM appeals WHERE municipality_id = ? AND received_at >= ? AND received_at < ? AND sector_id = ? LIMIT 300',
  ).pluck();
  const textsByIds = db.prepare('SELECT text FROM appeals WHERE id IN (SELECT value FROM json_each(?))').pluck();
  const memo = pastCache<Map<string, number>>();

  return function tension(now = Date.now(), options: Partial<TensionOptions> = {}): TensionReport {
    ensureFolded(db);
    const o = { ...DEFAULT_TENSION, ...options };
    const municipalityName = names('SELECT id, name FROM municipalities');
    const sectorName = names('SELECT id, name FROM sectors');
    const categoryName = names('SELECT id, name FROM categories');
    const categorySector = names('SELECT id, sector_id AS name FROM categories');
    const points: TensionPoint[] = [];
    const K = o.baselineWeeks;
    const normalOf = (sum: number) => (sum + 0.5) / K;
    const isTension = (count: number, normal: number, min: number) => {
      if (count < min || count < o.minRatio * normal) return null;
      const p = poissonTail(count, normal);
      return p < o.alpha ? p : null;
    };
    const usual = (count: number, normal: number, hours: number) => {
      const what = `${formatNumberRu(count)} ${plural(count, 'обращение', 'обращения', 'обращений')} за ${hours} ч`;
      if (normal < 0.5) return `${what}, обычно в это время недели почти ни одного`;
      const times = Math.round((count / normal) * 10) / 10;
      // «в 3 раза», «в 5 раз», but a fraction always takes «раза»: «в 2,5 раза».
      const word = Number.isInteger(times) ? plural(times, 'раз', 'раза', 'раз') : 'раза';
      return `${what} при норме около ${formatNumberRu(normal, normal < 10 ? 1 : 0)} для этого времени недели (в ${formatNumberRu(times, 1)} ${word} больше)`;
    };
    const wordsTail = (words: string[]) => (words.length ? ` Частые слова: ${words.join(', ')}.` : '');

    // 1. Municipality × sector, from rollups.
    const best = new Map<string, { count: number; normal: number; p: number; hours: number }>();
    for (const hours of o.windowsHours) {
      const from = now - hours * HOUR_MS;
      const current = rangeCounts(from, now + 1, ['municipality', 'sector']);
      const baseline = new Map<string, number>();
      for (let k = 1; k <= K; k++) {
        for (const [key, n] of rangeCounts(from - k * WEEK_MS, now + 1 - k * WEEK_MS, ['municipality', 'sector'], true)) {
          if (current.has(key)) baseline.set(key, (baseline.get(key) ?? 0) + n);
        }
      }
      for (const [key, count] of current) {
        const normal = normalOf(baseline.get(key) ?? 0);
        const p = isTension(count, normal, o.minCount);
        if (p === null) continue;
        const previous = best.get(key);
        if (!previous || p < previous.p) best.set(key, { count, normal, p, hours });
      }
    }
    // Only the `limit` most surprising of each kind can make the list: the rest never fetch rows or words.
    for (const [key, t] of top([...best].map(([key, t]) => ({ key, ...t })), o.limit)) {
      const [municipalityId = '', sectorId = ''] = splitKey(key);
      if (!municipalityId || !sectorId) continue;
      const words = frequentWords(pairTexts.all(municipalityId, now - t.hours * HOUR_MS, now + 1, sectorId) as string[]);
      const place = municipalityName.get(municipalityId) ?? municipalityId;
      const sector = sectorName.get(sectorId) ?? sectorId;
      points.push({
        kind: 'municipality-sector', municipalityId, sectorId, categoryId: null, h3: null, street: null,
        windowHours: t.hours, count: t.count, normal: t.normal, pValue: t.p, words, lon: null, lat: null,
        explanation: `${place}, ${sector}: ${usual(t.count, t.normal, t.hours)}.${wordsTail(words)}`,
      });
    }

    // 2. H3 cell × category, from roll_cell (raw rows only for the ragged edges of the window).
    const cellFrom = now - o.cellWindowHours * HOUR_MS;
    const repeatFrom = now - o.repeatHours * HOUR_MS;
    const cellCandidates = [...cellCounts(cellFrom, now + 1)].filter(([, n]) => n >= o.minCellCount);
    if (cellCandidates.length) {
      // Past weeks over whole hours (so the memo serves a whole hour), scaled to the window's length.
      const h0 = Math.floor(cellFrom / HOUR_MS);
      const h1 = Math.ceil((now + 1) / HOUR_MS);
      const scale = o.cellWindowHours / (h1 - h0);
      const baseline = memo(`${h0}:${h1}:${K}`, () => {
        const sums = new Map<string, number>();
        for (let k = 1; k <= K; k++) {
          const shift = k * WEEK_MS;
          cellCounts(h0 * HOUR_MS - shift, h1 * HOUR_MS - shift, sums);
        }
        return sums;
      });
      const flagged = cellCandidates.flatMap(([key, count]) => {
        const normal = normalOf((baseline.get(key) ?? 0) * scale);
        const p = isTension(count, normal, o.minCellCount);
        return p === null ? [] : [{ key, count, normal, p }];
      });
      for (const [key, g] of top(flagged, o.limit)) {
        const [h3 = '', categoryId = ''] = splitKey(key);
        const list = cellRows.all(categoryId, cellFrom, now + 1, h3) as RecentRow[];
        // A cell inside an already flagged municipality × sector still says where, more precisely.
        const municipalityId = mostCommon(list.map((r) => r.municipalityId));
        const streets = topStreets(list);
        const words = frequentWords(textsByIds.all(JSON.stringify(list.slice(0, 300).map((r) => r.id))) as string[]);
        const place = municipalityId ? municipalityName.get(municipalityId) ?? municipalityId : 'район';
        const located = list.filter((r) => r.lon !== null && r.lat !== null);
        points.push({
          kind: 'cell-category', municipalityId, sectorId: categorySector.get(categoryId) ?? null, categoryId, h3, street: streets[0] ?? null,
          windowHours: o.cellWindowHours, count: list.length, normal: g.normal, pValue: g.p, words,
          lon: located.length ? located.reduce((s, r) => s + r.lon!, 0) / located.length : null,
          lat: located.length ? located.reduce((s, r) => s + r.lat!, 0) / located.length : null,
          explanation: `${place}, один квартал (${streets.length ? streets.join(', ') : 'адреса не указаны'}): ${(categoryName.get(categoryId) ?? categoryId).toLowerCase()} — ${usual(list.length, g.normal, o.cellWindowHours)}.${wordsTail(words)}`,
        });
      }
    }
    // 3. Repeat complaints from one address, from the last day's raw rows grouped in SQL.
    // One address has no history worth the name: half a complaint per topic a day is taken as normal.
    const repeatNormal = (0.5 * o.repeatHours) / 24;
    const repeats = (repeatGroups.all(repeatFrom, now + 1, o.repeatMin) as (Group & { municipalityId: string; categoryId: string })[]).map((g, i) => ({
      ...g, key: String(i), count: g.n, p: poissonTail(g.n, repeatNormal),
    }));
    for (const [, g] of top(repeats, o.limit)) {
      const { municipalityId, categoryId } = g;
      const list = (rowsByIds.all(g.ids) as RecentRow[]).slice(-500);
      if (list.length === 0) continue;
      const street = streetOf(list[0]!.address);
      const words = frequentWords(textsByIds.all(JSON.stringify(list.slice(0, 100).map((r) => r.id))) as string[]);
      points.push({
        kind: 'repeat', municipalityId: municipalityId || null, sectorId: categorySector.get(categoryId) ?? null, categoryId, h3: list[0]!.h3, street,
        windowHours: o.repeatHours, count: g.n, normal: repeatNormal, pValue: g.p, words,
        lon: list[0]!.lon, lat: list[0]!.lat,
        explanation: `Повторные жалобы: ${(categoryName.get(categoryId) ?? categoryId).toLowerCase()}, ${street ?? 'адрес не указан'} (${municipalityName.get(municipalityId) ?? municipalityId}) — ${formatNumberRu(g.n)} ${plural(g.n, 'обращение', 'обращения', 'обращений')} с одного адреса за ${o.repeatHours} ч.${wordsTail(words)}`,
      });
    }

    points.sort((a, b) => a.pValue - b.pValue || b.count - a.count);
    return { at: now, baselineWeeks: K, points: points.slice(0, o.limit) };
  };
}

/** A grouped candidate: its count, and its rows' ids as a JSON array. */
interface Group {
  n: number;
  ids: string;
}

/** The `limit` candidates with the smallest p-value (then the largest count), as [key, candidate]. */
function top<T extends { key: string; p: number; count: number }>(candidates: T[], limit: number): [string, T][] {
  return candidates
    .sort((a, b) => a.p - b.p || b.count - a.count)
    .slice(0, limit)
    .map((c) => [c.key, c]);
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function topStreets(rows: RecentRow[], limit = 3): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const street = streetOf(r.address);
    if (street) counts.set(street, (counts.get(street) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([s]) => s);
}

export type Tension = ReturnType<typeof prepareTension>;
