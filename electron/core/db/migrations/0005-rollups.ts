import type { Migration } from '../migrate';

// This file's SQL text is hashed once applied: the helpers below only build that text, so they are
// frozen with it (migration 0007 rebuilds its triggers from the same helpers). Analytics reads these tables; electron/core/analytics/rebuild.ts recomputes them
// from raw rows by an independent GROUP BY, and a test proves both ways agree.

const OPEN = `('new', 'assigned', 'in_progress', 'reopened')`;
/** Upper bounds (ms) of the first-response histogram buckets h0..h10; h11 is everything above. */
const FR_EDGES_MS = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080].map((min) => min * 60_000);

const DAY_VALUE_COLUMNS = [
  'n', 'open_n', 'resolved_n', 'rejected_n', 'reopened_n', 'repeat_n', 'responded_n', 'response_ms',
  'deadline_responded_n', 'ontime_n', 'rated_n', 'rating_sum',
  ...FR_EDGES_MS.map((_, i) => `h${i}`), `h${FR_EDGES_MS.length}`,
];

/** Each rolled-up value of one appeal row (`new` or `old`), in DAY_VALUE_COLUMNS order. */
export function dayValues(r: 'new' | 'old' | 'a'): string[] {
  const rt = `(${r}.first_response_at - ${r}.received_at)`;
  const buckets = [...FR_EDGES_MS, null].map((hi, i) => {
    const lo = i === 0 ? null : FR_EDGES_MS[i - 1]!;
    const conds = [`${r}.first_response_at IS NOT NULL`, lo === null ? null : `${rt} >= ${lo}`, hi === null ? null : `${rt} < ${hi}`];
    return `(${conds.filter(Boolean).join(' AND ')})`;
  });
  return [
    '1',
    `(${r}.status IN ${OPEN})`,
    `(${r}.status IN ('answered', 'closed'))`,
    `(${r}.status = 'rejected')`,
    `(${r}.reopened <> 0 OR ${r}.status = 'reopened')`,
    `(${r}.duplicate_of IS NOT NULL)`,
    `(${r}.first_response_at IS NOT NULL)`,
    `coalesce(max(${rt}, 0), 0)`,
    `(${r}.first_response_at IS NOT NULL AND ${r}.deadline_at IS NOT NULL)`,
    `(${r}.first_response_at IS NOT NULL AND ${r}.deadline_at IS NOT NULL AND ${r}.first_response_at <= ${r}.deadline_at)`,
    `(${r}.rating IS NOT NULL)`,
    `coalesce(${r}.rating, 0)`,
    ...buckets,
  ];
}

export const key = (r: string, column: string) => `coalesce(${r}.${column}, '')`;

/** Rollups of the appeals a cache already holds when this migration runs (day buckets in UTC until the core sets the zone). */
const BACKFILL = `
INSERT INTO roll_hour (hour, municipality_id, sector_id, n)
  SELECT a.received_at / 3600000, ${key('a', 'municipality_id')}, ${key('a', 'sector_id')}, count(*) FROM appeals a GROUP BY 1, 2, 3;
INSERT INTO roll_day (day, source_id, sector_id, municipality_id, agency_id, ${DAY_VALUE_COLUMNS.join(', ')})
  SELECT a.received_at / 86400000, a.source_id, ${key('a', 'sector_id')}, ${key('a', 'municipality_id')}, ${key('a', 'agency_id')},
    ${dayValues('a').map((v) => `sum(${v})`).join(', ')}
  FROM appeals a GROUP BY 1, 2, 3, 4, 5;
INSERT INTO roll_open (deadline_hour, sector_id, municipality_id, source_id, agency_id, n)
  SELECT coalesce(a.deadline_at / 3600000, -1), ${key('a', 'sector_id')}, ${key('a', 'municipality_id')}, a.source_id, ${key('a', 'agency_id')}, count(*)
  FROM appeals a WHERE a.status IN ${OPEN} GROUP BY 1, 2, 3, 4, 5;
`;

export function hourUpsert(r: 'new' | 'old', sign: 1 | -1): string {
  return `INSERT INTO roll_hour (hour, municipality_id, sector_id, n)
    VALUES (${r}.received_at / 3600000, ${key(r, 'municipality_id')}, ${key(r, 'sector_id')}, ${sign})
    ON CONFLICT DO UPDATE SET n = n + excluded.n;`;
}

