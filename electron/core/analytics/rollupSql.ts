import { OPEN_STATUSES } from '../../../shared/domain';
import { DAY_MS, HOUR_MS } from '../../../shared/time';

/**
 * Upper bounds (minutes) of the first-response histogram buckets h0..h10 of roll_day; h11 holds the
 * rest. Must equal the edges frozen in migration 0005 (the rollup-equality test would catch a drift).
 */
export const FR_EDGES_MIN = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080] as const;
export const FR_BUCKETS = FR_EDGES_MIN.length + 1;

export const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export const ROLLUP_TABLES = ['roll_hour', 'roll_day', 'roll_open', 'roll_cell', 'roll_brief'] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];

/** roll_cell keeps this many hours before its newest (migration 0009): the tension baseline reads four weeks. */
export const CELL_RETENTION_HOURS = 6 * 7 * 24;

export const BRIEF_VALUE_COLUMNS = ['n', 'open_n', 'resolved_n', 'responded_n', 'response_ms', 'overdue_n'] as const;

const HIST_COLUMNS = Array.from({ length: FR_BUCKETS }, (_, i) => `h${i}`);
export const DAY_VALUE_COLUMNS = [
  'n', 'open_n', 'resolved_n', 'rejected_n', 'reopened_n', 'repeat_n', 'responded_n', 'response_ms',
  'deadline_responded_n', 'ontime_n', 'rated_n', 'rating_sum', ...HIST_COLUMNS,
] as const;

/**
 * The statements that add the rows matching `where` to each rollup, by the same GROUP BY a rebuild
 * uses: a rebuild adds ranges of received time to empty tables, the fold (fold.ts) adds new rows.
 * `offset` is the day buckets' UTC offset, a literal or a bound parameter.
 */
export function rollupInsertSql(offset: string, where: string): Record<'hour' | 'day' | 'open' | 'cell' | 'brief', string> {
  const frCase = `CASE WHEN first_response_at IS NULL THEN -1 ${FR_EDGES_MIN.map(
    (edge, i) => `WHEN first_response_at - received_at < ${edge * 60_000} THEN ${i}`,
  ).join(' ')} ELSE ${FR_EDGES_MIN.length} END`;
  const merge = (columns: readonly string[]) => columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
  return {
    hour: `INSERT INTO roll_hour (hour, municipality_id, sector_id, n)
      SELECT received_at / ${HOUR_MS}, coalesce(municipality_id, ''), coalesce(sector_id, ''), count(*)
      FROM appeals WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    day: `INSERT INTO roll_day (day, source_id, sector_id, municipality_id, agency_id, ${DAY_VALUE_COLUMNS.join(', ')})
      SELECT (received_at + ${offset}) / ${DAY_MS}, source_id, coalesce(sector_id, ''), coalesce(municipality_id, ''), coalesce(agency_id, ''),
        count(*), sum(status IN ${OPEN_SQL}), sum(status IN ('answered', 'closed')), sum(status = 'rejected'),
        sum(reopened <> 0 OR status = 'reopened'), sum(duplicate_of IS NOT NULL), count(first_response_at),
        coalesce(sum(max(first_response_at - received_at, 0)), 0), sum(first_response_at IS NOT NULL AND deadline_at IS NOT NULL),
        sum(coalesce(first_response_at <= deadline_at, 0)), count(rating), coalesce(sum(rating), 0),
        ${HIST_COLUMNS.map((_, i) => `sum(b = ${i})`).join(', ')}
      FROM (SELECT *, ${frCase} AS b FROM appeals WHERE ${where})
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT DO UPDATE SET ${merge(DAY_VALUE_COLUMNS)}`,
    open: `INSERT INTO roll_open (deadline_hour, sector_id, municipality_id, source_id, agency_id, n)
      SELECT coalesce(deadline_at / ${HOUR_MS}, -1), coalesce(sector_id, ''), coalesce(municipality_id, ''), source_id, coalesce(agency_id, ''), count(*)
      FROM appeals WHERE status IN ${OPEN_SQL} AND (${where}) GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    cell: `INSERT INTO roll_cell (hour, h3, category_id, n)
      SELECT received_at / ${HOUR_MS}, h3, category_id, count(*) FROM appeals
      WHERE (${where}) AND h3 IS NOT NULL AND category_id IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    brief: `INSERT INTO roll_brief (day, municipality_id, category_id, sector_id, agency_id, ${BRIEF_VALUE_COLUMNS.join(', ')})
      SELECT (received_at + ${offset}) / ${DAY_MS}, coalesce(municipality_id, ''), coalesce(category_id, ''), coalesce(sector_id, ''),
        coalesce(agency_id, ''), count(*), sum(status IN ${OPEN_SQL}), sum(status = 'closed' OR resolved_at IS NOT NULL), count(first_response_at),
        coalesce(sum(max(first_response_at - received_at, 0)), 0),
        sum(coalesce(status NOT IN ${OPEN_SQL} AND deadline_at < coalesce(resolved_at, first_response_at), 0))
      FROM appeals WHERE ${where} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT DO UPDATE SET ${merge(BRIEF_VALUE_COLUMNS)}`,
  };
}

/**
 * The first hour roll_cell keeps: six weeks before its newest hour, or before the current hour if
 * that is earlier (one appeal dated in the future must not empty the table).
 */
export const CELL_CUTOFF_SQL = `SELECT min(hour, CAST(unixepoch() AS INTEGER) / 3600) - ${CELL_RETENTION_HOURS}
  FROM (SELECT hour FROM roll_cell WHERE n > 0 ORDER BY hour DESC LIMIT 1)`;

/** Drops roll_cell's hours older than its retention; cheap, a range of its primary key. */
export const CELL_PRUNE_SQL = `DELETE FROM roll_cell WHERE hour < (${CELL_CUTOFF_SQL})`;
