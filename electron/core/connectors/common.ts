import type { z } from 'zod';
import type { AppealStatus } from '../../../shared/domain';
import { validLonLat } from './geo';
import type { NormalizeContext } from './types';

/** First zod issue as a reason a person can act on: which field, what was wrong. */
export function zodReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  return `${issue.path.join('.') || '(record)'}: ${issue.message}`;
}

/** Region category for a source's own category code: the mapping first, then the code itself if the region knows it. */
export function mapCategory(code: string | null | undefined, ctx: NormalizeContext): string | null {
  if (!code) return null;
  const mapped = ctx.categoryMap[code] ?? ctx.categoryMap[code.toLowerCase()];
  if (mapped && ctx.categories.has(mapped)) return mapped;
  return ctx.categories.has(code) ? code : null;
}

/** Municipality: the one the source names if the region has it, else where the point falls. */
export function placeOf(
  municipalityId: string | null | undefined,
  lon: number | null | undefined,
  lat: number | null | undefined,
  ctx: NormalizeContext,
  known?: ReadonlySet<string>,
): { municipalityId: string | null; lon: number | null; lat: number | null } {
  const point = validLonLat(lon, lat) ? { lon: lon as number, lat: lat as number } : null;
  const named = municipalityId && (known ?? ctx.municipalities).has(municipalityId) ? municipalityId : null;
  return { municipalityId: named ?? (point ? ctx.locate(point.lon, point.lat) : null), lon: point?.lon ?? null, lat: point?.lat ?? null };
}

/** Status words of the project formats and Open311's extended set, in any letter case. */
const STATUS_WORDS: Record<string, AppealStatus> = {
  new: 'new',
  open: 'new',
  registered: 'new',
  submitted: 'new',
  assigned: 'assigned',
  acknowledged: 'assigned',
  dispatched: 'assigned',
  in_work: 'in_progress',
  in_progress: 'in_progress',
  investigating: 'in_progress',
  action_scheduled: 'in_progress',
  planned: 'in_progress',
  answered: 'answered',
  responded: 'answered',
  fixed: 'closed',
  resolved: 'closed',
  closed: 'closed',
  done: 'closed',
  rejected: 'rejected',
  duplicate: 'rejected',
  not_councils_responsibility: 'rejected',
  no_further_action: 'rejected',
  internal_referral: 'assigned',
  reopened: 'reopened',
};

export function mapStatus(word: string): AppealStatus | null {
  return STATUS_WORDS[word.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? null;
}
