import type { AuditEntry, SessionUser } from '../../../shared/api/operator';
import type { Db } from '../db/open';

/** One audit record per action: who, when, what, and the state before and after. Call inside the action's transaction. */
export function writeAudit(
  db: Db,
  entry: { at: number; user: SessionUser; action: string; appealId: number | null; before: unknown; after: unknown },
): void {
  db.prepare('INSERT INTO audit_log (at, actor, actor_role, action, appeal_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    entry.at,
    entry.user.login,
    entry.user.role,
    entry.action,
    entry.appealId,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}

export function listAudit(db: Db, appealId: number): AuditEntry[] {
  return db
    .prepare(
      'SELECT id, at, actor, actor_role AS actorRole, action, appeal_id AS appealId, before, after FROM audit_log WHERE appeal_id = ? ORDER BY at, id',
    )
    .all(appealId) as AuditEntry[];
}
