import { z } from 'zod';
import { HOUR_MS } from '../../../shared/time';
import { safeUrl } from './attachments';
import { mapCategory, mapStatus, placeOf, zodReason } from './common';
import { fetchFeedPage, postAction, toMs } from './feed';
import type { Connector, Normalized, NormalizeContext } from './types';

const IsoTime = z.string().min(10).max(40);

/** A post picked by «Инцидент Менеджмент»: see docs/formats/incident.schema.json. */
export const IncidentPost = z.object({
  id: z.string().min(1).max(64),
  network: z.string().min(1).max(40),
  link: z.string().max(2000),
  text: z.string().min(1).max(20_000),
  author: z.object({ name: z.string().nullable(), profile: z.string().nullable().optional() }).nullable().optional(),
  municipality_id: z.string().max(64).nullable().optional(),
  category: z.string().max(64).nullable().optional(),
  registered_at: IsoTime,
  answered_at: IsoTime.nullable().optional(),
  updated_at: IsoTime,
  status: z.string().min(1).max(40),
  coordinates: z.object({ lat: z.number(), lon: z.number() }).nullable().optional(),
});

/** Social networks expect an answer within 24 hours of registration, whatever the category. */
export const INCIDENT_ANSWER_HOURS = 24;

export function normalizeIncident(value: unknown, ctx: NormalizeContext): Normalized {
  const parsed = IncidentPost.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', reason: zodReason(parsed.error) };
  const p = parsed.data;
  const receivedAt = toMs(p.registered_at);
  const updatedAt = toMs(p.updated_at);
  if (receivedAt === undefined || updatedAt === undefined) return { kind: 'invalid', reason: 'registered_at/updated_at: not a date' };
  const status = mapStatus(p.status);
  if (!status) return { kind: 'invalid', reason: `status: unknown value ${JSON.stringify(p.status)}` };
  const place = placeOf(p.municipality_id, p.coordinates?.lon, p.coordinates?.lat, ctx);
  const answeredAt = p.answered_at ? toMs(p.answered_at) : undefined;
  return {
    kind: 'appeal',
    appeal: {
      sourceId: ctx.sourceId,
      externalId: p.id,
      channel: p.network.toLowerCase(),
      receivedAt,
      sourceUpdatedAt: updatedAt,
      text: p.text,
      categoryId: mapCategory(p.category, ctx),
      municipalityId: place.municipalityId,
      address: null,
      lon: place.lon,
      lat: place.lat,
      status,
      deadlineAt: receivedAt + INCIDENT_ANSWER_HOURS * HOUR_MS,
      firstResponseAt: answeredAt ?? null,
      resolvedAt: status === 'closed' ? updatedAt : null,
      author: p.author?.name ? { name: p.author.name, phone: null, email: null } : null,
      // The post itself; a link that is not absolute http(s) is dropped and the post kept.
      sourceUrl: safeUrl(p.link),
    },
  };
}

export const incidentConnector: Connector = {
  format: 'incident',
  fetchPage: (endpoint, cursor, signal) => fetchFeedPage(endpoint, 'posts', cursor, signal),
  normalize: normalizeIncident,
  writeBack: (endpoint, d, signal) => postAction(endpoint, `posts/${encodeURIComponent(d.externalId)}/actions`, { action: d.action, payload: d.payload }, d.idempotencyKey, signal),
};
