/**
 * "Prepare for offline": everything the briefing needs, for every standard period and every
 * territory, in one encrypted file. The content is built only from aggregates, reference data,
 * simplified boundaries and anonymized example texts with coarse locations: no field of it can
 * hold a resident's name, phone, e-mail or address.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BriefingData, BriefingGeo, BriefingInfo, type BriefingPeriodKind } from '../../../shared/api/briefing';
import { getReference } from '../db/reference';
import type { Db } from '../db/open';
import type { RegionPack } from '../region/pack';
import { type BriefingContext, composeBriefing, prepareBriefingQueries, withLeadAgencies } from './compute';
import { loadBriefingGeo } from './geo';
import { resolvePeriod } from './periods';
import { openSnapshotBuffer, sealSnapshot, SNAPSHOT_EXTENSION, SnapshotError } from './snapshotFile';

export const STANDARD_PERIODS: readonly BriefingPeriodKind[] = ['today', 'week', 'month'];

export const SnapshotContent = z.object({
  format: z.literal('cur-briefing'),
  version: z.literal(1),
  createdAt: z.number().int(),
  dataAt: z.number().int(),
  info: BriefingInfo.omit({ mode: true, dataAt: true }),
  geo: BriefingGeo,
  /** Keyed by `datasetKey(period, municipalityId)`. */
  data: z.record(z.string(), BriefingData),
});
export type SnapshotContent = z.infer<typeof SnapshotContent>;

export const datasetKey = (period: BriefingPeriodKind, municipalityId: string | null): string => `${period}:${municipalityId ?? 'region'}`;

export function briefingContext(pack: RegionPack): BriefingContext {
  const leadAgencyOfSector = new Map<string, string>();
  for (const agency of pack.config.agencies) {
    if (agency.sectorId && !leadAgencyOfSector.has(agency.sectorId)) leadAgencyOfSector.set(agency.sectorId, agency.id);
  }
  const population = new Map<string, number>();
  for (const m of pack.municipalities) if (m.population) population.set(m.id, m.population);
  return { population, leadAgencyOfSector };
}

export function staticInfo(db: Db, pack: RegionPack): SnapshotContent['info'] {
  const reference = getReference(db, pack.info);
  return {
    timeZone: pack.config.timeZone,
    region: reference.region,
    sectors: reference.sectors,
    categories: reference.categories,
    municipalities: reference.municipalities,
    agencies: reference.agencies,
    periods: [...STANDARD_PERIODS],
  };
}

/** Where the time of building a snapshot went (ms), and what the aggregation read: for the benchmark's log. */
export type SnapshotStats = Record<string, number | string>;

export function buildSnapshotContent(db: Db, pack: RegionPack, now = Date.now(), stats: SnapshotStats = {}): SnapshotContent {
  let t = performance.now();
  const lap = () => Math.round(-t + (t = performance.now()));
  const queries = prepareBriefingQueries(db);
  const ctx = briefingContext(pack);
  const territories = [null, ...pack.municipalities.map((m) => m.id)];
  const data: Record<string, BriefingData> = {};
  const categoryIds = pack.config.categories.map((c) => c.id);
  const periods = STANDARD_PERIODS.map((kind) => resolvePeriod({ period: kind }, now, pack.config.timeZone));
  const scanned = queries.scan(periods, now);
  Object.assign(stats, queries.lastScan, { scanMs: lap() });
  let examplesMs = 0;
  // Every standard period ends now: one walk over each territory's newest closed appeals serves all.
  const widestFrom = Math.min(...periods.map((p) => p.from));
  for (const [i, kind] of STANDARD_PERIODS.entries()) {
    const period = periods[i]!;
    const found = withLeadAgencies(scanned[i]!, ctx);
    for (const territory of territories) {
      const composed = composeBriefing(found, period, territory, ctx, now);
      const top = composed.problems.map((p) => p.categoryId);
      const order = [...top, ...categoryIds.filter((c) => !top.includes(c))];
      const before = performance.now();
      data[datasetKey(kind, territory)] = { ...composed, examples: queries.examples(period, territory, order, widestFrom) };
      examplesMs += performance.now() - before;
    }
  }
  Object.assign(stats, { composeMs: lap() - Math.round(examplesMs), examplesMs: Math.round(examplesMs) });
  return {
    format: 'cur-briefing',
    version: 1,
    createdAt: Date.now(),
    dataAt: now,
    info: staticInfo(db, pack),
    geo: loadBriefingGeo(pack.dir),
    data,
  };
}

