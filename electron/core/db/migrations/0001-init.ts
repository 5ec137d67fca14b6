import type { Migration } from '../migrate';

export const m0001: Migration = {
  version: 1,
  name: 'init',
  sql: /* sql */ `
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'unknown',
  last_sync_at INTEGER,
  last_success_at INTEGER,
  last_error TEXT,
  cursor TEXT
) STRICT;

CREATE TABLE sectors (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sort INTEGER NOT NULL
) STRICT;

CREATE TABLE categories (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sector_id TEXT NOT NULL REFERENCES sectors(id),
  deadline_hours INTEGER,
  acute INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE municipalities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  population INTEGER,
  lon REAL,
  lat REAL
) STRICT;

CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sector_id TEXT REFERENCES sectors(id)
) STRICT;

-- The hot table: no foreign keys here on purpose, ingest validates references itself and a
-- missing category must not reject an appeal (it is stored with NULL and shown as unclassified).
CREATE TABLE appeals (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  source_updated_at INTEGER NOT NULL,
  text TEXT NOT NULL,
  category_id TEXT,
  sector_id TEXT,
  municipality_id TEXT,
  address TEXT,
  lon REAL,
  lat REAL,
  h3 TEXT,
  status TEXT NOT NULL,
  agency_id TEXT,
  deadline_at INTEGER,
  first_response_at INTEGER,
  resolved_at INTEGER,
  escalated INTEGER NOT NULL DEFAULT 0,
  priority INTEGER NOT NULL DEFAULT 0,
  duplicate_of INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (source_id, external_id)
) STRICT;

CREATE INDEX appeals_received ON appeals (received_at);
CREATE INDEX appeals_status_deadline ON appeals (status, deadline_at);
CREATE INDEX appeals_municipality_received ON appeals (municipality_id, received_at);
CREATE INDEX appeals_sector_received ON appeals (sector_id, received_at);
CREATE INDEX appeals_source_received ON appeals (source_id, received_at);
CREATE INDEX appeals_escalated ON appeals (received_at) WHERE escalated = 1;

CREATE TABLE appeal_events (
  id INTEGER PRIMARY KEY,
  appeal_id INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT,
  data TEXT
) STRICT;
CREATE INDEX appeal_events_appeal ON appeal_events (appeal_id, at);

-- Personal data (152-ФЗ) lives apart from the appeal so that wall and briefing code never select it.
CREATE TABLE appeal_authors (
  appeal_id INTEGER PRIMARY KEY REFERENCES appeals(id) ON DELETE CASCADE,
  name TEXT,
  phone TEXT,
  email TEXT
) STRICT;

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  retried_at INTEGER
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
};
