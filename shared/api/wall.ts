import { z } from 'zod';
import { WallAppeal } from '../domain';
import { event, method } from './define';

const Count = z.number().int().nonnegative();

export const WallSummary = z.object({
  /** When these figures were computed (the wall's "данные на" stamp when offline). */
  at: z.number().int(),
  today: Count,
  /** Appeals received yesterday up to the same time of day. */
  yesterdaySameTime: Count,
  inWork: Count,
  overdue: Count,
  /** Mean time to the first response of appeals answered today, in minutes. */
  avgFirstResponseMin: z.number().nullable(),
  bySource: z.array(z.object({ sourceId: z.string(), today: Count })),
  bySector: z.array(
    z.object({ sectorId: z.string(), today: Count, overdue: Count, yesterdaySameTime: Count }),
  ),
  /** Appeals per municipality in the map's window (the last `windowHours`). */
  byMunicipality: z.array(z.object({ municipalityId: z.string(), count: Count })),
  windowHours: z.number().int().positive(),
  /** Appeals per municipality received today (the municipality scene and a pushed municipality). */
  todayByMunicipality: z.array(z.object({ municipalityId: z.string(), count: Count })),
  tension: z.array(
    z.object({
      municipalityId: z.string(),
      sectorId: z.string(),
      today: Count,
      normal: z.number(),
    }),
  ),
  ticker: z.array(WallAppeal),
  /**
   * The newest appeal id these figures include. The wall counts pushed appeals (`wall:appeals`)
   * above it at once, without waiting for the next summary; absent from older cores.
   */
  lastAppealId: z.number().int().nonnegative().optional(),
});
export type WallSummary = z.infer<typeof WallSummary>;

export const WallShow = z.object({
  kind: z.enum(['appeal', 'municipality']),
  id: z.string(),
  seconds: z.number().int().min(5).max(3600),
});
export type WallShow = z.infer<typeof WallShow>;

const Seconds = z.number().int().min(2).max(3600);

/** One scene of the wall's playlist; optional ids pick the subject, otherwise the wall picks the busiest. */
export const WallScene = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('overview'), seconds: Seconds }),
  z.object({ kind: z.literal('capital'), seconds: Seconds }),
  z.object({ kind: z.literal('sector'), seconds: Seconds, sectorId: z.string().optional() }),
  z.object({ kind: z.literal('municipality'), seconds: Seconds, municipalityId: z.string().optional() }),
  z.object({ kind: z.literal('kpi'), seconds: Seconds }),
]);
export type WallScene = z.infer<typeof WallScene>;

/** `<dataDir>/wall.json`: every field optional, defaults fill the rest. */
export const WallConfigFile = z
  .object({
    playlist: z.array(WallScene).min(1).default([
      { kind: 'overview', seconds: 40 },
      { kind: 'capital', seconds: 20 },
      { kind: 'sector', seconds: 20 },
      { kind: 'municipality', seconds: 20 },
      { kind: 'kpi', seconds: 15 },
    ]),
    /** Colour municipalities by absolute appeal count or by appeals per 10,000 residents. */
    load: z.enum(['absolute', 'per10k']).default('per10k'),
    /** The map's window: hexagons and municipality load cover the last this many hours. */
    windowHours: z.number().int().min(1).max(24 * 14).default(24),
    /** How long a pushed appeal or municipality stays on the wall when the operator gives no time. */
    showSeconds: z.number().int().min(5).max(3600).default(60),
    /** Which display the Electron shell puts the wall on (index in the system's list); absent: the largest secondary. */
    display: z.object({ index: z.number().int().nonnegative().optional() }).default({}),
  })
  .strict();
export type WallConfigFile = z.infer<typeof WallConfigFile>;

export const WallConfig = WallConfigFile.extend({
  /** Where the settings came from, and why the file was ignored if it was. */
  origin: z.enum(['default', 'file']),
  problem: z.string().nullable(),
  /** The region's IANA zone: the wall's clock and "today" follow it, not the controller's own zone. */
  timeZone: z.string(),
});
export type WallConfig = z.infer<typeof WallConfig>;

/** Appeals of the map's window per H3 cell: parallel arrays keep the message small. */
export const WallHexes = z.object({
  at: z.number().int(),
  resolution: z.number().int(),
  windowHours: z.number().int().positive(),
  cells: z.array(z.string()),
  counts: z.array(Count),
});
export type WallHexes = z.infer<typeof WallHexes>;

export const wallMethods = {
  'wall:config': method(z.object({}).strict(), WallConfig, ['wall', 'operator']),
  'wall:hexes': method(
    z
      .object({
        resolution: z.number().int().min(4).max(7).default(6),
        sectorId: z.string().max(64).optional(),
        /** Only cells whose centre lies in [west, south, east, north]: a zoomed scene draws what it shows. */
        bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
      })
      .strict(),
    WallHexes,
    ['wall', 'briefing'],
  ),
  /** One appeal as the wall may show it (for an operator's push); null when it does not exist. */
  'wall:appeal': method(z.object({ id: z.number().int().positive() }).strict(), WallAppeal.nullable(), ['wall']),
  'wall:summary': method(z.object({}).strict(), WallSummary, ['wall', 'operator', 'briefing']),
  'wall:recent': method(
    z.object({ sinceMs: z.number().int().nonnegative(), limit: z.number().int().min(1).max(200_000).default(50_000) }).strict(),
    z.array(WallAppeal),
    ['wall'],
  ),
  'wall:show': method(WallShow, z.object({ ok: z.literal(true) }), ['operator']),
};

export const wallEvents = {
  'wall:show': event(WallShow, ['wall']),
  'wall:appeals': event(z.array(WallAppeal), ['wall']),
};
