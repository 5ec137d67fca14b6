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

export function buildSnapshotContent(db: Db, pack: RegionPack, now = Date.now()): SnapshotContent {
  const queries = prepareBriefingQueries(db);
  const ctx = briefingContext(pack);
  const territories = [null, ...pack.municipalities.map((m) => m.id)];
  const data: Record<string, BriefingData> = {};
  const categoryIds = pack.config.categories.map((c) => c.id);
  const periods = STANDARD_PERIODS.map((kind) => resolvePeriod({ period: kind }, now, pack.config.timeZone));
  const scanned = queries.scan(periods, now);
  for (const [i, kind] of STANDARD_PERIODS.entries()) {
    const period = periods[i]!;
    const found = withLeadAgencies(scanned[i]!, ctx);
    for (const territory of territories) {
      const composed = composeBriefing(found, period, territory, ctx, now);
      const top = composed.problems.map((p) => p.categoryId);
      const order = [...top, ...categoryIds.filter((c) => !top.includes(c))];
      data[datasetKey(kind, territory)] = { ...composed, examples: queries.examples(found, territory, order) };
    }
  }
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
export function writeSnapshot(db: Db, pack: RegionPack, dataDir: string, passphrase: string, now = Date.now()): { file: string; bytes: number; dataAt: number } {
  const sealed = sealSnapshot(buildSnapshotContent(db, pack, now), passphrase);
  const dir = join(dataDir, 'briefings');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `briefing-${pack.info.id}-${stamp(now, pack.config.timeZone)}${SNAPSHOT_EXTENSION}`);
  writeFileSync(`${file}.tmp`, sealed, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return { file, bytes: sealed.length, dataAt: now };
}

export function readSnapshot(file: string, passphrase: string): SnapshotContent {
  const content = SnapshotContent.safeParse(openSnapshotBuffer(readFileSync(file), passphrase));
  if (!content.success) throw new SnapshotError('Файл брифинга повреждён или записан несовместимой версией', 'unsupported-version');
  return content.data;
}
