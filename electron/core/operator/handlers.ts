/**
 * The operator workstation's handlers. Each resolves the acting user (signed in through the host,
 * or the local user in the Electron app) and checks the user's role before it reads or writes.
 */
import { ContractError } from '../../../shared/api';
import type { AppealFilter } from '../../../shared/api/appeals';
import type { QuickView } from '../../../shared/api/operator';
import { OPEN_STATUSES } from '../../../shared/domain';
import { getAppeal, getAppealEvents, positionOf, queryAppeals, filterSql, countCapped, APPEAL_COLUMNS, type AppealRow, toAppeal } from '../db/appeals';
import { getAppealAttachments } from '../db/attachments';
import { getAppealSourceUrl } from '../db/sourceLink';
import type { Db } from '../db/open';
import { getAppealAuthor } from '../db/personal';
import type { RegionPack } from '../region/pack';
import type { EventBus, HandlerMap } from '../rpc';
import { assertInScope, assertSupervisor, canSeePersonalData, inScope, scopeFilter } from './access';
import * as actions from './actions';
import { listAudit } from './audit';
import type { ProductionCalendar } from './calendar';
import { listDeadlineRules } from './deadlines';
import { findDuplicates } from './duplicates';
import { deleteFilter, listFilters, saveFilter } from './filters';
import { login, logout, resume, userOf } from './auth';
import { deleteRoutingRule, listRoutingRules, saveRoutingRule, suggestForAppeal } from './routing';
import { answerTemplates } from './templates';

const VIEW_FILTERS: Record<QuickView, AppealFilter> = {
  open: { statuses: [...OPEN_STATUSES] },
  new: { statuses: ['new'] },
  overdue: { overdue: true },
  due2h: { dueWithinHours: 2 },
  // Everything the governor's office controls, answered or not: the flag is the point.
  escalated: { escalated: true },
};

export function countViews(db: Db, base: AppealFilter, views: readonly QuickView[], now = Date.now()): Record<string, number> {
  const out: Record<string, number> = {};
  for (const view of views) {
    // Escalated appeals are few: their partial index drives, even within an operator's sectors.
    const { where, params } = filterSql({ ...base, ...VIEW_FILTERS[view] }, now, view === 'escalated' ? 'received' : false);
    out[view] = countCapped(db, where, params);
  }
  return out;
}

export interface OperatorEnv {
  db: Db;
  bus: EventBus;
  pack: RegionPack;
  calendar: ProductionCalendar;
}

