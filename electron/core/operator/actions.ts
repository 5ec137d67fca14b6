/**
 * Every change an operator makes to an appeal goes through `act`: one transaction that checks the
 * row version the operator saw (optimistic concurrency), applies the change, records an appeal event
 * and an audit entry, and queues the write-back to the source when the source accepts it.
 */
import { ContractError } from '../../../shared/api';
import { type SessionUser, WRITE_BACK_KINDS } from '../../../shared/api/operator';
import type { Appeal, AppealStatus } from '../../../shared/domain';
import { APPEAL_COLUMNS, type AppealRow, toAppeal } from '../db/appeals';
import type { Db } from '../db/open';
import { enqueueOutbox, type OutboxAction } from '../sync/outbox';
import { assertCanWrite, assertInScope } from './access';
import { writeAudit } from './audit';
import type { ProductionCalendar } from './calendar';
import { computeDeadline, deadlineRuleOf } from './deadlines';
import { assertTransition, isResolved } from './stateMachine';


type Columns = Partial<{
  status: AppealStatus;
  agency_id: string | null;
  category_id: string | null;
  sector_id: string | null;
  deadline_at: number | null;
  escalated: number;
  duplicate_of: number | null;
  first_response_at: number | null;
  resolved_at: number | null;
}>;

export interface Change {
  set: Columns;
  event: { kind: string; data?: unknown };
  outbox?: { action: OutboxAction; payload: Record<string, unknown> }[];
  /** Runs inside the transaction after the row is updated (e.g. duplicates follow their original). */
  after?: (appeal: Appeal) => void;
}

export interface ActionEnv {
  db: Db;
  calendar: ProductionCalendar;
}

export function readAppeal(db: Db, id: number): Appeal {
  const row = db.prepare(`SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = ?`).get(id) as AppealRow | undefined;
  if (!row) throw new ContractError(`Appeal ${id} does not exist`, 'failed');
  return toAppeal(row);
}

