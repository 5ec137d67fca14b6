import { z } from 'zod';
import { placeOf, zodReason } from './common';
import { fetchFeedPage, toMs } from './feed';
import type { Connector, Normalized, NormalizeContext } from './types';

/** One reading of an МФЦ office or a Госуслуги service: see docs/formats/services.schema.json. */
export const Indicator = z.object({
  office_id: z.string().min(1).max(64),
  office_name: z.string().min(1).max(300),
  municipality_id: z.string().max(64).nullable().optional(),
  at: z.string().min(10).max(40),
  queue_length: z.number().int().nonnegative(),
  wait_minutes: z.number().nonnegative(),
  overdue_services: z.number().int().nonnegative(),
});

export function normalizeIndicator(value: unknown, ctx: NormalizeContext): Normalized {
  const parsed = Indicator.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', reason: zodReason(parsed.error) };
  const r = parsed.data;
  const at = toMs(r.at);
  if (at === undefined) return { kind: 'invalid', reason: `at: not a date: ${r.at}` };
  return {
    kind: 'indicator',
    indicator: {
      officeId: r.office_id,
      officeName: r.office_name,
      municipalityId: placeOf(r.municipality_id, null, null, ctx).municipalityId,
      at,
      queueLength: r.queue_length,
      waitMinutes: r.wait_minutes,
      overdueServices: r.overdue_services,
    },
  };
}

export const servicesConnector: Connector = {
  format: 'services',
  fetchPage: (endpoint, cursor, signal) => fetchFeedPage(endpoint, 'indicators', cursor, signal),
  normalize: normalizeIndicator,
};
