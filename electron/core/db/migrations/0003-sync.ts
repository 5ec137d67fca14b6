import type { Migration } from '../migrate';

/**
 * Sync engine: indicators of МФЦ/Госуслуги (a time series, not appeals), aliases that chain CAP
 * Update/Cancel messages to the alert they amend, and an index for the quarantine list.
 */
export const m0003: Migration = {
  version: 3,
  name: 'sync',
  sql: /* sql */ `
CREATE TABLE service_indicators (
  source_id TEXT NOT NULL,
  office_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  office_name TEXT NOT NULL,
  municipality_id TEXT,
  queue_length INTEGER NOT NULL,
  wait_minutes REAL NOT NULL,
  overdue_services INTEGER NOT NULL,
  PRIMARY KEY (source_id, office_id, at)
) STRICT;
CREATE INDEX service_indicators_at ON service_indicators (at);

-- A later message of a source that amends an earlier one under its own id (CAP references).
CREATE TABLE sync_aliases (
  source_id TEXT NOT NULL,
  alias TEXT NOT NULL,
  external_id TEXT NOT NULL,
  PRIMARY KEY (source_id, alias)
) STRICT;

CREATE INDEX quarantine_open ON quarantine (source_id, at) WHERE retried_at IS NULL;
`,
};
