/**
 * The operator workstation's contract: sign-in, actions on appeals (each checked against the row
 * version), routing rules, saved filters and the audit trail. Window role lists name the operator
 * window; the user's own role (operator, supervisor, viewer) is checked by the core in every handler.
 */
import { z } from 'zod';
import { Appeal, AppealStatus } from '../domain';
import { AppealFilter, AppealQuery, AppealSort } from './appeals';
import { event, method } from './define';

export const USER_ROLES = ['operator', 'supervisor', 'viewer'] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/** A signed-in person: operators see their own sectors, supervisors all, viewers read only. */
export const SessionUser = z.object({
  login: z.string(),
  name: z.string(),
  role: UserRole,
  /** Sectors an operator works on; empty for supervisors and viewers (they see all). */
  sectorIds: z.array(z.string()),
});
export type SessionUser = z.infer<typeof SessionUser>;

/**
 * The one state machine of an appeal's status. The core enforces it; the UI reads it only to offer
 * the buttons that can succeed.
 */
export const STATUS_TRANSITIONS: Readonly<Record<AppealStatus, readonly AppealStatus[]>> = {
  // A post in a social network may be answered at once, before any routing (Инцидент Менеджмент).
  new: ['assigned', 'in_progress', 'answered', 'rejected'],
  assigned: ['in_progress', 'answered', 'rejected', 'new'],
  in_progress: ['answered', 'rejected', 'assigned'],
  answered: ['closed', 'reopened'],
  closed: ['reopened'],
  rejected: ['reopened'],
  reopened: ['assigned', 'in_progress', 'answered', 'rejected'],
};

/** Source kinds whose systems take answers and status changes back (the rest are read-only feeds). */
export const WRITE_BACK_KINDS: readonly string[] = ['incident', 'pos', 'portal', 'open311', 'gzhi'];

export const canTransition = (from: AppealStatus, to: AppealStatus): boolean => STATUS_TRANSITIONS[from].includes(to);

const AppealId = z.number().int().positive();
const Version = z.number().int().positive();
const Ok = z.object({ ok: z.literal(true) });

/** Every change names the version the operator saw: a stale one is refused with code "conflict". */
const Change = { id: AppealId, version: Version };

export const QUICK_VIEWS = ['open', 'new', 'overdue', 'due2h', 'escalated'] as const;
export const QuickView = z.enum(QUICK_VIEWS);
export type QuickView = z.infer<typeof QuickView>;

export const Counts = z.object({ views: z.record(z.string(), z.number().int()) });
export type Counts = z.infer<typeof Counts>;

