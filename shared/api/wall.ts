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
  tension: z.array(
    z.object({
      municipalityId: z.string(),
      sectorId: z.string(),
      today: Count,
      normal: z.number(),
    }),
  ),
  ticker: z.array(WallAppeal),
});
export type WallSummary = z.infer<typeof WallSummary>;

export const WallShow = z.object({
  kind: z.enum(['appeal', 'municipality']),
  id: z.string(),
  seconds: z.number().int().min(5).max(3600),
});
export type WallShow = z.infer<typeof WallShow>;

export const wallMethods = {
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
