import type { Migration } from '../migrate';

/**
 * The operator workstation: full-text search, users and sessions, the audit log, routing and
 * deadline rules with the working-day calendar, saved filters, and the indexes the queue filters need.
 */
export const m0004: Migration = {
  version: 4,
  name: 'operator',
  sql: /* sql */ `
-- Trigram tokens give substring search in any language, Russian included; word forms are handled
-- at query time by searching the stem (see electron/core/operator/fts.ts). External content keeps
-- one copy of the text. The index holds ё as е (residents write both, and remove_diacritics does not
-- fold Cyrillic), so every statement indexes and deletes the same folded values.
CREATE VIRTUAL TABLE appeals_fts USING fts5(
  text, address, content='appeals', content_rowid='id', tokenize='trigram remove_diacritics 1'
);
-- New rows are indexed in batches (operator/ftsIndex.ts, before every search and once a second):
-- FTS5 flushes its buffer at every statement savepoint, so indexing row by row inside the ingest
-- upsert costs several times the whole insert. Deletes and text changes of indexed rows stay
-- synchronous, because the old text is needed to remove its tokens.
CREATE TABLE appeals_fts_pending (id INTEGER PRIMARY KEY) STRICT;
CREATE TRIGGER appeals_fts_insert AFTER INSERT ON appeals BEGIN
  INSERT INTO appeals_fts_pending (id) VALUES (new.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER appeals_fts_delete AFTER DELETE ON appeals BEGIN
  INSERT INTO appeals_fts (appeals_fts, rowid, text, address)
    SELECT 'delete', old.id, replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'), replace(replace(old.address, 'ё', 'е'), 'Ё', 'Е')
    WHERE NOT EXISTS (SELECT 1 FROM appeals_fts_pending WHERE id = old.id);
  DELETE FROM appeals_fts_pending WHERE id = old.id;
END;
CREATE TRIGGER appeals_fts_update AFTER UPDATE OF text, address ON appeals
  WHEN old.text IS NOT new.text OR old.address IS NOT new.address BEGIN
  INSERT INTO appeals_fts (appeals_fts, rowid, text, address)
    SELECT 'delete', old.id, replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'), replace(replace(old.address, 'ё', 'е'), 'Ё', 'Е')
    WHERE NOT EXISTS (SELECT 1 FROM appeals_fts_pending WHERE id = old.id);
  INSERT INTO appeals_fts_pending (id) VALUES (new.id) ON CONFLICT DO NOTHING;
END;
INSERT INTO appeals_fts_pending (id) SELECT id FROM appeals;

CREATE TABLE users (
  login TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'viewer')),
  sector_ids TEXT NOT NULL DEFAULT '[]',
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;

-- Only a hash of the session token is stored: a copy of the database does not sign anyone in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  appeal_id INTEGER,
  before TEXT,
  after TEXT
) STRICT;
CREATE INDEX audit_log_appeal ON audit_log (appeal_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE routing_rules (
  id INTEGER PRIMARY KEY,
  category_id TEXT,
  municipality_id TEXT,
  agency_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT,
  UNIQUE (category_id, municipality_id)
) STRICT;

CREATE TABLE deadline_rules (
  category_id TEXT PRIMARY KEY,
  unit TEXT NOT NULL CHECK (unit IN ('hours', 'workdays')),
  amount INTEGER NOT NULL CHECK (amount > 0)
) STRICT;

-- One row per calendar day of the region (its local midnight as epoch ms). seq counts working days
-- up to and including the day, so "N working days after" is one indexed lookup, in SQL or in code.
CREATE TABLE work_calendar (
  day_start INTEGER PRIMARY KEY,
  workday INTEGER NOT NULL,
  seq INTEGER NOT NULL
) STRICT;
CREATE INDEX work_calendar_seq ON work_calendar (seq) WHERE workday = 1;

-- A deadline in working days is computed here, not by each writer, so that appeals inserted by any
-- connection (sync workers included) get it; the operator core uses the same table in code.
CREATE TRIGGER appeals_deadline_insert AFTER INSERT ON appeals
  WHEN new.category_id IN (SELECT category_id FROM deadline_rules WHERE unit = 'workdays') BEGIN
  UPDATE appeals SET deadline_at = coalesce((
    SELECT min(c.day_start) FROM work_calendar c WHERE c.day_start > (
      SELECT t.day_start FROM work_calendar t WHERE t.workday = 1 AND t.seq = (
        SELECT r.seq FROM work_calendar r WHERE r.day_start <= new.received_at ORDER BY r.day_start DESC LIMIT 1
      ) + (SELECT amount FROM deadline_rules WHERE category_id = new.category_id)
    )
  ), new.deadline_at) WHERE id = new.id;
END;
-- Beyond the calendar's years the hours-based deadline of the writer stays (coalesce). Not "OF
-- deadline_at": the insert trigger's own update must not run this one a second time; the ingest
-- upsert and the operator's recategorization both set category_id, so they get here.
CREATE TRIGGER appeals_deadline_update AFTER UPDATE OF category_id, received_at ON appeals
  WHEN new.category_id IN (SELECT category_id FROM deadline_rules WHERE unit = 'workdays') BEGIN
  UPDATE appeals SET deadline_at = coalesce((
    SELECT min(c.day_start) FROM work_calendar c WHERE c.day_start > (
      SELECT t.day_start FROM work_calendar t WHERE t.workday = 1 AND t.seq = (
        SELECT r.seq FROM work_calendar r WHERE r.day_start <= new.received_at ORDER BY r.day_start DESC LIMIT 1
      ) + (SELECT amount FROM deadline_rules WHERE category_id = new.category_id)
    )
  ), new.deadline_at) WHERE id = new.id;
END;

CREATE TABLE saved_filters (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (owner, name)
) STRICT;

CREATE INDEX appeals_category_received ON appeals (category_id, received_at);
CREATE INDEX appeals_agency_received ON appeals (agency_id, received_at);
CREATE INDEX appeals_status_received ON appeals (status, received_at);
-- The queue's deadline order puts appeals without a deadline last; the index holds that expression.
CREATE INDEX appeals_deadline_order ON appeals ((deadline_at IS NULL), deadline_at);
-- An operator's counters (own sectors × status × deadline) without touching the table.
CREATE INDEX appeals_sector_status_deadline ON appeals (sector_id, status, deadline_at);
CREATE INDEX appeals_priority_received ON appeals (priority, received_at);
CREATE INDEX appeals_duplicate_of ON appeals (duplicate_of) WHERE duplicate_of IS NOT NULL;
`,
};
