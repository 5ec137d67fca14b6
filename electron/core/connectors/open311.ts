import { DAY_MS } from '../../../shared/time';
import { safeAttachments, safeUrl } from './attachments';
import { mapCategory, mapStatus, placeOf } from './common';
import { toMs } from './feed';
import { expectOk, joinUrl, request, SourceError, type Response } from './http';
import type { Connector, Normalized, NormalizeContext, Page, SourceEndpoint } from './types';
import { asArray, parseUntrustedXml, xmlText } from './xml';

/** GeoReport v2 caps one query at 90 days and 1000 records; we walk windows within both. */
export const OPEN311_MAX_WINDOW_MS = 90 * DAY_MS;
export const OPEN311_MAX_PAGE_SIZE = 1000;
/** requested_datetime windows never show later status changes, so the recent past is read again. */
export const OPEN311_TRAILING_MS = 7 * DAY_MS;

/**
 * The specification's own JSON examples carry numbers with leading zeros (`"service_code":006`),
 * which JSON forbids. Such a token is an identifier, never arithmetic, so quoting it is safe.
 * Strings are skipped so that text like "code: 007" stays untouched.
 */
export function tolerantJson(text: string): unknown {
  let out = '';
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if ((ch === '0' || ch === '-') && /[:,[]\s*$/.test(text.slice(Math.max(0, i - 8), i))) {
      const m = /^-?0\d+(\.\d+)?/.exec(text.slice(i, i + 40));
      if (m) {
        out += `${text.slice(last, i)}"${m[0]}"`;
        i += m[0].length;
        last = i;
        continue;
      }
    }
    i++;
  }
  return JSON.parse(out + text.slice(last));
}

export interface Open311Service {
  serviceCode: string;
  serviceName: string;
  group: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

function parseBody(res: Response, format: 'json' | 'xml', maxBytes: number, listKey: 'request' | 'service'): unknown[] {
  if (format === 'xml') {
    const doc = parseUntrustedXml(res.body, maxBytes);
    const root = (doc.service_requests ?? doc.services) as Record<string, unknown> | undefined;
    if (!root) throw new SourceError('Open311 XML: no service_requests/services root', 'format', res.status);
    return asArray(root[listKey] as unknown[]).map((node) => {
      const flat: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) flat[k] = xmlText(v) ?? null;
      return flat;
    });
  }
  let body: unknown;
  try {
    body = tolerantJson(res.body.toString('utf8'));
  } catch (error) {
    throw new SourceError(`Open311 JSON: ${(error as Error).message}`, 'format', res.status);
  }
  if (!Array.isArray(body)) throw new SourceError('Open311 JSON: expected an array', 'format', res.status);
  return body;
}

export function parseOpen311Services(res: Response, format: 'json' | 'xml', maxBytes: number): Open311Service[] {
  return parseBody(res, format, maxBytes, 'service').flatMap((s) => {
    const o = s as Record<string, unknown>;
    const code = str(o.service_code);
    return code ? [{ serviceCode: code, serviceName: str(o.service_name) ?? code, group: str(o.group) }] : [];
  });
}

export function parseOpen311Requests(res: Response, format: 'json' | 'xml', maxBytes: number): unknown[] {
  return parseBody(res, format, maxBytes, 'request');
}

