import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

/** A file a source lists with an appeal, as a connector hands it over (already checked to be http/https). */
export interface AttachmentInput {
  name: string;
  url: string;
  size?: number | null;
  mime?: string | null;
}

/** An attachment as the card reads it. */
export interface AttachmentRow {
  name: string;
  url: string;
  size: number | null;
  mime: string | null;
}

const same = (a: AttachmentRow[], b: readonly AttachmentInput[]): boolean =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i]!;
    return x.name === y.name && x.url === y.url && x.size === (y.size ?? null) && x.mime === (y.mime ?? null);
  });

/**
 * Prepares the writer of an appeal's attachment list, once per handle. The source's list replaces
 * the cached one whole, in the source's order; an unchanged list is left alone, so a source that
 * re-sends an updated appeal with the same files writes nothing here. Call inside a transaction.
 */
export function prepareAttachmentWrite(db: Db): (appealId: number, list: readonly AttachmentInput[]) => void {
  // Prepared at the first list, not with the upsert: sources without attachments never touch the
  // table, and tools that write appeals into a cache of an older schema keep working.
  let s: { current: Statement; clear: Statement; insert: Statement } | null = null;
  return (appealId, list) => {
    s ??= {
      current: db.prepare('SELECT name, url, size, mime FROM appeal_attachments WHERE appeal_id = ? ORDER BY position'),
      clear: db.prepare('DELETE FROM appeal_attachments WHERE appeal_id = ?'),
      insert: db.prepare('INSERT INTO appeal_attachments (appeal_id, position, name, url, size, mime) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    const { current, clear, insert } = s;
    if (same(current.all(appealId) as AttachmentRow[], list)) return;
    clear.run(appealId);
    list.forEach((a, i) => insert.run(appealId, i, a.name, a.url, a.size ?? null, a.mime ?? null));
  };
}

export function getAppealAttachments(db: Db, appealId: number): AttachmentRow[] {
  return db.prepare('SELECT name, url, size, mime FROM appeal_attachments WHERE appeal_id = ? ORDER BY position').all(appealId) as AttachmentRow[];
}
