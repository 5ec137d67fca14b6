import { z } from 'zod';
import { Agency, Category, Municipality, Sector } from '../domain';
import { method } from './define';
import { RegionInfo } from './reference';

const Count = z.number().int().nonnegative();
const EpochMs = z.number().int().nonnegative();
/** Minutes, or null where nothing was answered. */
const Minutes = z.number().nullable();
/** A share 0..1, or null where there was nothing to measure. */
const Share = z.number().min(0).max(1).nullable();

export const BRIEFING_PERIODS = ['today', 'week', 'month', 'custom'] as const;
export const BriefingPeriodKind = z.enum(BRIEFING_PERIODS);
export type BriefingPeriodKind = z.infer<typeof BriefingPeriodKind>;

/** Which briefing: a standard period (or a custom range) over the region or one municipality. */
export const BriefingQuery = z
  .object({
    period: BriefingPeriodKind.default('week'),
    /** Custom range only: start and end (exclusive) in epoch ms. */
    from: EpochMs.optional(),
    to: EpochMs.optional(),
    /** null or absent: the whole region. */
    municipalityId: z.string().min(1).max(64).nullable().default(null),
  })
  .strict()
  .refine((q) => q.period !== 'custom' || (q.from !== undefined && q.to !== undefined && q.to > q.from), {
    message: 'a custom period needs from < to',
  });
export type BriefingQuery = z.infer<typeof BriefingQuery>;

export const BriefingKpis = z.object({
  received: Count,
  prevReceived: Count,
  /** Of the appeals received in the period, how many are resolved (closed) by the time of the data. */
  resolved: Count,
  prevResolved: Count,
  avgResponseMin: Minutes,
  prevAvgResponseMin: Minutes,
  /**
   * Appeals still open past their deadline, or settled after it: resolved after the deadline or, not
   * resolved, answered after it (a settled appeal with neither time is not counted).
   */
  overdue: Count,
  prevOverdue: Count,
  overdueShare: Share,
  prevOverdueShare: Share,
  /** Still open at the time of the data. */
  open: Count,
});
export type BriefingKpis = z.infer<typeof BriefingKpis>;

/** Performance of one municipality or one responsible body over the period. */
export const BriefingRankRow = z.object({
  id: z.string(),
  received: Count,
  prevReceived: Count,
  avgResponseMin: Minutes,
  overdueShare: Share,
  /** Appeals per 10 000 residents, where the population is known. */
  per10k: z.number().nullable(),
});
export type BriefingRankRow = z.infer<typeof BriefingRankRow>;

export const BriefingProblem = z.object({
  categoryId: z.string(),
  sectorId: z.string().nullable(),
  received: Count,
  prevReceived: Count,
  overdueShare: Share,
  avgResponseMin: Minutes,
  /** Where it is worst: the municipality with the most appeals of this kind. */
  topMunicipalityId: z.string().nullable(),
  topMunicipalityCount: Count,
});
export type BriefingProblem = z.infer<typeof BriefingProblem>;

export const BriefingTension = z.object({
  municipalityId: z.string(),
  sectorId: z.string(),
  received: Count,
  /** What the previous period of the same length had. */
  prevReceived: Count,
});
export type BriefingTension = z.infer<typeof BriefingTension>;

export const BriefingPoint = z.object({
  /** Start of the bucket (an hour for "today", a day otherwise). */
  t: EpochMs,
  received: Count,
  /** The same bucket one period earlier, for the comparison line. */
  prevReceived: Count,
  avgResponseMin: Minutes,
  overdueShare: Share,
});
export type BriefingPoint = z.infer<typeof BriefingPoint>;

/** A resolved appeal shown as an example: anonymized text, no address, a coarse location only. */
export const BriefingExample = z.object({
  categoryId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  text: z.string(),
  receivedAt: EpochMs,
  resolvedInMin: z.number().nonnegative().nullable(),
  /** Rounded to ~1 km so that no home can be found from it. */
  lon: z.number().nullable(),
  lat: z.number().nullable(),
});
export type BriefingExample = z.infer<typeof BriefingExample>;

export const BriefingData = z.object({
  /** The time of the data ("данные на"): when the figures were computed from the cache. */
  dataAt: EpochMs,
  period: z.object({
    kind: BriefingPeriodKind,
    from: EpochMs,
    to: EpochMs,
    prevFrom: EpochMs,
    prevTo: EpochMs,
    bucket: z.enum(['hour', 'day']),
  }),
  municipalityId: z.string().nullable(),
  kpis: BriefingKpis,
  /** Load per municipality over the whole region (the map), whatever the territory. */
  byMunicipality: z.array(BriefingRankRow),
  agencies: z.array(BriefingRankRow),
  problems: z.array(BriefingProblem),
  tension: z.array(BriefingTension),
  series: z.array(BriefingPoint),
  examples: z.array(BriefingExample),
});
export type BriefingData = z.infer<typeof BriefingData>;

export const BriefingInfo = z.object({
  /** live: computed from the cache on request; snapshot: an offline file, fixed standard periods. */
  mode: z.enum(['live', 'snapshot']),
  /** Time of the data: now in live mode, the snapshot's moment otherwise. */
  dataAt: EpochMs,
  timeZone: z.string(),
  region: RegionInfo,
  sectors: z.array(Sector),
  categories: z.array(Category),
  municipalities: z.array(Municipality),
  agencies: z.array(Agency),
  /** Periods that can be asked for (a snapshot holds only the standard ones). */
  periods: z.array(BriefingPeriodKind),
});
export type BriefingInfo = z.infer<typeof BriefingInfo>;

/** Simplified municipal boundaries for the briefing's print map (no WebGL, no tiles). */
export const BriefingGeo = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ id: z.string() }),
      geometry: z.object({
        type: z.literal('MultiPolygon'),
        coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))),
      }),
    }),
  ),
});
export type BriefingGeo = z.infer<typeof BriefingGeo>;

export const SnapshotResult = z.object({
  file: z.string(),
  bytes: Count,
  dataAt: EpochMs,
});
export type SnapshotResult = z.infer<typeof SnapshotResult>;

export const briefingMethods = {
  'briefing:info': method(z.object({}).strict(), BriefingInfo, ['briefing', 'operator']),
  'briefing:data': method(BriefingQuery, BriefingData, ['briefing', 'operator']),
  'briefing:geo': method(z.object({}).strict(), BriefingGeo, ['briefing', 'operator']),
  /** "Prepare for offline": writes one encrypted file into the data directory; never any personal data. */
  'briefing:snapshot': method(
    z.object({ passphrase: z.string().min(8).max(1024) }).strict(),
    SnapshotResult,
    ['operator', 'briefing'],
  ),
  /**
   * Renders the open briefing window to an A4-landscape PDF (Electron's printToPDF); handled by the
   * Electron shell, not by the core. The host's browsers print through the page's print stylesheet.
   */
  'briefing:exportPdf': method(z.object({}).strict(), z.object({ file: z.string().nullable() }), ['briefing']),
};
