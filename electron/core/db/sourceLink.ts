import { prepared } from './appeals';
import type { Db } from './open';

/**
 * The appeal's page at its source, or null. Read apart from the appeal's columns on purpose:
 * APPEAL_COLUMNS also feeds the queue and the wall, and a social-network link can name its author.
 */
export function getAppealSourceUrl(db: Db, id: number): string | null {
  const url = prepared(db, 'SELECT source_url FROM appeals WHERE id = ?').pluck().get(id) as string | null | undefined;
  return url ?? null;
}