export function normalizeOpen311(value: unknown, ctx: NormalizeContext): Normalized {
  if (!value || typeof value !== 'object') return { kind: 'invalid', reason: 'request: not an object' };
  const r = value as Record<string, unknown>;
  const id = str(r.service_request_id);
  // A request without an id has been accepted but not yet created (the spec's `token` case): nothing to store yet.
  if (!id) return r.token ? { kind: 'skip', reason: 'request has only a token so far' } : { kind: 'invalid', reason: 'service_request_id: missing' };
  const requested = toMs(str(r.requested_datetime));
  if (requested === undefined) return { kind: 'invalid', reason: `requested_datetime: not a date: ${JSON.stringify(r.requested_datetime)}` };
  const statusWord = str(r.status);
  const status = statusWord ? mapStatus(statusWord) : null;
  if (!status) return { kind: 'invalid', reason: `status: unknown value ${JSON.stringify(r.status)}` };
  const lat = num(r.lat);
  const lon = num(r.long);
  if ((lat !== null || lon !== null) && !(lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
    return { kind: 'invalid', reason: `lat/long: not a position: ${JSON.stringify([r.lat, r.long])}` };
  }
  const updated = toMs(str(r.updated_datetime)) ?? requested;
  const place = placeOf(null, lon, lat, ctx);
  const serviceCode = str(r.service_code);
  return {
    kind: 'appeal',
    appeal: {
      sourceId: ctx.sourceId,
      externalId: id,
      channel: 'open311',
      receivedAt: requested,
      sourceUpdatedAt: updated,
      text: str(r.description) ?? str(r.service_name) ?? serviceCode ?? 'Open311',
      categoryId: mapCategory(serviceCode, ctx) ?? mapCategory(str(r.service_name), ctx),
      municipalityId: place.municipalityId,
      address: str(r.address),
      lon: place.lon,
      lat: place.lat,
      status,
      deadlineAt: toMs(str(r.expected_datetime)) ?? null,
      firstResponseAt: str(r.status_notes) ? updated : null,
      resolvedAt: status === 'closed' ? updated : null,
      // GeoReport v2 has one media_url per request; a request shown without it has no photo (any more).
      attachments: r.media_url === undefined ? undefined : safeAttachments(str(r.media_url) ? [{ url: str(r.media_url) }] : []).attachments,
      // Not in GeoReport v2, but some servers link the request's public page; media_url is a photo, not it.
      sourceUrl: safeUrl(str(r.url)) ?? safeUrl(str(r.request_url)),
    },
  };
}

interface Open311Cursor {
  from: number;
  page: number;
}

function formatOf(endpoint: SourceEndpoint): 'json' | 'xml' {
  return endpoint.variant ?? 'json';
}

export async function fetchOpen311Page(endpoint: SourceEndpoint, cursor: string | null, signal: AbortSignal, now: number): Promise<Page> {
  const position: Open311Cursor = cursor ? (JSON.parse(cursor) as Open311Cursor) : { from: endpoint.startAt ?? now - 30 * DAY_MS, page: 1 };
  const end = Math.min(position.from + OPEN311_MAX_WINDOW_MS, now);
  const pageSize = Math.min(endpoint.pageSize, OPEN311_MAX_PAGE_SIZE);
  const format = formatOf(endpoint);
  const headers = endpoint.headers;
  const url = joinUrl(endpoint.baseUrl, `requests.${format}`, {
    start_date: new Date(position.from).toISOString(),
    end_date: new Date(end).toISOString(),
    page: position.page,
    page_size: pageSize,
  });
  const res = expectOk(await request(url, { timeoutMs: endpoint.timeoutMs, maxBytes: endpoint.maxBytes, headers, signal }), 'Open311 requests');
  const items = parseOpen311Requests(res, format, endpoint.maxBytes);
  const fullPage = items.length >= pageSize;
  let next: Open311Cursor;
  let more: boolean;
  if (fullPage) {
    next = { from: position.from, page: position.page + 1 };
    more = true;
  } else if (end < now) {
    next = { from: end, page: 1 };
    more = true;
  } else {
    next = { from: Math.max(position.from, now - OPEN311_TRAILING_MS), page: 1 };
    more = false;
  }
  return { records: items.map((value) => ({ value, text: '' })), rejected: [], cursor: JSON.stringify(next), more };
}

export const open311Connector: Connector = {
  format: 'open311',
  fetchPage: fetchOpen311Page,
  normalize: normalizeOpen311,
  async writeBack(endpoint, d, signal) {
    // Not part of GeoReport v2: servers that accept status updates expose this common extension.
    const res = await request(joinUrl(endpoint.baseUrl, `requests/${encodeURIComponent(d.externalId)}/updates.json`), {
      method: 'POST',
      body: JSON.stringify({ action: d.action, ...(d.payload as object) }),
      headers: { ...endpoint.headers, 'idempotency-key': d.idempotencyKey },
      timeoutMs: endpoint.timeoutMs,
      maxBytes: 1 << 20,
      signal,
    });
    if (res.status !== 409) expectOk(res, 'Open311 update');
  },
};
