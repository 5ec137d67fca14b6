import { CONNECTORS } from '../connectors';
import type { SourceEndpoint } from '../connectors/types';
import type { Db } from '../db/open';
import { backoffMs } from './backoff';

interface DueRow {
  id: number;
  sourceId: string;
  action: 'status' | 'answer';
  payload: string;
  idempotencyKey: string;
  attempts: number;
  externalId: string | null;
  appealId: number | null;
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  const s = {
    due: db.prepare(
      `SELECT o.id, o.source_id AS sourceId, o.action, o.payload, o.idempotency_key AS idempotencyKey, o.attempts, a.external_id AS externalId, o.appeal_id AS appealId
       FROM outbox o LEFT JOIN appeals a ON a.id = o.appeal_id
       WHERE o.delivered_at IS NULL AND o.next_attempt_at <= ? ORDER BY o.id LIMIT 100`,
    ),
    delivered: db.prepare('UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND delivered_at IS NULL'),
    // The card's timeline shows that the source got the action; only the first delivery counts.
    deliveredEvent: db.prepare("INSERT INTO appeal_events (appeal_id, at, kind, actor, data) VALUES (?, ?, 'writeback-delivered', ?, ?)"),
    failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?'),
  };
  /** The delivery and its timeline entry commit together: a crash between them cannot leave one without the other. */
  const markDelivered = db.transaction((row: DueRow, now: number) => {
    const { changes } = s.delivered.run(now, row.id);
    if (changes === 0 || row.appealId === null) return;
    const payload = JSON.parse(row.payload) as { status?: unknown };
    const data = row.action === 'status' && typeof payload.status === 'string' ? { action: row.action, status: payload.status } : { action: row.action };
    s.deliveredEvent.run(row.appealId, now, row.sourceId, JSON.stringify(data));
  });
  return { ...s, markDelivered };
}

/**
 * Delivers every due outbox item once. The idempotency key travels with each attempt, so a
 * delivery whose acknowledgement was lost (or a restart between sending and recording) is retried
 * and the source applies it once. Items wait, durable, while their source is unreachable.
 */
export async function deliverDueOutbox(
  db: Db,
  sources: Map<string, SourceEndpoint>,
  signal: AbortSignal,
  options: { now: () => number; random: () => number; baseBackoffMs: number; maxBackoffMs: number },
): Promise<number> {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepare(db)));
  const rows = s.due.all(options.now()) as DueRow[];
  let delivered = 0;
  for (const row of rows) {
    if (signal.aborted) break;
    const source = sources.get(row.sourceId);
    const connector = source ? CONNECTORS[source.format] : undefined;
    const later = (message: string, retryAfter: number | null = null) =>
      s.failed.run(options.now() + backoffMs(row.attempts + 1, options.baseBackoffMs, options.maxBackoffMs, options.random, retryAfter), message, row.id);
    if (!source || !connector?.writeBack || !source.writeBack) {
      later(`source ${row.sourceId} does not accept write-back here`);
      continue;
    }
    if (!row.externalId) {
      later('the appeal is no longer in the cache');
      continue;
    }
    try {
      await connector.writeBack(source, { externalId: row.externalId, action: row.action, payload: JSON.parse(row.payload), idempotencyKey: row.idempotencyKey }, signal);
      s.markDelivered(row, options.now());
      delivered++;
    } catch (error) {
      if (signal.aborted) break;
      later((error as Error).message, (error as { retryAfterMs?: number | null }).retryAfterMs ?? null);
    }
  }
  return delivered;
}
