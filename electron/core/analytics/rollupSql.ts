import { OPEN_STATUSES } from '../../../shared/domain';
import { DAY_MS, HOUR_MS } from '../../../shared/time';

/**
 * Upper bounds (minutes) of the first-response histogram buckets h0..h10 of roll_day; h11 holds the
 * rest. Must equal the edges frozen in migration 0005 (the rollup-equality test would catch a drift).
 */
export const FR_EDGES_MIN = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080] as const;
export const FR_BUCKETS = FR_EDGES_MIN.length + 1;

export const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export const ROLLUP_TABLES = ['roll_hour', 'roll_day', 'roll_open'] as const;

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
export function rollupInsertSql(offset: string, where: string): Record<'hour' | 'day' | 'open', string> {
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
  };
}