export function operatorHandlers(env: OperatorEnv): HandlerMap {
  const { db, bus } = env;
  const changed = (appeal: { id: number; version: number }, actor: string) => {
    // Writes on the core's own connection are invisible to the data_version watcher: tell windows here.
    bus.emit('db:changed', { tables: ['appeals'], appealIds: [appeal.id] });
    bus.emit('appeals:changed', { id: appeal.id, version: appeal.version, actor });
  };
  const acting =
    <A, R extends { id: number; version: number }>(fn: (env: actions.ActionEnv, user: ReturnType<typeof userOf>, arg: A) => R) =>
    (arg: A, ctx: Parameters<typeof userOf>[1]) => {
      const user = userOf(db, ctx);
      const result = fn(env, user, arg);
      changed(result, user.login);
      return result;
    };

  return {
    'auth:session': (_arg, ctx) => {
      const host = ctx.via === 'host';
      return { user: host ? (ctx.session?.user ?? null) : userOf(db, ctx), loginRequired: host };
    },
    'auth:login': (arg, ctx) => {
      const result = login(db, arg.login, arg.password);
      if (ctx.session) Object.assign(ctx.session, { user: result.user, token: result.token });
      return result;
    },
    'auth:resume': (arg, ctx) => {
      const user = resume(db, arg.token);
      if (ctx.session) Object.assign(ctx.session, { user, token: arg.token });
      return { user };
    },
    'auth:logout': (_arg, ctx) => {
      if (ctx.session) {
        logout(db, ctx.session.token);
        Object.assign(ctx.session, { user: null, token: undefined });
      }
      return { ok: true as const };
    },

    'appeals:query': (arg, ctx) => {
      const user = userOf(db, ctx);
      return queryAppeals(db, { ...arg, filter: scopeFilter(user, arg.filter) });
    },
    'appeals:position': (arg, ctx) => {
      const user = userOf(db, ctx);
      const query = { ...arg.query, filter: scopeFilter(user, arg.query.filter) };
      return { index: positionOf(db, query, arg.id) };
    },
    'appeals:get': (arg, ctx) => {
      const user = userOf(db, ctx);
      const appeal = getAppeal(db, arg.id);
      if (!appeal) throw new ContractError(`Appeal ${arg.id} does not exist`, 'failed');
      assertInScope(user, appeal);
      const dup = db.prepare('SELECT duplicate_of AS d FROM appeals WHERE id = ?').get(arg.id) as { d: number | null };
      const duplicateIds = (db.prepare('SELECT id FROM appeals WHERE duplicate_of = ? ORDER BY id').pluck().all(arg.id) as number[]);
      return {
        appeal,
        events: getAppealEvents(db, arg.id),
        author: canSeePersonalData(user) ? getAppealAuthor(db, arg.id) : null,
        duplicateOf: dup.d,
        duplicateIds,
        attachments: getAppealAttachments(db, arg.id),
        // A social-network link can identify its author: shown to those who may see the author.
        sourceUrl: canSeePersonalData(user) ? getAppealSourceUrl(db, arg.id) : null,
      };
    },
    'appeals:counts': (arg, ctx) => {
      const user = userOf(db, ctx);
      return { views: countViews(db, scopeFilter(user, {}), arg.views) };
    },
    'appeals:duplicates': (arg, ctx) => {
      const user = userOf(db, ctx);
      const appeal = actions.readAppeal(db, arg.id);
      assertInScope(user, appeal);
      return findDuplicates(db, appeal).filter((a) => inScope(user, a));
    },
    'appeals:acute': (arg, ctx) => {
      const user = userOf(db, ctx);
      if (arg.ids.length === 0) return [];
      const rows = db
        .prepare(
          `SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id IN (SELECT value FROM json_each(?))
           AND category_id IN (SELECT id FROM categories WHERE acute = 1) AND status IN ('new', 'reopened')`,
        )
        .all(JSON.stringify(arg.ids)) as AppealRow[];
      return rows.map(toAppeal).filter((a) => inScope(user, a));
    },
    'appeals:transition': acting(actions.transition),
    'appeals:assign': acting(actions.assign),
    'appeals:answer': acting(actions.answer),
    'appeals:categorize': acting(actions.categorize),
    'appeals:escalate': acting(actions.escalate),
    'appeals:duplicate': acting(actions.markDuplicate),
    'appeals:audit': (arg, ctx) => {
      const user = userOf(db, ctx);
      assertInScope(user, actions.readAppeal(db, arg.id));
      return listAudit(db, arg.id);
    },
    'appeals:templates': (arg, ctx) => {
      userOf(db, ctx);
      return answerTemplates(db, arg.categoryId);
    },

    'routing:suggest': (arg, ctx) => {
      const user = userOf(db, ctx);
      const appeal = actions.readAppeal(db, arg.id);
      assertInScope(user, appeal);
      return suggestForAppeal(db, appeal);
    },
    'routing:list': (_arg, ctx) => {
      userOf(db, ctx);
      return listRoutingRules(db);
    },
    'routing:save': (arg, ctx) => {
      const user = userOf(db, ctx);
      assertSupervisor(user, 'edit routing rules');
      if (!db.prepare('SELECT 1 FROM agencies WHERE id = ?').get(arg.agencyId)) throw new ContractError(`Unknown agency ${arg.agencyId}`, 'failed');
      const rule = saveRoutingRule(db, arg, user.login);
      db.prepare('INSERT INTO audit_log (at, actor, actor_role, action, appeal_id, before, after) VALUES (?, ?, ?, ?, NULL, NULL, ?)').run(
        Date.now(),
        user.login,
        user.role,
        'routing-save',
        JSON.stringify(rule),
      );
      bus.emit('db:changed', { tables: ['routing_rules'] });
      return rule;
    },
    'routing:delete': (arg, ctx) => {
      const user = userOf(db, ctx);
      assertSupervisor(user, 'edit routing rules');
      deleteRoutingRule(db, arg.id);
      db.prepare('INSERT INTO audit_log (at, actor, actor_role, action, appeal_id, before, after) VALUES (?, ?, ?, ?, NULL, ?, NULL)').run(
        Date.now(),
        user.login,
        user.role,
        'routing-delete',
        JSON.stringify({ id: arg.id }),
      );
      bus.emit('db:changed', { tables: ['routing_rules'] });
      return { ok: true as const };
    },
    'deadlines:list': (_arg, ctx) => {
      userOf(db, ctx);
      return listDeadlineRules(db);
    },

    'filters:list': (_arg, ctx) => listFilters(db, userOf(db, ctx).login),
    'filters:save': (arg, ctx) => saveFilter(db, userOf(db, ctx).login, arg),
    'filters:delete': (arg, ctx) => {
      deleteFilter(db, userOf(db, ctx).login, arg.id);
      return { ok: true as const };
    },
  };
}
