import type { Appeal } from '../../../shared/domain';
import { DAY_MS } from '../../../shared/time';
import { APPEAL_COLUMNS, type AppealRow, toAppeal } from '../db/appeals';
import type { Db } from '../db/open';

const RADIUS_M = 300;
const WINDOW_MS = 3 * DAY_MS;

/**
 * Possible duplicates: the same category within a few hundred metres and a few days. Only a
 * suggestion; linking is the operator's decision.
 */
export function findDuplicates(db: Db, appeal: Appeal, limit = 20): Appeal[] {
  if (appeal.categoryId === null || appeal.lat === null || appeal.lon === null) return [];
  const dLat = RADIUS_M / 111_320;
  const dLon = RADIUS_M / (111_320 * Math.cos((appeal.lat * Math.PI) / 180));
  const rows = db
    .prepare(
      `SELECT ${APPEAL_COLUMNS} FROM appeals
       WHERE category_id = ? AND received_at BETWEEN ? AND ? AND id != ?
         AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?
       ORDER BY abs(received_at - ?) LIMIT ?`,
    )
    .all(
      appeal.categoryId,
      appeal.receivedAt - WINDOW_MS,
      appeal.receivedAt + WINDOW_MS,
      appeal.id,
      appeal.lat - dLat,
      appeal.lat + dLat,
      appeal.lon - dLon,
      appeal.lon + dLon,
      appeal.receivedAt,
      limit,
    ) as AppealRow[];
  return rows.map(toAppeal);
}
