import { safeAttachments } from './attachments';
import { mapCategory, placeOf } from './common';
import { toMs } from './feed';
import { expectOk, joinUrl, request, SourceError } from './http';
import type { Connector, Normalized, NormalizeContext, Page, RawRecord, SourceEndpoint } from './types';
import { asArray, parseUntrustedXml, XmlRefused, xmlText } from './xml';

type Node = Record<string, unknown>;

/** CAP `category` → region category when the source's categoryMap says nothing. */
const CAP_CATEGORY: Record<string, string> = { Fire: 'fire', Transport: 'accident', Met: 'snow', Env: 'air', Health: 'ambulance', Infra: 'power', Safety: 'publicorder', Security: 'publicorder', Rescue: 'accident' };
const SEVERITY_PRIORITY: Record<string, number> = { Extreme: 3, Severe: 2, Moderate: 1, Minor: 0 };

/** A CAP alert (1.1 or 1.2) out of a parsed document, or null when the document is something else. */
export function alertOf(doc: Node): Node | null {
  const alert = doc.alert as Node | undefined;
  return alert && typeof alert === 'object' ? alert : null;
}

/** CAP `references`: whitespace-separated "sender,identifier,sent" triples (CAP 1.2 §3.2.1). */
export function parseReferences(text: string | undefined): { sender: string; identifier: string; sent: string }[] {
  if (!text) return [];
  return text
    .trim()
    .split(/\s+/)
    .map((triple) => triple.split(','))
    .filter((parts) => parts.length === 3)
    .map(([sender, identifier, sent]) => ({ sender: sender!, identifier: identifier!, sent: sent! }));
}

/** Centre of a CAP polygon ("lat,lon lat,lon …", first point repeated last) or circle ("lat,lon radius"). */
function pointOfArea(area: Node): { lon: number; lat: number } | null {
  for (const polygon of asArray(area.polygon as unknown[])) {
    const pairs = (xmlText(polygon) ?? '')
      .trim()
      .split(/\s+/)
      .map((p) => p.split(',').map(Number))
      .filter((p) => p.length === 2 && p.every(Number.isFinite));
    const ring = pairs.length > 1 && pairs[0]![0] === pairs.at(-1)![0] && pairs[0]![1] === pairs.at(-1)![1] ? pairs.slice(0, -1) : pairs;
    if (ring.length >= 3) {
      return { lat: ring.reduce((s, p) => s + p[0]!, 0) / ring.length, lon: ring.reduce((s, p) => s + p[1]!, 0) / ring.length };
    }
  }
  for (const circle of asArray(area.circle as unknown[])) {
    const m = /^\s*(-?[\d.]+),(-?[\d.]+)\s+[\d.]+\s*$/.exec(xmlText(circle) ?? '');
    if (m) return { lat: Number(m[1]), lon: Number(m[2]) };
  }
  return null;
}

function geocodeMunicipality(area: Node, ctx: NormalizeContext): string | null {
  for (const g of asArray(area.geocode as Node[])) {
    const name = xmlText(g.valueName);
    const value = xmlText(g.value);
    if (value && (name === 'municipality' || name === 'OKTMO' || name === 'oktmo')) return ctx.categoryMap[`geocode:${value}`] ?? value;
  }
  return null;
}

/** One info block: the Russian one when the alert carries several languages, else the first. */
function pickInfo(alert: Node): Node | null {
  const infos = asArray(alert.info as Node[]);
  return infos.find((i) => /^ru/i.test(xmlText(i.language) ?? '')) ?? infos.find((i) => !xmlText(i.language) || /^en/i.test(xmlText(i.language)!)) ?? infos[0] ?? null;
}

/** CAP `resource` blocks (§3.3): linked files only; an embedded derefUri is not kept in the cache. */
function capResources(info: Node) {
  return safeAttachments(
    asArray(info.resource as Node[]).map((r) => ({ name: xmlText(r.resourceDesc), url: xmlText(r.uri), size: Number(xmlText(r.size) ?? NaN), mime: xmlText(r.mimeType) })),
  ).attachments;
}

export function normalizeCap(value: unknown, ctx: NormalizeContext): Normalized {
  const alert = value as Node;
  const identifier = xmlText(alert.identifier);
  const sender = xmlText(alert.sender);
  const sent = toMs(xmlText(alert.sent));
  if (!identifier || !sender) return { kind: 'invalid', reason: 'alert: identifier and sender are required' };
  if (sent === undefined) return { kind: 'invalid', reason: `sent: not a date: ${JSON.stringify(xmlText(alert.sent))}` };
  const status = xmlText(alert.status);
  if (status !== 'Actual') return { kind: 'skip', reason: `status ${status ?? '(none)'} is not Actual` };
  const msgType = xmlText(alert.msgType);
  if (msgType !== 'Alert' && msgType !== 'Update' && msgType !== 'Cancel') return { kind: 'skip', reason: `msgType ${msgType ?? '(none)'} carries no event` };
  let externalId = identifier;
  let alias: string | undefined;
  if (msgType !== 'Alert') {
    const refs = parseReferences(xmlText(alert.references));
    if (refs.length === 0) return { kind: 'invalid', reason: `${msgType} without references` };
    externalId = refs[0]!.identifier;
    alias = identifier;
  }
  const info = pickInfo(alert);
  if (!info && msgType !== 'Cancel') return { kind: 'invalid', reason: 'alert has no info block' };
  const areas = info ? asArray(info.area as Node[]) : [];
  let point: { lon: number; lat: number } | null = null;
  let municipalityId: string | null = null;
  for (const area of areas) {
    point ??= pointOfArea(area);
    municipalityId ??= geocodeMunicipality(area, ctx);
  }
  const place = placeOf(municipalityId, point?.lon, point?.lat, ctx, ctx.municipalities);
  const capCategory = info ? (asArray(info.category as unknown[]).map((c) => xmlText(c)).find(Boolean) ?? null) : null;
  const event = info ? xmlText(info.event) : undefined;
  const severity = info ? (xmlText(info.severity) ?? '') : '';
  const urgency = info ? (xmlText(info.urgency) ?? '') : '';
  const text = [info ? xmlText(info.headline) : undefined, info ? xmlText(info.description) : undefined, event].find((t) => t && t.length > 0) ?? `CAP ${msgType}`;
  const categoryId =
    mapCategory(event, ctx) ?? mapCategory(capCategory, ctx) ?? (capCategory && CAP_CATEGORY[capCategory] && ctx.categories.has(CAP_CATEGORY[capCategory]!) ? CAP_CATEGORY[capCategory]! : null);
  return {
    kind: 'appeal',
    alias,
    partial: !info,
    appeal: {
      sourceId: ctx.sourceId,
      externalId,
      channel: 'camera',
      receivedAt: sent,
      sourceUpdatedAt: sent,
      text,
      categoryId,
      municipalityId: place.municipalityId,
      address: areas[0] ? (xmlText(areas[0].areaDesc) ?? null) : null,
      lon: place.lon,
      lat: place.lat,
      status: msgType === 'Cancel' ? 'closed' : 'new',
      resolvedAt: msgType === 'Cancel' ? sent : null,
      escalated: urgency === 'Immediate' && (severity === 'Extreme' || severity === 'Severe'),
      priority: SEVERITY_PRIORITY[severity] ?? 0,
      attachments: info ? capResources(info) : undefined,
    },
  };
}

