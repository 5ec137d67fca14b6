import { z } from 'zod';
import { Appeal, AppealAuthor, AppealEvent, AppealStatus } from '../domain';
import { method } from './define';

const Ids = z.array(z.string().min(1).max(64)).max(200);

export const AppealFilter = z
  .object({
    sourceIds: Ids.optional(),
    sectorIds: Ids.optional(),
    categoryIds: Ids.optional(),
    municipalityIds: Ids.optional(),
    agencyIds: Ids.optional(),
    statuses: z.array(AppealStatus).max(10).optional(),
    escalated: z.boolean().optional(),
    overdue: z.boolean().optional(),
    /** Deadline within this many hours from now (and not yet overdue). */
    dueWithinHours: z.number().positive().max(24 * 365).optional(),
    receivedFrom: z.number().int().optional(),
    receivedTo: z.number().int().optional(),
    search: z.string().max(200).optional(),
  })
  .strict();
export type AppealFilter = z.infer<typeof AppealFilter>;

export const AppealSort = z.enum(['received', 'deadline', 'priority']);
export type AppealSort = z.infer<typeof AppealSort>;

export const AppealQuery = z
  .object({
    filter: AppealFilter.default({}),
    sort: AppealSort.default('received'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AppealQuery = z.input<typeof AppealQuery>;

/**
 * Counts stop here: beyond it the queue says "более 50 000" instead of reading every index entry
 * (and no one scrolls further; a browser cannot even lay out a million rows of this height).
 */
export const COUNT_CAP = 50_000;

export const AppealPage = z.object({
  total: z.number().int(),
  /** More rows match than were counted (`total` is the cap): shown as "более …". */
  capped: z.boolean().default(false),
  rows: z.array(Appeal),
});
export type AppealPage = z.infer<typeof AppealPage>;

/** A file the source lists with the appeal: the link only (the windows never fetch it). */
export const AppealAttachment = z.object({
  name: z.string(),
  /** Always an absolute http(s) URL: the core keeps no other. */
  url: z.string(),
  /** Bytes, when the source tells. */
  size: z.number().int().nonnegative().nullable(),
  mime: z.string().nullable(),
});
export type AppealAttachment = z.infer<typeof AppealAttachment>;

export const AppealCard = z.object({
  appeal: Appeal,
  events: z.array(AppealEvent),
  /** Present only for roles allowed to see personal data. */
  author: AppealAuthor.nullable(),
  /** The original this appeal duplicates, and the appeals marked as duplicates of this one. */
  duplicateOf: z.number().int().nullable(),
  duplicateIds: z.array(z.number().int()),
  attachments: z.array(AppealAttachment).default([]),
  /**
   * The appeal's page at its source (an absolute http(s) URL), for roles allowed to see personal
   * data only: a social-network link can identify its author. Null when hidden or not given.
   */
  sourceUrl: z.string().nullable().default(null),
});
export type AppealCard = z.infer<typeof AppealCard>;

export const appealMethods = {
  'appeals:query': method(AppealQuery, AppealPage, ['operator']),
  'appeals:get': method(z.object({ id: z.number().int().positive() }).strict(), AppealCard, ['operator']),
};
