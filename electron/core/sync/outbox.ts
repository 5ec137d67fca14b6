import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';

export type OutboxAction = 'status' | 'answer';

export interface OutboxItem {
  sourceId: string;
  appealId: number;
  action: OutboxAction;
  payload: unknown;
  /** Sent to the source with every attempt so that a retried delivery is applied once. */
  idempotencyKey?: string;
}

/**
 * Queues an operator action for delivery to its source. Call it inside the same transaction as the
 * local change, so that the change and its write-back are committed (or lost) together.
 */
export function enqueueOutbox(db: Db, item: OutboxItem, now = Date.now()): string {
  const key = item.idempotencyKey ?? randomUUID();
  db.prepare(
    `INSERT INTO outbox (source_id, appeal_id, action, payload, idempotency_key, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
  ).run(item.sourceId, item.appealId, item.action, JSON.stringify(item.payload), key, now, now);
  return key;
}
