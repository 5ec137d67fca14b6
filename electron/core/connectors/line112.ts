import { z } from 'zod';
import { mapCategory, mapStatus, placeOf, zodReason } from './common';
import { fetchFeedPage, toMs } from './feed';
import type { Connector, Normalized, NormalizeContext } from './types';

const IsoTime = z.string().min(10).max(40);

/** A «Система-112» call card: see docs/formats/line112.schema.json. */
export const CallCard = z.object({
  card_id: z.string().min(1).max(64),
  type: z.string().min(1).max(40),
  description: z.string().max(5000).optional(),
  address: z.string().max(500).nullable().optional(),
  coordinates: z.object({ lat: z.number(), lon: z.number() }).nullable().optional(),
  municipality_id: z.string().max(64).nullable().optional(),
  received_at: IsoTime,
  updated_at: IsoTime,
  services: z.array(z.string().max(8)).max(10),
  status: z.string().min(1).max(40),
  caller: z.object({ phone: z.string().nullable() }).nullable().optional(),
});

/** Default call type → region category; a region may override any entry through categoryMap. */
const TYPE_CATEGORY: Record<string, string> = { fire: 'fire', accident: 'accident', medical: 'ambulance', gas: 'gas', utility: 'heating', crime: 'publicorder', water: 'water', power: 'power' };
const TYPE_TEXT: Record<string, string> = { fire: 'Пожар', accident: 'ДТП', medical: 'Вызов скорой помощи', gas: 'Запах газа', utility: 'Авария на коммунальных сетях', crime: 'Нарушение общественного порядка' };

export function normalizeCallCard(value: unknown, ctx: NormalizeContext): Normalized {
  const parsed = CallCard.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', reason: zodReason(parsed.error) };
  const c = parsed.data;
  const receivedAt = toMs(c.received_at);
  const updatedAt = toMs(c.updated_at);
  if (receivedAt === undefined || updatedAt === undefined) return { kind: 'invalid', reason: 'received_at/updated_at: not a date' };
  const status = mapStatus(c.status);
  if (!status) return { kind: 'invalid', reason: `status: unknown value ${JSON.stringify(c.status)}` };
  const place = placeOf(c.municipality_id, c.coordinates?.lon, c.coordinates?.lat, ctx);
  const category = mapCategory(c.type, ctx) ?? (TYPE_CATEGORY[c.type] && ctx.categories.has(TYPE_CATEGORY[c.type]!) ? TYPE_CATEGORY[c.type]! : null);
  return {
    kind: 'appeal',
    appeal: {
      sourceId: ctx.sourceId,
      externalId: c.card_id,
      channel: 'phone',
      receivedAt,
      sourceUpdatedAt: updatedAt,
      text: c.description || TYPE_TEXT[c.type] || c.type,
      categoryId: category,
      municipalityId: place.municipalityId,
      address: c.address ?? null,
      lon: place.lon,
      lat: place.lat,
      status,
      firstResponseAt: status === 'new' ? null : updatedAt,
      resolvedAt: status === 'closed' ? updatedAt : null,
      priority: c.type === 'fire' || c.type === 'medical' ? 2 : 1,
      author: c.caller?.phone ? { name: null, phone: c.caller.phone, email: null } : null,
    },
  };
}

export const line112Connector: Connector = {
  format: 'line112',
  fetchPage: (endpoint, cursor, signal) => fetchFeedPage(endpoint, 'cards', cursor, signal),
  normalize: normalizeCallCard,
};