interface FeedEntry {
  id: string;
  updated: number;
  href: string | null;
  inline: Node | null;
}

/** Entries of an Atom or RSS index of alerts; an alert may be linked or carried inline. */
export function feedEntries(doc: Node): FeedEntry[] | null {
  const feed = doc.feed as Node | undefined;
  if (feed) {
    return asArray(feed.entry as Node[]).map((e) => {
      const links = asArray(e.link as Node[]);
      const link = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate' || l['@rel'] === 'enclosure') ?? links[0];
      const content = e.content as Node | undefined;
      return {
        id: xmlText(e.id) ?? '',
        updated: toMs(xmlText(e.updated) ?? xmlText(e.published)) ?? 0,
        href: (link?.['@href'] as string | undefined)?.trim() ?? null,
        inline: content && typeof content === 'object' && content.alert ? (content.alert as Node) : null,
      };
    });
  }
  const channel = (doc.rss as Node | undefined)?.channel as Node | undefined;
  if (channel) {
    return asArray(channel.item as Node[]).map((i) => ({
      id: xmlText(i.guid) ?? xmlText(i.link) ?? '',
      updated: toMs(xmlText(i.pubDate)) ?? 0,
      href: xmlText(i.link)?.trim() ?? null,
      inline: null,
    }));
  }
  return null;
}

export async function fetchCapPage(endpoint: SourceEndpoint, cursor: string | null, signal: AbortSignal): Promise<Page> {
  const since = cursor ? Number(cursor) : 0;
  const get = async (url: string) => expectOk(await request(url, { timeoutMs: endpoint.timeoutMs, maxBytes: endpoint.maxBytes, headers: endpoint.headers, signal }), 'CAP');
  const indexUrl = joinUrl(endpoint.baseUrl, 'feed.atom', { since: since ? new Date(since).toISOString() : undefined });
  const index = await get(indexUrl);
  let doc: Node;
  try {
    doc = parseUntrustedXml(index.body, endpoint.maxBytes);
  } catch (error) {
    throw new SourceError(`CAP index: ${(error as Error).message}`, 'format', index.status);
  }
  const single = alertOf(doc);
  if (single) return { records: [{ value: single, text: index.body.toString('utf8') }], rejected: [], cursor, more: false };
  const entries = feedEntries(doc);
  if (!entries) throw new SourceError('CAP index: neither an alert nor an Atom/RSS feed', 'format', index.status);
  const fresh = entries.filter((e) => e.updated >= since).sort((a, b) => a.updated - b.updated).slice(0, endpoint.pageSize);
  const records: RawRecord[] = [];
  const rejected: Page['rejected'] = [];
  for (const entry of fresh) {
    if (entry.inline) {
      records.push({ value: entry.inline, text: JSON.stringify(entry.inline) });
      continue;
    }
    if (!entry.href) {
      rejected.push({ reason: `feed entry ${entry.id}: no link to an alert`, raw: JSON.stringify(entry) });
      continue;
    }
    try {
      const res = await get(new URL(entry.href, indexUrl).toString());
      const alert = alertOf(parseUntrustedXml(res.body, endpoint.maxBytes));
      if (!alert) rejected.push({ reason: `${entry.href}: not a CAP alert`, raw: res.body.toString('utf8').slice(0, 65536) });
      else records.push({ value: alert, text: res.body.toString('utf8') });
    } catch (error) {
      // A broken alert is quarantined with its reason; a failing source (5xx, timeout) fails the page.
      if (error instanceof XmlRefused || (error instanceof SourceError && (error.kind === 'oversize' || error.kind === 'truncated'))) {
        rejected.push({ reason: `${entry.href}: ${error.message}`, raw: entry.href });
      } else throw error;
    }
  }
  const last = fresh.at(-1);
  const more = fresh.length === endpoint.pageSize && entries.some((e) => e.updated > (last?.updated ?? 0));
  return { records, rejected, cursor: last ? String(last.updated + (more ? 0 : 1)) : cursor, more };
}

export const capConnector: Connector = { format: 'cap', fetchPage: (e, c, s) => fetchCapPage(e, c, s), normalize: normalizeCap };
