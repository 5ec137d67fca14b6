import { z } from 'zod';
import { ALL_ROLES, method } from './define';
import { WallSummary } from './wall';

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1).nullable();
const Minutes = z.number().nonnegative().nullable();

export const KpiPeriod = z.enum(['today', '7d', '30d', '90d']);
export type KpiPeriod = z.infer<typeof KpiPeriod>;
export const KpiGroupBy = z.enum(['none', 'source', 'sector', 'agency', 'municipality']);
export type KpiGroupBy = z.infer<typeof KpiGroupBy>;

/** KPI figures of the appeals received in one period (their state now). */
export const KpiFigures = z.object({
  received: Count,
  /** Appeals that got a first response. */
  responded: Count,
  firstResponseMeanMin: Minutes,
  firstResponseMedianMin: Minutes,
  firstResponseP90Min: Minutes,
  /** Of the responded appeals that had a deadline, the share responded no later than it. */
  onTimeShare: Share,
  /** Share answered or closed. */
  resolvedShare: Share,
  /** Share reopened at least once. */
  reopenedShare: Share,
  /** Appeals marked as a repeat (duplicate) of an earlier one, and their share. */
  repeatCount: Count,
  repeatShare: Share,
  /** Residents' rating of the answer, 1..5. */
  ratingMean: z.number().min(1).max(5).nullable(),
  ratingCount: Count,
});
export type KpiFigures = z.infer<typeof KpiFigures>;

export const KpiRow = KpiFigures.extend({
  /** Source, sector, agency or municipality id ('' for unassigned; '' for the total). */
  key: z.string(),
  /** Open appeals past their deadline right now (not period-bound). */
  overdueNow: Count,
  /** The same figures for the period just before, of the same length. */
  previous: KpiFigures,
});
export type KpiRow = z.infer<typeof KpiRow>;

export const KpiReport = z.object({
  at: z.number().int(),
  period: KpiPeriod,
  groupBy: KpiGroupBy,
  from: z.number().int(),
  to: z.number().int(),
  previousFrom: z.number().int(),
  /** Median and p90 exact from raw rows (small periods) or interpolated in a 12-bucket histogram. */
  percentiles: z.enum(['exact', 'histogram']),
  total: KpiRow,
  rows: z.array(KpiRow),
});
export type KpiReport = z.infer<typeof KpiReport>;

export const TensionPoint = z.object({
  /** Municipality × sector, H3 cell × category, or repeat complaints from one address about one topic. */
  kind: z.enum(['municipality-sector', 'cell-category', 'repeat']),
  municipalityId: z.string().nullable(),
  sectorId: z.string().nullable(),
  categoryId: z.string().nullable(),
  h3: z.string().nullable(),
  /** Street only, never a house number: the wall shows this. */
  street: z.string().nullable(),
  windowHours: z.number().int().positive(),
  count: Count,
  /** Expected count for this window at this hour of the week (mean of past weeks). */
  normal: z.number().nonnegative(),
  /** Poisson tail probability of a count this high given the normal; smaller is stranger. */
  pValue: z.number().min(0).max(1),
  words: z.array(z.string()),
  /** What, where, how many against what normal, frequent words — in plain Russian. */
  explanation: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
});
export type TensionPoint = z.infer<typeof TensionPoint>;

export const TensionReport = z.object({ at: z.number().int(), baselineWeeks: z.number().int(), points: z.array(TensionPoint) });
export type TensionReport = z.infer<typeof TensionReport>;

export const SeriesGranularity = z.enum(['hour', 'day', 'week']);
export type SeriesGranularity = z.infer<typeof SeriesGranularity>;

export const SeriesQuery = z
  .object({
    granularity: SeriesGranularity.default('day'),
    /** Epoch ms; defaults: 48 hours, 30 days or 26 weeks back from now. */
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    municipalityIds: z.array(z.string()).max(100).optional(),
    sectorIds: z.array(z.string()).max(50).optional(),
    splitBy: z.enum(['none', 'sector', 'municipality']).default('none'),
    /** Largest series kept when split; the rest are summed into "other" (key '*'). */
    top: z.number().int().min(1).max(60).default(8),
  })
  .strict();
export type SeriesQuery = z.input<typeof SeriesQuery>;

export const Series = z.object({
  granularity: SeriesGranularity,
  /** Start of each bucket (local day and Monday-based week boundaries in the region's zone). */
  t: z.array(z.number().int()),
  series: z.array(z.object({ key: z.string(), values: z.array(Count) })),
});
export type Series = z.infer<typeof Series>;

export const ReplayQuery = z.object({ days: z.number().int().min(1).max(14).default(7) }).strict();

/** Appeals received per hour × municipality over the last days, for the map's time slider. */
export const Replay = z.object({
  /** Start of the first hour (UTC ms); hour i starts at from + i hours. */
  from: z.number().int(),
  hours: z.number().int().nonnegative(),
  municipalityIds: z.array(z.string()),
  /** Row-major by hour: counts[i * municipalityIds.length + j]. */
  counts: z.array(Count),
});
export type Replay = z.infer<typeof Replay>;

export const analyticsMethods = {
  /** The wall's counters computed from rollups (same shape as wall:summary). */
  'analytics:counters': method(z.object({}).strict(), WallSummary, ALL_ROLES),
  'analytics:kpis': method(
    z.object({ period: KpiPeriod.default('7d'), groupBy: KpiGroupBy.default('none') }).strict(),
    KpiReport,
    ALL_ROLES,
  ),
  'analytics:tension': method(z.object({}).strict(), TensionReport, ALL_ROLES),
  'analytics:series': method(SeriesQuery, Series, ALL_ROLES),
  'analytics:replay': method(ReplayQuery, Replay, ALL_ROLES),
};
