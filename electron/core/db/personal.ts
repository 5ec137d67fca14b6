/**
 * The only module that reads residents' personal data (152-ФЗ). Wall and briefing code must never
 * import it; the lint configuration enforces that.
 */
import type { AppealAuthor } from '../../../shared/domain';
import type { Db } from './open';

export function getAppealAuthor(db: Db, appealId: number): AppealAuthor | null {
  const row = db.prepare('SELECT name, phone, email FROM appeal_authors WHERE appeal_id = ?').get(appealId) as
    | AppealAuthor
    | undefined;
  return row ?? null;
}
