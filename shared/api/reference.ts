import { z } from 'zod';
import { Agency, Category, Municipality, Sector, Source } from '../domain';
import { ALL_ROLES, event, method } from './define';

export const RegionInfo = z.object({
  id: z.string(),
  name: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  center: z.tuple([z.number(), z.number()]),
  capitalId: z.string().nullable(),
  attribution: z.array(z.string()),
});
export type RegionInfo = z.infer<typeof RegionInfo>;

export const Reference = z.object({
  region: RegionInfo,
  sectors: z.array(Sector),
  categories: z.array(Category),
  municipalities: z.array(Municipality),
  agencies: z.array(Agency),
});
export type Reference = z.infer<typeof Reference>;

export const referenceMethods = {
  'reference:get': method(z.object({}).strict(), Reference, ALL_ROLES),
  'sync:status': method(z.object({}).strict(), z.array(Source), ALL_ROLES),
};

/** Tables that a write touched; windows refresh what depends on them. */
export const DbChanged = z.object({
  tables: z.array(z.string()),
  /** Appeals inserted or changed, when the writer knows them (bounded; absent means "many"). */
  appealIds: z.array(z.number().int()).optional(),
});
export type DbChanged = z.infer<typeof DbChanged>;

export const referenceEvents = {
  'db:changed': event(DbChanged, ALL_ROLES),
  'sync:status': event(z.array(Source), ALL_ROLES),
};