export const RoutingRule = z.object({
  id: z.number().int(),
  categoryId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  agencyId: z.string(),
  updatedAt: z.number().int(),
  updatedBy: z.string().nullable(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingSuggestion = z.object({
  agencyId: z.string(),
  /** Why: the rule matched exactly, by category only, by municipality only, or the sector's agency. */
  reason: z.enum(['rule', 'category', 'municipality', 'sector']),
});
export type RoutingSuggestion = z.infer<typeof RoutingSuggestion>;

export const SavedFilter = z.object({
  id: z.number().int(),
  name: z.string(),
  filter: AppealFilter,
  sort: AppealSort,
});
export type SavedFilter = z.infer<typeof SavedFilter>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.number().int(),
  actor: z.string(),
  actorRole: z.string(),
  action: z.string(),
  appealId: z.number().int().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AnswerTemplate = z.object({ id: z.string(), title: z.string(), text: z.string() });
export type AnswerTemplate = z.infer<typeof AnswerTemplate>;

export const Session = z.object({
  /** Null when nobody is signed in on this connection. */
  user: SessionUser.nullable(),
  /** True through the host (a person signs in); false in the Electron app (the local user). */
  loginRequired: z.boolean(),
});
export type Session = z.infer<typeof Session>;

export const DeadlineRule = z.object({
  categoryId: z.string(),
  unit: z.enum(['hours', 'workdays']),
  amount: z.number().int().positive(),
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;

const OPERATOR: ['operator'] = ['operator'];

export const operatorMethods = {
  'auth:session': method(z.object({}).strict(), Session, OPERATOR),
  'auth:login': method(
    z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict(),
    z.object({ user: SessionUser, token: z.string() }),
    OPERATOR,
  ),
  /** Signs a reloaded page back in with the token of an earlier login. */
  'auth:resume': method(z.object({ token: z.string().min(1).max(200) }).strict(), z.object({ user: SessionUser }), OPERATOR),
  'auth:logout': method(z.object({}).strict(), Ok, OPERATOR),

  'appeals:counts': method(z.object({ views: z.array(QuickView).max(QUICK_VIEWS.length) }).strict(), Counts, OPERATOR),
  /** Row position of an appeal in a query's order, so the queue can keep the operator on it. */
  'appeals:position': method(
    z.object({ query: AppealQuery, id: AppealId }).strict(),
    z.object({ index: z.number().int().nullable() }),
    OPERATOR,
  ),
  'appeals:duplicates': method(z.object({ id: AppealId }).strict(), z.array(Appeal), OPERATOR),
  /** Of the given new appeals, those acute ones in the user's sectors (for notifications). */
  'appeals:acute': method(z.object({ ids: z.array(AppealId).max(2000) }).strict(), z.array(Appeal), OPERATOR),
  'appeals:transition': method(z.object({ ...Change, to: AppealStatus, comment: z.string().max(2000).optional() }).strict(), Appeal, OPERATOR),
  'appeals:assign': method(z.object({ ...Change, agencyId: z.string().min(1).max(64) }).strict(), Appeal, OPERATOR),
  'appeals:answer': method(z.object({ ...Change, text: z.string().trim().min(1).max(10_000) }).strict(), Appeal, OPERATOR),
  'appeals:categorize': method(z.object({ ...Change, categoryId: z.string().min(1).max(64) }).strict(), Appeal, OPERATOR),
  'appeals:escalate': method(z.object({ ...Change, escalated: z.boolean() }).strict(), Appeal, OPERATOR),
  'appeals:duplicate': method(z.object({ ...Change, originalId: AppealId }).strict(), Appeal, OPERATOR),
  'appeals:audit': method(z.object({ id: AppealId }).strict(), z.array(AuditEntry), OPERATOR),
  'appeals:templates': method(z.object({ categoryId: z.string().max(64).nullable() }).strict(), z.array(AnswerTemplate), OPERATOR),

  'routing:suggest': method(z.object({ id: AppealId }).strict(), z.array(RoutingSuggestion), OPERATOR),
  'routing:list': method(z.object({}).strict(), z.array(RoutingRule), OPERATOR),
  'routing:save': method(
    z
      .object({
        id: z.number().int().optional(),
        categoryId: z.string().max(64).nullable(),
        municipalityId: z.string().max(64).nullable(),
        agencyId: z.string().min(1).max(64),
      })
      .strict(),
    RoutingRule,
    OPERATOR,
  ),
  'routing:delete': method(z.object({ id: z.number().int() }).strict(), Ok, OPERATOR),
  'deadlines:list': method(z.object({}).strict(), z.array(DeadlineRule), OPERATOR),

  'filters:list': method(z.object({}).strict(), z.array(SavedFilter), OPERATOR),
  'filters:save': method(
    z.object({ name: z.string().trim().min(1).max(100), filter: AppealFilter, sort: AppealSort.default('received') }).strict(),
    SavedFilter,
    OPERATOR,
  ),
  'filters:delete': method(z.object({ id: z.number().int() }).strict(), Ok, OPERATOR),
};

export const operatorEvents = {
  /** An appeal changed by an operator: other workstations refresh that card. */
  'appeals:changed': event(z.object({ id: AppealId, version: Version, actor: z.string() }), OPERATOR),
};