function stamp(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}-${get('hour')}${get('minute')}`;
}

/** Writes the sealed snapshot next to the cache (atomically: a reader never sees half a file). */
export function writeSnapshot(
  db: Db,
  pack: RegionPack,
  dataDir: string,
  passphrase: string,
  now = Date.now(),
  stats: SnapshotStats = {},
): { file: string; bytes: number; dataAt: number } {
  const content = buildSnapshotContent(db, pack, now, stats);
  const t = performance.now();
  const sealed = sealSnapshot(content, passphrase);
  stats.sealMs = Math.round(performance.now() - t);
  const dir = join(dataDir, 'briefings');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `briefing-${pack.info.id}-${stamp(now, pack.config.timeZone)}${SNAPSHOT_EXTENSION}`);
  writeFileSync(`${file}.tmp`, sealed, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return { file, bytes: sealed.length, dataAt: now };
}

const INCOMPATIBLE = 'Файл брифинга повреждён или записан несовместимой версией';

export function readSnapshot(file: string, passphrase: string): SnapshotContent {
  const content = SnapshotContent.safeParse(openSnapshotBuffer(readFileSync(file), passphrase));
  if (!content.success) throw new SnapshotError(INCOMPATIBLE, 'unsupported-version');
  return content.data;
}

const SnapshotHead = SnapshotContent.extend({ geo: z.unknown(), data: z.record(z.string(), z.unknown()) });

/** A snapshot whose boundaries and datasets are checked against the contract when first asked for. */
export interface OpenedSnapshot extends Omit<SnapshotContent, 'data' | 'geo'> {
  /** Throws SnapshotError if the boundaries do not fit the contract. */
  geo(): BriefingGeo;
  /** The dataset of `datasetKey(...)`, or undefined if the file has none; throws SnapshotError if it does not fit the contract. */
  dataset(key: string): BriefingData | undefined;
}

/**
 * Opens a snapshot for the briefing-only mode: the header and the reference are checked now, the
 * boundaries and each of the ~160 datasets when first asked for. The file is authenticated, so this
 * is a check of the format's version, not of tampering, and checking everything up front cost a few
 * hundred milliseconds of the first page.
 */
export function openSnapshot(file: string, passphrase: string): OpenedSnapshot {
  const head = SnapshotHead.safeParse(openSnapshotBuffer(readFileSync(file), passphrase));
  if (!head.success) throw new SnapshotError(INCOMPATIBLE, 'unsupported-version');
  const { data, geo, ...rest } = head.data;
  const checked = new Map<string, BriefingData>();
  let checkedGeo: BriefingGeo | null = null;
  return {
    ...rest,
    geo() {
      if (!checkedGeo) {
        const parsed = BriefingGeo.safeParse(geo);
        if (!parsed.success) throw new SnapshotError(INCOMPATIBLE, 'unsupported-version');
        checkedGeo = parsed.data;
      }
      return checkedGeo;
    },
    dataset(key) {
      const known = checked.get(key);
      if (known || !Object.hasOwn(data, key)) return known;
      const parsed = BriefingData.safeParse(data[key]);
      if (!parsed.success) throw new SnapshotError(INCOMPATIBLE, 'unsupported-version');
      checked.set(key, parsed.data);
      return parsed.data;
    },
  };
}
