import type { Migration } from '../migrate';
import { dayUpsert, hourUpsert, key, openUpsert } from './0005-rollups';
import { dropEmptyOpen, FOLDED } from './0007-fold';

// Three more read paths stop scanning raw appeals on a region-scale cache (30 million rows):
// - roll_cell: appeals per UTC hour × H3 cell × category, for the tension pass's cell baseline.
//   Nearly one row per appeal (cells are small), so it keeps only the last six weeks: the baseline
//   reads four. The fold prunes older hours (electron/core/analytics/fold.ts).
// - roll_brief: per local day × municipality × category × sector × body, the sums the briefing
//   ranks by. Whether an open appeal is overdue depends on "now", so only settled appeals count
//   here as overdue; the briefing reads the open ones' deadlines from their own index.
// - roll_open_sector: appeals in work per sector, kept by triggers on roll_open, so "in work" is a
//   dozen rows instead of a sum over every open deadline hour.
// And a partial index of open appeals in deadline order: the queue's "overdue", "due soon" and
// "new" views walk it instead of the whole table's deadline index, where open appeals sit at the
// far end behind years of closed ones.
// This text is hashed once applied: the fold and the rebuild build their own SQL
// (electron/core/analytics/rollupSql.ts), and the rollup-equality test keeps them in step.

const OPEN = `('new', 'assigned', 'in_progress', 'reopened')`;
const CELL_RETENTION_HOURS = 6 * 7 * 24;

const BRIEF_COLUMNS = ['n', 'open_n', 'resolved_n', 'responded_n', 'response_ms', 'overdue_n'];

function briefValues(r: 'new' | 'old' | 'a', sign: 1 | -1): string[] {
  const values = [
    '1',
    `(${r}.status IN ${OPEN})`,
    `(${r}.status = 'closed' OR ${r}.resolved_at IS NOT NULL)`,
    `(${r}.first_response_at IS NOT NULL)`,
    `coalesce(max(${r}.first_response_at - ${r}.received_at, 0), 0)`,
    `coalesce(${r}.status NOT IN ${OPEN} AND ${r}.deadline_at < coalesce(${r}.resolved_at, ${r}.first_response_at), 0)`,
  ];
  return sign === 1 ? values : values.map((v) => `-${v}`);
}

