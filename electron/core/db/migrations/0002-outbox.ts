import type { Migration } from '../migrate';

/** Write-back to the sources: a durable outbox, delivered at least once and deduplicated by key. */
export const m0002: Migration = {
  version: 2,
  name: 'outbox',
  sql: /* sql */ `
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  appeal_id INTEGER REFERENCES appeals(id) ON DELETE SET NULL,
  action TEXT NOT NULL,
  payload TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  delivered_at INTEGER
) STRICT;
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
`,
};
