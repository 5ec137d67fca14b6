import type { Migration } from '../migrate';
import { changed, dayKey, dayUpsert, dayValues, deadlineHour, hourKey, hourUpsert, key, openKey, openUpsert } from './0005-rollups';

// Rollups and working-day deadlines of new appeals move from per-row triggers to one set-based pass
// per batch (electron/core/analytics/fold.ts): the insert triggers cost more than the insert itself
// (three upserts per row, and a deadline update that re-ran the update triggers). A row is "folded"
// once its id is at or below appeals_fold.folded_id; only then do the rollups hold its values, so
// the update and delete triggers below adjust rollups for folded rows only. A fresh row needs no
// adjustment: the fold reads whatever values it has when it runs.

export const FOLDED = 'old.id <= (SELECT folded_id FROM appeals_fold WHERE id = 1)';

export const dropEmptyOpen = `DELETE FROM roll_open WHERE n = 0 AND deadline_hour = ${deadlineHour('old')} AND sector_id = ${key('old', 'sector_id')}
    AND municipality_id = ${key('old', 'municipality_id')} AND source_id = old.source_id AND agency_id = ${key('old', 'agency_id')};`;

export const m0007: Migration = {
  version: 7,
  name: 'fold',
  sql: /* sql */ `
CREATE TABLE appeals_fold (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  folded_id INTEGER NOT NULL
) STRICT;
-- Every row already here went through the old triggers: it is folded.
INSERT INTO appeals_fold (id, folded_id) SELECT 1, coalesce(max(id), 0) FROM appeals;

DROP TRIGGER roll_appeals_insert;
DROP TRIGGER appeals_deadline_insert;
DROP TRIGGER roll_appeals_delete;
DROP TRIGGER roll_hour_update;
DROP TRIGGER roll_day_update;
DROP TRIGGER roll_open_update;

CREATE TRIGGER roll_appeals_delete AFTER DELETE ON appeals WHEN ${FOLDED} BEGIN
  ${hourUpsert('old', -1)}
  ${dayUpsert('old', -1)}
  ${openUpsert('old', -1)}
  ${dropEmptyOpen}
  -- Ids are not AUTOINCREMENT: once the highest row is gone SQLite hands its id out again, and that
  -- new row must count as fresh.
  UPDATE appeals_fold SET folded_id = (SELECT coalesce(max(id), 0) FROM appeals)
    WHERE id = 1 AND folded_id > (SELECT coalesce(max(id), 0) FROM appeals);
END;

CREATE TRIGGER roll_hour_update AFTER UPDATE OF received_at, municipality_id, sector_id ON appeals
WHEN ${FOLDED} AND (${changed(hourKey)}) BEGIN
  ${hourUpsert('old', -1)}
  ${hourUpsert('new', 1)}
END;

CREATE TRIGGER roll_day_update AFTER UPDATE OF received_at, source_id, sector_id, municipality_id, agency_id, status,
  reopened, duplicate_of, first_response_at, deadline_at, rating ON appeals
WHEN ${FOLDED} AND (${changed(dayKey)} OR ${changed(dayValues)}) BEGIN
  ${dayUpsert('old', -1)}
  ${dayUpsert('new', 1)}
END;

CREATE TRIGGER roll_open_update AFTER UPDATE OF status, deadline_at, sector_id, municipality_id, source_id, agency_id ON appeals
WHEN ${FOLDED} AND (${changed(openKey)}) BEGIN
  ${openUpsert('old', -1)}
  ${openUpsert('new', 1)}
  ${dropEmptyOpen}
END;
`,
};
