import { expectOk, joinUrl, parseJsonBody, request, SourceError } from './http';
import type { Page, SourceEndpoint } from './types';

/**
 * The change feed shared by the project-defined formats (ПОС, Инцидент, 112, services; see
 * docs/formats): `GET <path>?updated_since=<ISO>&after=<id>&limit=<n>` answers
 * `{ items, next: { updated_since, after } | null, has_more }`. The cursor is `next`, stored with
 * the batch it follows, so a restart resumes exactly after the last committed page.
 */
export async function fetchFeedPage(endpoint: SourceEndpoint, path: string, cursor: string | null, signal: AbortSignal): Promise<Page> {
  const position = cursor ? (JSON.parse(cursor) as { updated_since?: string; after?: string }) : {};
  const url = joinUrl(endpoint.baseUrl, path, { updated_since: position.updated_since, after: position.after, limit: endpoint.pageSize });
  const res = expectOk(await request(url, { timeoutMs: endpoint.timeoutMs, maxBytes: endpoint.maxBytes, headers: endpoint.headers, signal }), path);
  const body = parseJsonBody(res, path) as { items?: unknown; next?: unknown; has_more?: unknown };
  if (!body || typeof body !== 'object' || !Array.isArray(body.items)) throw new SourceError(`${path}: answer has no items array`, 'format', res.status);
  const next = body.next as { updated_since?: unknown; after?: unknown } | null | undefined;
  const nextCursor =
    next && typeof next.updated_since === 'string' ? JSON.stringify({ updated_since: next.updated_since, after: typeof next.after === 'string' ? next.after : undefined }) : cursor;
  return {
    // The raw text of a record is re-serialized lazily by the engine only when it is quarantined.
    records: body.items.map((value) => ({ value, text: '' })),
    rejected: [],
    cursor: nextCursor,
    more: body.has_more === true,
  };
}

export async function postAction(endpoint: SourceEndpoint, path: string, body: unknown, idempotencyKey: string, signal: AbortSignal): Promise<void> {
  const res = await request(joinUrl(endpoint.baseUrl, path), {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { ...endpoint.headers, 'idempotency-key': idempotencyKey },
    timeoutMs: endpoint.timeoutMs,
    maxBytes: 1 << 20,
    signal,
  });
  // 409 means the source already holds this key: the action was applied earlier, so it counts as acknowledged.
  if (res.status === 409) return;
  expectOk(res, path);
}

/** ISO 8601 (or epoch ms) to epoch ms; undefined when absent or unreadable. */
export function toMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value);
  if (typeof value !== 'string' || value.length < 10) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
