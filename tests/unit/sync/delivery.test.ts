import { describe, expect, it } from 'vitest';
import { loadCategoryRules, prepareAppealUpsert } from '../../../electron/core/db/appeals';
import type { Db } from '../../../electron/core/db/open';
import { deliverDueOutbox } from '../../../electron/core/sync/delivery';
import { enqueueOutbox } from '../../../electron/core/sync/outbox';
import { endpoint, fakeSource, memoryDb, type Route } from './helpers';

const T0 = 1_800_000_000_000;

function seedAppeal(db: Db, externalId: string): number {
  db.prepare("INSERT INTO sources (id, kind, name) VALUES ('pos', 'pos', 'ПОС') ON CONFLICT DO NOTHING").run();
  const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
  const { changedIds } = db.transaction(() =>
    upsert([{ sourceId: 'pos', externalId, channel: 'gosuslugi', receivedAt: T0, sourceUpdatedAt: T0, text: 'Нет отопления', categoryId: null, municipalityId: null, address: null, lon: null, lat: null, status: 'new' }]),
  )();
  return changedIds[0]!;
}

/** A ПОС that answers each action with the next status in `script` (then 200), counting what it applied. */
async function scriptedPos(script: number[], onRequest: () => void = () => {}) {
  const applied = new Set<string>();
  const route: Route = (req, res) => {
    req.resume();
    req.on('end', () => {
      onRequest();
      const key = String(req.headers['idempotency-key']);
      const status = script.shift() ?? 200;
      // A 500 after applying is a lost acknowledgement: the source has it, the sender does not know.
      if (status === 200 || status === 502) applied.add(key);
      res.writeHead(status === 502 ? 500 : status).end('{}');
    });
  };
  const server = await fakeSource({ '/messages/POS-1/actions': route, '/messages/POS-2/actions': route });
  return { server, applied };
}

const events = (db: Db, appealId: number) =>
  db.prepare("SELECT at, actor, data FROM appeal_events WHERE appeal_id = ? AND kind = 'writeback-delivered'").all(appealId) as { at: number; actor: string; data: string }[];

describe('outbox delivery writes the timeline entry', () => {
  it('records "write-back delivered" exactly once, through failures and a lost acknowledgement', async () => {
    const db = memoryDb();
    const id = seedAppeal(db, 'POS-1');
    const { server, applied } = await scriptedPos([500, 502]);
    const sources = new Map([['pos', endpoint('pos', 'pos', server.url, { writeBack: true })]]);
    let now = T0 + 1000;
    const options = { now: () => now, random: () => 0.5, baseBackoffMs: 10, maxBackoffMs: 10 };
    const answerKey = db.transaction(() => enqueueOutbox(db, { sourceId: 'pos', appealId: id, action: 'answer', payload: { text: 'Бригада направлена' } }, now))();
    const signal = new AbortController().signal;

    expect(await deliverDueOutbox(db, sources, signal, options)).toBe(0);
    expect(events(db, id)).toEqual([]);
    now += 1000;
    // The source applies it but the acknowledgement is lost: still no entry, the item stays due.
    expect(await deliverDueOutbox(db, sources, signal, options)).toBe(0);
    expect(applied.has(answerKey)).toBe(true);
    expect(events(db, id)).toEqual([]);
    now += 1000;
    expect(await deliverDueOutbox(db, sources, signal, options)).toBe(1);
    expect(events(db, id)).toEqual([{ at: now, actor: 'pos', data: JSON.stringify({ action: 'answer' }) }]);
    now += 60_000;
    expect(await deliverDueOutbox(db, sources, signal, options)).toBe(0);
    expect(events(db, id)).toHaveLength(1);

    db.transaction(() => enqueueOutbox(db, { sourceId: 'pos', appealId: id, action: 'status', payload: { status: 'closed' } }, now))();
    expect(await deliverDueOutbox(db, sources, signal, options)).toBe(1);
    expect(events(db, id).map((e) => JSON.parse(e.data) as unknown)).toEqual([{ action: 'answer' }, { action: 'status', status: 'closed' }]);
    expect(server.hits.filter((h) => h.startsWith('/messages/POS-1/'))).toHaveLength(4);
  });

  it('writes no second entry when another deliverer recorded the item first', async () => {
    const db = memoryDb();
    const id = seedAppeal(db, 'POS-2');
    // While this delivery waits for the source, another worker records the same item as delivered.
    const { server } = await scriptedPos([], () => db.prepare('UPDATE outbox SET delivered_at = 1 WHERE delivered_at IS NULL').run());
    const sources = new Map([['pos', endpoint('pos', 'pos', server.url, { writeBack: true })]]);
    db.transaction(() => enqueueOutbox(db, { sourceId: 'pos', appealId: id, action: 'status', payload: { status: 'in_progress' } }, T0))();
    await deliverDueOutbox(db, sources, new AbortController().signal, { now: () => T0 + 1, random: () => 0.5, baseBackoffMs: 10, maxBackoffMs: 10 });
    expect(events(db, id)).toEqual([]);
    expect(db.prepare('SELECT delivered_at FROM outbox').pluck().get()).toBe(1);
  });

  it('writes nothing for an item whose appeal has left the cache', async () => {
    const db = memoryDb();
    const id = seedAppeal(db, 'POS-1');
    const { server } = await scriptedPos([]);
    const sources = new Map([['pos', endpoint('pos', 'pos', server.url, { writeBack: true })]]);
    db.transaction(() => enqueueOutbox(db, { sourceId: 'pos', appealId: id, action: 'answer', payload: { text: 'x' } }, T0))();
    db.prepare('DELETE FROM appeals WHERE id = ?').run(id);
    expect(await deliverDueOutbox(db, sources, new AbortController().signal, { now: () => T0 + 1, random: () => 0.5, baseBackoffMs: 10, maxBackoffMs: 10 })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM appeal_events WHERE kind = 'writeback-delivered'").pluck().get()).toBe(0);
    expect(server.hits).toEqual([]);
  });
});
