/**
 * The one bridge between personal data and anything that leaves the operator's cache: reads what
 * the cache knows about an appeal's author (and its address) only to scrub it from the text.
 */
import { getAppealAuthor } from '../db/personal';
import type { Db } from '../db/open';
import { anonymizeText } from './anonymize';

/** An appeal's text safe to show outside the operator's role: no names, phones, e-mails or addresses. */
export function anonymizedAppealText(db: Db, appealId: number, text: string): string {
  const author = getAppealAuthor(db, appealId);
  const row = db.prepare('SELECT address FROM appeals WHERE id = ?').get(appealId) as { address: string | null } | undefined;
  return anonymizeText(text, { ...author, address: row?.address ?? null });
}
