import { z } from 'zod';
import { safeAttachments } from './attachments';
import { mapCategory, mapStatus, placeOf, zodReason } from './common';
import { fetchFeedPage, postAction, toMs } from './feed';
import type { Connector, Normalized, NormalizeContext } from './types';

const IsoTime = z.string().min(10).max(40);

/** A ПОС message (also the portal's, ГЖИ's and the hotline's feed): see docs/formats/pos.schema.json. */
export const PosMessage = z.object({
  id: z.string().min(1).max(64),
  created_at: IsoTime,
  updated_at: IsoTime,
  category: z.string().max(64).nullable().optional(),
  subcategory: z.string().max(200).nullable().optional(),
  text: z.string().min(1).max(20_000),
  address: z.string().max(500).nullable().optional(),
  municipality_id: z.string().max(64).nullable().optional(),
  coordinates: z.object({ lat: z.number(), lon: z.number() }).nullable().optional(),
  status: z.string().min(1).max(40),
  steps: z.array(z.object({ status: z.string(), at: IsoTime })).max(100).optional(),
  answer: z.object({ text: z.string(), at: IsoTime }).nullable().optional(),
  rating: z.number().int().min(1).max(5).nullable().optional(),
  attachments: z.array(z.object({ name: z.string(), url: z.string(), size: z.number().int().nonnegative().optional() })).max(50).optional(),
  author: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }).nullable().optional(),
  channel: z.string().max(40).optional(),
  agency_id: z.string().max(64).nullable().optional(),
  deadline_at: IsoTime.nullable().optional(),
});
export type PosMessage = z.infer<typeof PosMessage>;

export function normalizePos(value: unknown, ctx: NormalizeContext): Normalized {
  const parsed = PosMessage.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', reason: zodReason(parsed.error) };
  const m = parsed.data;
  const receivedAt = toMs(m.created_at);
  const updatedAt = toMs(m.updated_at);
  if (receivedAt === undefined) return { kind: 'invalid', reason: `created_at: not a date: ${m.created_at}` };
  if (updatedAt === undefined) return { kind: 'invalid', reason: `updated_at: not a date: ${m.updated_at}` };
  const status = mapStatus(m.status);
  if (!status) return { kind: 'invalid', reason: `status: unknown value ${JSON.stringify(m.status)}` };
  const place = placeOf(m.municipality_id, m.coordinates?.lon, m.coordinates?.lat, ctx);
  const firstStep = m.steps?.find((s) => s.status !== 'new' && s.status !== 'registered');
  const answeredAt = m.answer ? toMs(m.answer.at) : undefined;
  return {
    kind: 'appeal',
    appeal: {
      sourceId: ctx.sourceId,
      externalId: m.id,
      channel: m.channel ?? 'gosuslugi',
      receivedAt,
      sourceUpdatedAt: updatedAt,
      text: m.text,
      categoryId: mapCategory(m.category, ctx),
      municipalityId: place.municipalityId,
      address: m.address ?? null,
      lon: place.lon,
      lat: place.lat,
      status,
      agencyId: m.agency_id ?? null,
      deadlineAt: m.deadline_at ? (toMs(m.deadline_at) ?? null) : null,
      firstResponseAt: answeredAt ?? (firstStep ? (toMs(firstStep.at) ?? null) : null),
      resolvedAt: status === 'closed' ? updatedAt : null,
      author: m.author ?? null,
      // Absent in the message: the source said nothing of files, so the cached list stays.
      attachments: m.attachments ? safeAttachments(m.attachments).attachments : undefined,
    },
  };
}

export const posConnector: Connector = {
  format: 'pos',
  fetchPage: (endpoint, cursor, signal) => fetchFeedPage(endpoint, 'messages', cursor, signal),
  normalize: normalizePos,
  writeBack: (endpoint, d, signal) => postAction(endpoint, `messages/${encodeURIComponent(d.externalId)}/actions`, { action: d.action, payload: d.payload }, d.idempotencyKey, signal),
};
