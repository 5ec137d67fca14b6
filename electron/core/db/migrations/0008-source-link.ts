import type { Migration } from '../migrate';

/**
 * The appeal's own page at its source (an Инцидент post's link, an Open311 request's url), so the
 * operator can find the original and answer where the resident wrote. A nullable column: most
 * sources give none, and adding it rewrites no rows. Only the card reads it, and only for roles
 * that may see personal data (a social-network link can name its author); the wall and the
 * briefing select their own columns and never this one.
 */
export const m0008: Migration = {
  version: 8,
  name: 'source-link',
  sql: /* sql */ `
ALTER TABLE appeals ADD COLUMN source_url TEXT;
`,
};