function briefUpsert(r: 'new' | 'old', sign: 1 | -1): string {
  return `INSERT INTO roll_brief (day, municipality_id, category_id, sector_id, agency_id, ${BRIEF_COLUMNS.join(', ')})
    SELECT (${r}.received_at + z.offset_ms) / 86400000, ${key(r, 'municipality_id')}, ${key(r, 'category_id')}, ${key(r, 'sector_id')},
      ${key(r, 'agency_id')}, ${briefValues(r, sign).join(', ')}
    FROM analytics_zone z WHERE z.id = 1
    ON CONFLICT DO UPDATE SET ${BRIEF_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
}

function cellUpsert(r: 'new' | 'old', sign: 1 | -1): string {
  return `INSERT INTO roll_cell (hour, h3, category_id, n)
    SELECT ${r}.received_at / 3600000, ${r}.h3, ${r}.category_id, ${sign} WHERE ${r}.h3 IS NOT NULL AND ${r}.category_id IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + excluded.n;`;
}

const changedAny = (columns: string[]) => columns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');


export const m0009: Migration = {
  version: 9,
  name: 'rollups-cell-brief',
  sql: /* sql */ `
CREATE TABLE roll_cell (
  hour INTEGER NOT NULL,
  h3 TEXT NOT NULL,
  category_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (hour, h3, category_id)
) WITHOUT ROWID, STRICT;

INSERT INTO roll_cell (hour, h3, category_id, n)
  SELECT received_at / 3600000, h3, category_id, count(*) FROM appeals
  WHERE received_at >= 3600000 * (
      SELECT min(received_at / 3600000, CAST(unixepoch() AS INTEGER) / 3600) - ${CELL_RETENTION_HOURS}
      FROM (SELECT received_at FROM appeals WHERE h3 IS NOT NULL AND category_id IS NOT NULL ORDER BY received_at DESC LIMIT 1))
    AND h3 IS NOT NULL AND category_id IS NOT NULL
  GROUP BY 1, 2, 3;

CREATE TABLE roll_brief (
  day INTEGER NOT NULL,
  municipality_id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  sector_id TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  open_n INTEGER NOT NULL,
  resolved_n INTEGER NOT NULL,
  responded_n INTEGER NOT NULL,
  response_ms INTEGER NOT NULL,
  overdue_n INTEGER NOT NULL,
  PRIMARY KEY (day, municipality_id, category_id, sector_id, agency_id)
) WITHOUT ROWID, STRICT;

INSERT INTO roll_brief (day, municipality_id, category_id, sector_id, agency_id, ${BRIEF_COLUMNS.join(', ')})
  SELECT (a.received_at + (SELECT offset_ms FROM analytics_zone WHERE id = 1)) / 86400000, ${key('a', 'municipality_id')}, ${key('a', 'category_id')},
    ${key('a', 'sector_id')}, ${key('a', 'agency_id')}, ${briefValues('a', 1).map((v) => `sum(${v})`).join(', ')}
  FROM appeals a GROUP BY 1, 2, 3, 4, 5;

CREATE TABLE roll_open_sector (
  sector_id TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID, STRICT;
INSERT INTO roll_open_sector (sector_id, n) SELECT sector_id, sum(n) FROM roll_open GROUP BY 1;

CREATE TRIGGER roll_open_sector_insert AFTER INSERT ON roll_open BEGIN
  INSERT INTO roll_open_sector (sector_id, n) VALUES (new.sector_id, new.n) ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER roll_open_sector_update AFTER UPDATE OF sector_id, n ON roll_open BEGIN
  UPDATE roll_open_sector SET n = n - old.n WHERE sector_id = old.sector_id;
  INSERT INTO roll_open_sector (sector_id, n) VALUES (new.sector_id, new.n) ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER roll_open_sector_delete AFTER DELETE ON roll_open BEGIN
  UPDATE roll_open_sector SET n = n - old.n WHERE sector_id = old.sector_id;
END;

-- One delete trigger for every rollup, so that the watermark is lowered only after all of them
-- have subtracted the row (separate triggers would fire in an order SQLite does not promise).
DROP TRIGGER roll_appeals_delete;
CREATE TRIGGER roll_appeals_delete AFTER DELETE ON appeals WHEN ${FOLDED} BEGIN
  ${hourUpsert('old', -1)}
  ${dayUpsert('old', -1)}
  ${openUpsert('old', -1)}
  ${dropEmptyOpen}
  ${cellUpsert('old', -1)}
  ${briefUpsert('old', -1)}
  UPDATE appeals_fold SET folded_id = (SELECT coalesce(max(id), 0) FROM appeals)
    WHERE id = 1 AND folded_id > (SELECT coalesce(max(id), 0) FROM appeals);
END;

CREATE TRIGGER roll_cell_update AFTER UPDATE OF received_at, h3, category_id ON appeals
WHEN ${FOLDED} AND (${changedAny(['received_at', 'h3', 'category_id'])}) BEGIN
  ${cellUpsert('old', -1)}
  ${cellUpsert('new', 1)}
END;

CREATE TRIGGER roll_brief_update AFTER UPDATE OF received_at, municipality_id, category_id, sector_id, agency_id, status,
  first_response_at, resolved_at, deadline_at ON appeals
WHEN ${FOLDED} AND (${changedAny(['received_at', 'municipality_id', 'category_id', 'sector_id', 'agency_id', 'status', 'first_response_at', 'resolved_at', 'deadline_at'])}) BEGIN
  ${briefUpsert('old', -1)}
  ${briefUpsert('new', 1)}
END;

CREATE INDEX appeals_open_deadline ON appeals ((deadline_at IS NULL), deadline_at, id) WHERE status IN ${OPEN};
`,
};