export function dayUpsert(r: 'new' | 'old', sign: 1 | -1): string {
  const values = dayValues(r).map((v) => (sign === 1 ? v : `-${v}`));
  return `INSERT INTO roll_day (day, source_id, sector_id, municipality_id, agency_id, ${DAY_VALUE_COLUMNS.join(', ')})
    SELECT (${r}.received_at + z.offset_ms) / 86400000, ${r}.source_id, ${key(r, 'sector_id')}, ${key(r, 'municipality_id')},
      ${key(r, 'agency_id')}, ${values.join(', ')}
    FROM analytics_zone z WHERE z.id = 1
    ON CONFLICT DO UPDATE SET ${DAY_VALUE_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
}

export const deadlineHour = (r: string) => `coalesce(${r}.deadline_at / 3600000, -1)`;

export function openUpsert(r: 'new' | 'old', sign: 1 | -1): string {
  return `INSERT INTO roll_open (deadline_hour, sector_id, municipality_id, source_id, agency_id, n)
    SELECT ${deadlineHour(r)}, ${key(r, 'sector_id')}, ${key(r, 'municipality_id')}, ${r}.source_id, ${key(r, 'agency_id')}, ${sign}
    WHERE ${r}.status IN ${OPEN}
    ON CONFLICT DO UPDATE SET n = n + excluded.n;`;
}

export const changed = (exprs: (r: 'new' | 'old') => string[]) => {
  const o = exprs('old');
  const n = exprs('new');
  return o.map((e, i) => `(${e}) IS NOT (${n[i]})`).join(' OR ');
};

export const dayKey = (r: 'new' | 'old') => [`${r}.received_at`, `${r}.source_id`, `${r}.sector_id`, `${r}.municipality_id`, `${r}.agency_id`];
export const openKey = (r: 'new' | 'old') => [
  `${r}.status IN ${OPEN}`, deadlineHour(r), `${r}.sector_id`, `${r}.municipality_id`, `${r}.source_id`, `${r}.agency_id`,
];
export const hourKey = (r: 'new' | 'old') => [`${r}.received_at / 3600000`, `${r}.municipality_id`, `${r}.sector_id`];

export const m0005: Migration = {
  version: 5,
  name: 'rollups',
  sql: /* sql */ `
-- Residents' rating of the answer (1..5) and whether the appeal was ever reopened: KPIs need both,
-- and a status alone forgets a reopening once the appeal is closed again.
ALTER TABLE appeals ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE appeals ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;

-- The region's UTC offset that day buckets use. Russia has kept fixed offsets since 2014, so one
-- number per region makes "today" exact; the core rebuilds roll_day if the region's zone changes.
CREATE TABLE analytics_zone (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  time_zone TEXT NOT NULL,
  offset_ms INTEGER NOT NULL
) STRICT;
-- No zone yet (''): the core sets the region's and re-buckets the days on its first start.
INSERT INTO analytics_zone (id, time_zone, offset_ms) VALUES (1, '', 0);

-- Appeals received per UTC hour × municipality × sector: counters, map colours, series, tension.
CREATE TABLE roll_hour (
  hour INTEGER NOT NULL,
  municipality_id TEXT NOT NULL,
  sector_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (hour, municipality_id, sector_id)
) WITHOUT ROWID, STRICT;

-- Appeals received per local day × source × sector × municipality × responsible body, with their
-- current state: the KPI board. h0..h11 is a histogram of first-response times (for median, p90).
CREATE TABLE roll_day (
  day INTEGER NOT NULL,
  source_id TEXT NOT NULL,
  sector_id TEXT NOT NULL,
  municipality_id TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  ${DAY_VALUE_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')},
  PRIMARY KEY (day, source_id, sector_id, municipality_id, agency_id)
) WITHOUT ROWID, STRICT;

-- Appeals open right now, by the hour of their deadline (-1: none): "in work" and "overdue now"
-- without scanning; only the current, partial hour is read from appeals (by its index).
CREATE TABLE roll_open (
  deadline_hour INTEGER NOT NULL,
  sector_id TEXT NOT NULL,
  municipality_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (deadline_hour, sector_id, municipality_id, source_id, agency_id)
) WITHOUT ROWID, STRICT;

${BACKFILL}
-- Triggers keep the rollups in the same transaction as every write to appeals, whoever writes.
CREATE TRIGGER roll_appeals_insert AFTER INSERT ON appeals BEGIN
  ${hourUpsert('new', 1)}
  ${dayUpsert('new', 1)}
  ${openUpsert('new', 1)}
END;

CREATE TRIGGER roll_appeals_delete AFTER DELETE ON appeals BEGIN
  ${hourUpsert('old', -1)}
  ${dayUpsert('old', -1)}
  ${openUpsert('old', -1)}
  DELETE FROM roll_open WHERE n = 0 AND deadline_hour = ${deadlineHour('old')} AND sector_id = ${key('old', 'sector_id')}
    AND municipality_id = ${key('old', 'municipality_id')} AND source_id = old.source_id AND agency_id = ${key('old', 'agency_id')};
END;

CREATE TRIGGER roll_hour_update AFTER UPDATE OF received_at, municipality_id, sector_id ON appeals
WHEN ${changed(hourKey)} BEGIN
  ${hourUpsert('old', -1)}
  ${hourUpsert('new', 1)}
END;

CREATE TRIGGER roll_day_update AFTER UPDATE OF received_at, source_id, sector_id, municipality_id, agency_id, status,
  reopened, duplicate_of, first_response_at, deadline_at, rating ON appeals
WHEN ${changed(dayKey)} OR ${changed(dayValues)} BEGIN
  ${dayUpsert('old', -1)}
  ${dayUpsert('new', 1)}
END;

CREATE TRIGGER roll_open_update AFTER UPDATE OF status, deadline_at, sector_id, municipality_id, source_id, agency_id ON appeals
WHEN ${changed(openKey)} BEGIN
  ${openUpsert('old', -1)}
  ${openUpsert('new', 1)}
  DELETE FROM roll_open WHERE n = 0 AND deadline_hour = ${deadlineHour('old')} AND sector_id = ${key('old', 'sector_id')}
    AND municipality_id = ${key('old', 'municipality_id')} AND source_id = old.source_id AND agency_id = ${key('old', 'agency_id')};
END;

-- A reopening is remembered after the appeal is closed again. Rollups count "reopened OR status is
-- reopened", so an appeal that arrives already reopened needs the flag only when its status moves
-- on: no trigger on insert (every trigger on the hot insert path costs ingest rate).
CREATE TRIGGER appeals_mark_reopened AFTER UPDATE OF status ON appeals
WHEN (new.status = 'reopened' OR old.status = 'reopened') AND new.reopened = 0 BEGIN
  UPDATE appeals SET reopened = 1 WHERE id = new.id;
END;
`,
};
