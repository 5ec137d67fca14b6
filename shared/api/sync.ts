import { z } from 'zod';
import { Source } from '../domain';
import { method } from './define';

/** A source as the operator's sources panel shows it: state, staleness and what waits in quarantine. */
export const SourceStatus = Source.extend({
  format: z.string(),
  /** Time since the last successful sync, in ms (null: never synced). */
  lagMs: z.number().int().nonnegative().nullable(),
  /** No success for longer than three polling intervals (or never): the data on screen may be old. */
  stale: z.boolean(),
  quarantined: z.number().int().nonnegative(),
  outboxPending: z.number().int().nonnegative(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const QuarantineItem = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  at: z.number().int(),
  reason: z.string(),
  /** The payload as received (it may carry personal data: operators only). */
  raw: z.string(),
});
export type QuarantineItem = z.infer<typeof QuarantineItem>;

export const QuarantinePage = z.object({ total: z.number().int().nonnegative(), rows: z.array(QuarantineItem) });
export type QuarantinePage = z.infer<typeof QuarantinePage>;

export const syncMethods = {
  'sync:sources': method(z.object({}).strict(), z.array(SourceStatus), ['operator']),
  'sync:quarantine': method(
    z.object({ sourceId: z.string().min(1).max(64).optional(), limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }).strict(),
    QuarantinePage,
    ['operator'],
  ),
  /** Normalizes a quarantined record again (after a mapping was fixed, say) and stores it if it now passes. */
  'sync:retry': method(z.object({ id: z.number().int().positive() }).strict(), z.object({ ok: z.boolean(), reason: z.string().nullable() }), ['operator']),
};

