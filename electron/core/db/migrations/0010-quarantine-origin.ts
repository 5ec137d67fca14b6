import type { Migration } from '../migrate';

/**
 * Which reader quarantined a record: NULL for the source's own connector (an API page), 'file' for
 * a file import read through the source's saved column mapping. A hotline both serves an API and
 * sends CSV exports, so the source alone cannot say how a quarantined record is read again on retry.
 */
export const m0010: Migration = {
  version: 10,
  name: 'quarantine-origin',
  sql: /* sql */ `
ALTER TABLE quarantine ADD COLUMN origin TEXT CHECK (origin IN ('file'));
`,
};
