/**
 * Domain types of the situation room. Every shape that crosses a process boundary is a zod schema
 * here, and its TypeScript type is inferred from it, so validation and typing cannot drift apart.
 * Times are integer milliseconds since the Unix epoch (UTC): compact, indexable, unambiguous.
 */
import { z } from 'zod';

export const SOURCE_KINDS = [
  'incident', // «Инцидент Менеджмент»: social networks
  'pos', // ПОС, «Платформа обратной связи»
  'portal', // regional appeals portal
  'line112', // «Система-112»
  'hotline', // governor's hotline, ЕДДС (file exports)
  'safecity', // АПК «Безопасный город» (CAP alerts)
  'services', // МФЦ / Госуслуги monitoring (indicators, not appeals)
  'gzhi', // housing inspection
  'open311', // any Open311 GeoReport v2 endpoint
] as const;
export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;

export const APPEAL_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'answered',
  'closed',
  'rejected',
  'reopened',
] as const;
export const AppealStatus = z.enum(APPEAL_STATUSES);
export type AppealStatus = z.infer<typeof AppealStatus>;

/** Statuses in which the ЦУР still owes the resident something. */
export const OPEN_STATUSES: readonly AppealStatus[] = ['new', 'assigned', 'in_progress', 'reopened'];

export const SourceState = z.enum(['unknown', 'ok', 'degraded', 'down']);
export type SourceState = z.infer<typeof SourceState>;

export const Role = z.enum(['wall', 'operator', 'briefing']);
export type Role = z.infer<typeof Role>;

const Id = z.string().min(1).max(64);
const EpochMs = z.number().int().nonnegative();

export const Sector = z.object({ id: Id, name: z.string(), sort: z.number().int() });
export type Sector = z.infer<typeof Sector>;

export const Category = z.object({
  id: Id,
  name: z.string(),
  sectorId: Id,
  /** Deadline for this type of appeal, in hours from registration. */
  deadlineHours: z.number().int().positive().nullable(),
  /** Acute categories go to the wall's ticker and raise notifications. */
  acute: z.boolean(),
});
export type Category = z.infer<typeof Category>;

export const Municipality = z.object({
  id: Id,
  name: z.string(),
  label: z.string(),
  population: z.number().int().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
});
export type Municipality = z.infer<typeof Municipality>;

export const Agency = z.object({ id: Id, name: z.string(), sectorId: Id.nullable() });
export type Agency = z.infer<typeof Agency>;

export const Source = z.object({
  id: Id,
  kind: SourceKind,
  name: z.string(),
  state: SourceState,
  lastSyncAt: EpochMs.nullable(),
  lastSuccessAt: EpochMs.nullable(),
  lastError: z.string().nullable(),
});
export type Source = z.infer<typeof Source>;

/** An appeal as the operator's queue and card see it. Never carries the author's personal data. */
export const Appeal = z.object({
  id: z.number().int().positive(),
  sourceId: Id,
  externalId: z.string(),
  channel: z.string(),
  receivedAt: EpochMs,
  createdAt: EpochMs,
  updatedAt: EpochMs,
  text: z.string(),
  categoryId: Id.nullable(),
  sectorId: Id.nullable(),
  municipalityId: Id.nullable(),
  address: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  status: AppealStatus,
  agencyId: Id.nullable(),
  deadlineAt: EpochMs.nullable(),
  firstResponseAt: EpochMs.nullable(),
  resolvedAt: EpochMs.nullable(),
  escalated: z.boolean(),
  priority: z.number().int(),
  version: z.number().int().positive(),
});
export type Appeal = z.infer<typeof Appeal>;

/** Personal data of an appeal's author (152-ФЗ): kept in its own table, shown only to allowed roles. */
export const AppealAuthor = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type AppealAuthor = z.infer<typeof AppealAuthor>;

export const AppealEvent = z.object({
  id: z.number().int(),
  appealId: z.number().int(),
  at: EpochMs,
  kind: z.string(),
  actor: z.string().nullable(),
  data: z.string().nullable(),
});
export type AppealEvent = z.infer<typeof AppealEvent>;

/** What the wall may know of an appeal: no text, no address, no author. */
export const WallAppeal = z.object({
  id: z.number().int(),
  categoryId: Id.nullable(),
  sectorId: Id.nullable(),
  municipalityId: Id.nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  receivedAt: EpochMs,
  escalated: z.boolean(),
});
export type WallAppeal = z.infer<typeof WallAppeal>;
