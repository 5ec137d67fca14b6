import type { Migration } from '../migrate';

/**
 * Files a source lists with an appeal (ПОС photos, Open311 media_url, …): only the name, the link
 * and what the source says of size and type. The files themselves stay at the source; the
 * windows may not fetch anything outside the app, so the card shows the link, never the file.
 */
export const m0006: Migration = {
  version: 6,
  name: 'attachments',
  sql: /* sql */ `
-- position keeps the source's order; a new list from the source replaces the old one whole.
CREATE TABLE appeal_attachments (
  appeal_id INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  size INTEGER,
  mime TEXT,
  PRIMARY KEY (appeal_id, position)
) WITHOUT ROWID, STRICT;
`,
};