function lastActor(db: Db, id: number): string | null {
  const row = db.prepare('SELECT actor FROM audit_log WHERE appeal_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(id) as { actor: string } | undefined;
  return row?.actor ?? null;
}

/** The refusal the second of two operators gets: what the appeal is now, and who changed it. */
export function conflictError(db: Db, current: Appeal): ContractError {
  const by = lastActor(db, current.id);
  return new ContractError(
    `Appeal ${current.id} was changed${by ? ` by ${by}` : ''} meanwhile: it is now "${current.status}" (version ${current.version}). Reload it and try again.`,
    'conflict',
  );
}

const snapshot = (a: Appeal) => ({
  status: a.status,
  agencyId: a.agencyId,
  categoryId: a.categoryId,
  deadlineAt: a.deadlineAt,
  escalated: a.escalated,
  version: a.version,
});

export function act(
  env: ActionEnv,
  user: SessionUser,
  input: { id: number; version: number },
  action: string,
  build: (appeal: Appeal) => Change,
  now = Date.now(),
): Appeal {
  assertCanWrite(user);
  const { db } = env;
  return db.transaction(() => {
    const before = readAppeal(db, input.id);
    assertInScope(user, before);
    if (before.version !== input.version) throw conflictError(db, before);
    const change = build(before);
    const entries = Object.entries(change.set);
    const assignments = entries.map(([column]) => `${column} = ?`);
    const result = db
      .prepare(`UPDATE appeals SET ${[...assignments, 'updated_at = ?', 'version = version + 1'].join(', ')} WHERE id = ? AND version = ?`)
      .run(...entries.map(([, value]) => value), now, input.id, input.version);
    if (result.changes !== 1) throw conflictError(db, readAppeal(db, input.id));
    const after = readAppeal(db, input.id);
    db.prepare('INSERT INTO appeal_events (appeal_id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)').run(
      input.id,
      now,
      change.event.kind,
      user.login,
      change.event.data === undefined ? null : JSON.stringify(change.event.data),
    );
    writeAudit(db, { at: now, user, action, appealId: input.id, before: snapshot(before), after: { ...snapshot(after), ...(change.event.data ? { data: change.event.data } : {}) } });
    const kind = (db.prepare('SELECT kind FROM sources WHERE id = ?').get(after.sourceId) as { kind: string } | undefined)?.kind;
    if (kind && WRITE_BACK_KINDS.includes(kind)) {
      for (const item of change.outbox ?? []) {
        enqueueOutbox(
          db,
          {
            sourceId: after.sourceId,
            appealId: after.id,
            action: item.action,
            payload: { externalId: after.externalId, ...item.payload },
            // One key per version: a retried call of the same change is queued once, a new change again.
            idempotencyKey: `appeal-${after.id}-v${after.version}-${item.action}`,
          },
          now,
        );
      }
    }
    change.after?.(after);
    return after;
  }).immediate();
}

/** Columns that follow a status change: first response and resolution times. */
function statusColumns(appeal: Appeal, to: AppealStatus, now: number): Columns {
  const set: Columns = { status: to };
  if (to === 'answered' && appeal.firstResponseAt === null) set.first_response_at = now;
  if (isResolved(to)) set.resolved_at = now;
  if (to === 'reopened') set.resolved_at = null;
  return set;
}

/** Duplicates follow their original's status (only where the state machine lets them). */
function followOriginal(db: Db, original: Appeal, user: SessionUser, now: number): void {
  const duplicates = db.prepare(`SELECT ${APPEAL_COLUMNS} FROM appeals WHERE duplicate_of = ?`).all(original.id) as AppealRow[];
  for (const row of duplicates.map(toAppeal)) {
    if (row.status === original.status) continue;
    const set = statusColumns(row, original.status, now);
    db.prepare('UPDATE appeals SET status = ?, resolved_at = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
      original.status,
      set.resolved_at === undefined ? row.resolvedAt : set.resolved_at,
      now,
      row.id,
    );
    db.prepare('INSERT INTO appeal_events (appeal_id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)').run(
      row.id,
      now,
      'status',
      user.login,
      JSON.stringify({ from: row.status, to: original.status, followed: original.id }),
    );
    writeAudit(db, { at: now, user, action: 'follow-original', appealId: row.id, before: { status: row.status }, after: { status: original.status, original: original.id } });
  }
}

export function transition(env: ActionEnv, user: SessionUser, arg: { id: number; version: number; to: AppealStatus; comment?: string }, now = Date.now()): Appeal {
  return act(env, user, arg, 'status', (appeal) => {
    assertTransition(appeal.status, arg.to);
    return {
      set: statusColumns(appeal, arg.to, now),
      event: { kind: 'status', data: { from: appeal.status, to: arg.to, ...(arg.comment ? { comment: arg.comment } : {}) } },
      outbox: [{ action: 'status', payload: { status: arg.to, ...(arg.comment ? { comment: arg.comment } : {}) } }],
      after: (after) => followOriginal(env.db, after, user, now),
    };
  }, now);
}

export function assign(env: ActionEnv, user: SessionUser, arg: { id: number; version: number; agencyId: string }, now = Date.now()): Appeal {
  const agency = env.db.prepare('SELECT id FROM agencies WHERE id = ?').get(arg.agencyId);
  if (!agency) throw new ContractError(`Unknown agency ${arg.agencyId}`, 'failed');
  return act(env, user, arg, 'assign', (appeal) => {
    // Assigning a new (or reopened) appeal moves it along the state machine; later it only re-routes.
    const moves = appeal.status === 'new' || appeal.status === 'reopened';
    const set: Columns = { agency_id: arg.agencyId };
    if (moves) Object.assign(set, statusColumns(appeal, 'assigned', now));
    return {
      set,
      event: { kind: 'assigned', data: { from: appeal.agencyId, to: arg.agencyId, ...(moves ? { status: 'assigned' } : {}) } },
      outbox: moves ? [{ action: 'status', payload: { status: 'assigned', agencyId: arg.agencyId } }] : [],
    };
  }, now);
}

export function answer(env: ActionEnv, user: SessionUser, arg: { id: number; version: number; text: string }, now = Date.now()): Appeal {
  return act(env, user, arg, 'answer', (appeal) => {
    assertTransition(appeal.status, 'answered');
    return {
      set: statusColumns(appeal, 'answered', now),
      event: { kind: 'answered', data: { text: arg.text } },
      outbox: [{ action: 'answer', payload: { text: arg.text } }],
      after: (after) => followOriginal(env.db, after, user, now),
    };
  }, now);
}

export function categorize(env: ActionEnv, user: SessionUser, arg: { id: number; version: number; categoryId: string }, now = Date.now()): Appeal {
  const category = env.db.prepare('SELECT sector_id AS sectorId FROM categories WHERE id = ?').get(arg.categoryId) as { sectorId: string } | undefined;
  if (!category) throw new ContractError(`Unknown category ${arg.categoryId}`, 'failed');
  return act(env, user, arg, 'categorize', (appeal) => {
    const rule = deadlineRuleOf(env.db, arg.categoryId);
    // The deadline is recomputed from the new type, counted from the appeal's arrival.
    const deadline = rule ? computeDeadline(rule, appeal.receivedAt, env.calendar) : null;
    return {
      set: { category_id: arg.categoryId, sector_id: category.sectorId, deadline_at: deadline },
      event: { kind: 'categorized', data: { from: appeal.categoryId, to: arg.categoryId, deadlineAt: deadline } },
    };
  }, now);
}

export function escalate(env: ActionEnv, user: SessionUser, arg: { id: number; version: number; escalated: boolean }, now = Date.now()): Appeal {
  return act(env, user, arg, 'escalate', (appeal) => {
    if (appeal.escalated === arg.escalated) throw new ContractError(`Appeal ${appeal.id} is already ${arg.escalated ? 'escalated' : 'not escalated'}`, 'failed');
    return { set: { escalated: arg.escalated ? 1 : 0 }, event: { kind: arg.escalated ? 'escalated' : 'deescalated' } };
  }, now);
}

export function markDuplicate(env: ActionEnv, user: SessionUser, arg: { id: number; version: number; originalId: number }, now = Date.now()): Appeal {
  if (arg.id === arg.originalId) throw new ContractError('An appeal cannot duplicate itself', 'failed');
  return act(env, user, arg, 'duplicate', (appeal) => {
    const original = readAppeal(env.db, arg.originalId);
    assertInScope(user, original);
    // Chains collapse onto the first original so that "follows the original" is one hop.
    const root = (env.db.prepare('SELECT duplicate_of AS d FROM appeals WHERE id = ?').get(original.id) as { d: number | null }).d ?? original.id;
    if (root === appeal.id) throw new ContractError('That appeal is already a duplicate of this one', 'failed');
    env.db.prepare('INSERT INTO appeal_events (appeal_id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)').run(root, now, 'duplicate-linked', user.login, JSON.stringify({ duplicate: appeal.id }));
    const rootStatus = root === original.id ? original.status : readAppeal(env.db, root).status;
    return {
      set: { duplicate_of: root, ...(rootStatus !== appeal.status ? statusColumns(appeal, rootStatus, now) : {}) },
      event: { kind: 'duplicate', data: { of: root } },
    };
  }, now);
}
