import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, createCore } from '../../../electron/core/app';
import type { CallContext } from '../../../electron/core/rpc';
import type { Appeal } from '../../../shared/domain';
import { REGIONS_DIR } from '../helpers';
import { loadCategoryRules, prepareAppealUpsert } from '../../../electron/core/db/appeals';

let core: Core;
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cur-operator-'));
  core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 400 });
});
afterAll(() => {
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A host connection signed in as one of the demo accounts. */
async function as(login: string): Promise<CallContext> {
  const ctx: CallContext = { role: 'operator', via: 'host', session: { user: null } };
  await core.registry.call('auth:login', { login, password: login }, ctx);
  return ctx;
}
const call = <T>(ctx: CallContext, method: string, arg: unknown) => core.registry.call(method, arg, ctx) as Promise<T>;

const CATEGORY_OF: Record<string, string> = { housing: 'heating', roads: 'potholes', health: 'clinic' };
let serial = 0;

/** A fresh appeal from the ПОС (which accepts write-back), as a sync worker would store it. */
function newAppealIn(sectorId: string): Appeal {
  const upsert = prepareAppealUpsert(core.db, loadCategoryRules(core.db));
  const now = Date.now();
  const { changedIds } = core.db.transaction(() =>
    upsert([
      {
        sourceId: 'pos', externalId: `test-${++serial}`, channel: 'gosuslugi', receivedAt: now, sourceUpdatedAt: now,
        text: 'Нет отопления в доме', categoryId: CATEGORY_OF[sectorId]!, municipalityId: null, address: null,
        lon: 44, lat: 56.3, status: 'new', author: { name: 'Анна Иванова', phone: '+7 900 000-00-00', email: null },
      },
    ]),
  )();
  return core.db.prepare('SELECT id, version, status FROM appeals WHERE id = ?').get(changedIds[0]) as Appeal;
}

describe('operator actions through the contract', () => {
  it('requires a sign-in through the host and refuses a wrong password', async () => {
    const anonymous: CallContext = { role: 'operator', via: 'host', session: { user: null } };
    await expect(call(anonymous, 'appeals:query', {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(anonymous, 'auth:login', { login: 'operator', password: 'nope' })).rejects.toMatchObject({ code: 'forbidden' });
    const session = await call<{ user: unknown; loginRequired: boolean }>(anonymous, 'auth:session', {});
    expect(session).toEqual({ user: null, loginRequired: true });
  });

  it('resumes a session by its token', async () => {
    const ctx: CallContext = { role: 'operator', via: 'host', session: { user: null } };
    const { token } = await call<{ token: string }>(ctx, 'auth:login', { login: 'viewer', password: 'viewer' });
    const other: CallContext = { role: 'operator', via: 'host', session: { user: null } };
    await expect(call(other, 'auth:resume', { token })).resolves.toMatchObject({ user: { login: 'viewer', role: 'viewer' } });
    await expect(call(other, 'auth:resume', { token: 'forged' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('assigns, answers and closes, with an audit record and an event for each, and queues the answer once', async () => {
    const sup = await as('supervisor');
    let appeal = newAppealIn('housing');
    appeal = await call<Appeal>(sup, 'appeals:assign', { id: appeal.id, version: appeal.version, agencyId: 'gzhi' });
    expect(appeal).toMatchObject({ status: 'assigned', agencyId: 'gzhi' });
    appeal = await call<Appeal>(sup, 'appeals:answer', { id: appeal.id, version: appeal.version, text: 'Бригада направлена' });
    expect(appeal.status).toBe('answered');
    expect(appeal.firstResponseAt).not.toBeNull();
    // The same call repeated with the old version is a conflict, not a second answer.
    await expect(call(sup, 'appeals:answer', { id: appeal.id, version: appeal.version - 1, text: 'Бригада направлена' })).rejects.toMatchObject({ code: 'conflict' });
    appeal = await call<Appeal>(sup, 'appeals:transition', { id: appeal.id, version: appeal.version, to: 'closed' });
    expect(appeal.status).toBe('closed');

    const audit = await call<{ action: string; actor: string; before: string; after: string }[]>(sup, 'appeals:audit', { id: appeal.id });
    expect(audit.map((a) => a.action)).toEqual(['assign', 'answer', 'status']);
    expect(audit.every((a) => a.actor === 'supervisor')).toBe(true);
    expect(JSON.parse(audit[2]!.before).status).toBe('answered');
    expect(JSON.parse(audit[2]!.after).status).toBe('closed');
    const kinds = (core.db.prepare('SELECT kind FROM appeal_events WHERE appeal_id = ? ORDER BY id').pluck().all(appeal.id) as string[]).slice(1);
    expect(kinds).toEqual(['assigned', 'answered', 'status']);
    const outbox = core.db.prepare('SELECT action, payload FROM outbox WHERE appeal_id = ? ORDER BY id').all(appeal.id) as { action: string; payload: string }[];
    expect(outbox.filter((o) => o.action === 'answer')).toHaveLength(1);
    expect(JSON.parse(outbox.find((o) => o.action === 'answer')!.payload)).toMatchObject({ text: 'Бригада направлена' });
  });

  it('refuses a transition the state machine does not allow', async () => {
    const sup = await as('supervisor');
    const appeal = newAppealIn('roads');
    await expect(call(sup, 'appeals:transition', { id: appeal.id, version: appeal.version, to: 'closed' })).rejects.toThrow(/cannot change to closed/);
  });

  it('gives the second of two operators a conflict with the current state', async () => {
    const first = await as('supervisor');
    const second = await as('operator');
    const appeal = newAppealIn('housing');
    await call(first, 'appeals:assign', { id: appeal.id, version: appeal.version, agencyId: 'gzhi' });
    const error = await call(second, 'appeals:transition', { id: appeal.id, version: appeal.version, to: 'in_progress' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict' });
    expect((error as Error).message).toMatch(/by supervisor .*"assigned"/);
    expect(core.db.prepare('SELECT status FROM appeals WHERE id = ?').pluck().get(appeal.id)).toBe('assigned');
  });

  it('lets a viewer read but not change anything, and hides personal data from it', async () => {
    const viewer = await as('viewer');
    const appeal = newAppealIn('health');
    const card = await call<{ author: unknown }>(viewer, 'appeals:get', { id: appeal.id });
    expect(card.author).toBeNull();
    for (const [method, arg] of [
      ['appeals:assign', { id: appeal.id, version: appeal.version, agencyId: 'min-health' }],
      ['appeals:transition', { id: appeal.id, version: appeal.version, to: 'in_progress' }],
      ['appeals:answer', { id: appeal.id, version: appeal.version, text: 'x' }],
      ['appeals:escalate', { id: appeal.id, version: appeal.version, escalated: true }],
      ['routing:save', { categoryId: 'snow', municipalityId: null, agencyId: 'mchs' }],
    ] as const) {
      await expect(call(viewer, method, arg), method).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(core.db.prepare('SELECT version FROM appeals WHERE id = ?').pluck().get(appeal.id)).toBe(appeal.version);
  });

  it('keeps an operator to their own sectors, in the queue and in actions', async () => {
    const op = await as('operator');
    const page = await call<{ rows: Appeal[]; total: number }>(op, 'appeals:query', { limit: 500 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((r) => ['housing', 'waste', 'roads', 'energy', 'safety'].includes(r.sectorId!))).toBe(true);
    const foreign = newAppealIn('health');
    await expect(call(op, 'appeals:get', { id: foreign.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(op, 'appeals:assign', { id: foreign.id, version: foreign.version, agencyId: 'min-health' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(op, 'routing:save', { categoryId: 'snow', municipalityId: null, agencyId: 'mchs' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('recomputes the deadline when the category changes', async () => {
    const sup = await as('supervisor');
    const appeal = newAppealIn('housing');
    const updated = await call<Appeal>(sup, 'appeals:categorize', { id: appeal.id, version: appeal.version, categoryId: 'gas' });
    const received = core.db.prepare('SELECT received_at FROM appeals WHERE id = ?').pluck().get(appeal.id) as number;
    expect(updated).toMatchObject({ categoryId: 'gas', sectorId: 'energy', deadlineAt: received + 12 * 3_600_000 });
  });

  it('links a duplicate to its original, which it then follows', async () => {
    const sup = await as('supervisor');
    const original = newAppealIn('roads');
    const dup = newAppealIn('roads');
    await call(sup, 'appeals:duplicate', { id: dup.id, version: dup.version, originalId: original.id });
    const card = await call<{ duplicateIds: number[] }>(sup, 'appeals:get', { id: original.id });
    expect(card.duplicateIds).toContain(dup.id);
    await call(sup, 'appeals:transition', { id: original.id, version: original.version, to: 'rejected' });
    expect(core.db.prepare('SELECT status FROM appeals WHERE id = ?').pluck().get(dup.id)).toBe('rejected');
  });

  it('finds appeals by word forms and substrings through the full-text index', async () => {
    const sup = await as('supervisor');
    const byForm = await call<{ rows: Appeal[]; total: number }>(sup, 'appeals:query', { filter: { search: 'отоплением' }, limit: 50 });
    expect(byForm.total).toBeGreaterThan(0);
    expect(byForm.rows.every((r) => /отоплен/i.test(r.text))).toBe(true);
    const bySubstring = await call<{ total: number }>(sup, 'appeals:query', { filter: { search: 'ифт' } });
    const expected = core.db.prepare("SELECT count(*) FROM appeals WHERE text LIKE '%ифт%'").pluck().get();
    expect(bySubstring.total).toBe(expected);
  });

  it('saves filters per person and counts the quick views', async () => {
    const op = await as('operator');
    const saved = await call<{ id: number }>(op, 'filters:save', { name: 'Просрочено ЖКХ', filter: { overdue: true, sectorIds: ['housing'] } });
    const list = await call<{ id: number; name: string }[]>(op, 'filters:list', {});
    expect(list).toEqual([expect.objectContaining({ id: saved.id, name: 'Просрочено ЖКХ' })]);
    expect(await call(await as('supervisor'), 'filters:list', {})).toEqual([]);
    const counts = await call<{ views: Record<string, number> }>(op, 'appeals:counts', { views: ['open', 'overdue'] });
    expect(counts.views.open).toBeGreaterThan(0);
  });
});
