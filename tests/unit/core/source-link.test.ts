import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../electron/core/app';
import { incidentConnector, normalizeIncident } from '../../../electron/core/connectors/incident';
import { normalizeOpen311 } from '../../../electron/core/connectors/open311';
import { normalizePos } from '../../../electron/core/connectors/pos';
import { APPEAL_COLUMNS, type AppealInput, loadCategoryRules, prepareAppealUpsert } from '../../../electron/core/db/appeals';
import { openDatabase } from '../../../electron/core/db/open';
import type { CallContext } from '../../../electron/core/rpc';
import { prepareBatchStore } from '../../../electron/core/sync/store';
import { appealInput, REGIONS_DIR, ROOT } from '../helpers';
import { appealOf, fixture, memoryDb, normalizeContext } from '../sync/helpers';

const T0 = 1_700_000_000_000;
const LINK = 'https://vk.com/wall-123456_789';
const record = (over: Partial<AppealInput> = {}): AppealInput =>
  appealInput({ sourceId: 'incident', externalId: 'post-1', channel: 'vk', receivedAt: T0, sourceUpdatedAt: T0, text: 'Во дворе не убран снег', ...over });
const appeal = appealOf;
const post = (over: Record<string, unknown> = {}) => ({
  id: 'IM-1',
  network: 'VK',
  link: LINK,
  text: 'Во дворе не убран снег',
  registered_at: '2026-01-15T07:12:00+03:00',
  updated_at: '2026-01-15T07:12:00+03:00',
  status: 'new',
  ...over,
});

describe('migration 0008', () => {
  it('adds a nullable source_url to appeals, with no trigger or index on it', () => {
    const db = openDatabase(':memory:');
    const column = (db.pragma('table_info(appeals)') as { name: string; type: string; notnull: number; dflt_value: unknown }[]).find((c) => c.name === 'source_url');
    expect(column).toMatchObject({ type: 'TEXT', notnull: 0, dflt_value: null });
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql LIKE '%source_url%'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('the upsert keeps the source link', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO sources (id, kind, name) VALUES ('incident', 'incident', 'Инцидент')").run();
    const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
    const row = () =>
      db.prepare("SELECT source_url AS url, priority, escalated, resolved_at AS resolvedAt FROM appeals WHERE external_id = 'post-1'").get() as {
        url: string | null;
        priority: number;
        escalated: number;
        resolvedAt: number | null;
      };
    return { db, upsert: (r: AppealInput) => db.transaction(() => upsert([r]))(), row };
  };

  it('stores the link in source_url, every other positional value where it was', () => {
    const { db, upsert, row } = setup();
    expect(upsert(record({ sourceUrl: LINK, priority: 3, escalated: true, resolvedAt: T0 + 5 })).inserted).toBe(1);
    expect(row()).toEqual({ url: LINK, priority: 3, escalated: 1, resolvedAt: T0 + 5 });
    db.close();
  });

  it('an update without a link keeps the cached one; a new link replaces it', () => {
    const { db, upsert, row } = setup();
    upsert(record({ sourceUrl: LINK }));
    expect(upsert(record({ sourceUpdatedAt: T0 + 1, status: 'in_progress' })).updated).toBe(1);
    expect(row().url).toBe(LINK);
    expect(upsert(record({ sourceUpdatedAt: T0 + 2, sourceUrl: null })).updated).toBe(1);
    expect(row().url).toBe(LINK);
    const moved = 'https://vk.com/wall-123456_790';
    upsert(record({ sourceUpdatedAt: T0 + 3, sourceUrl: moved }));
    expect(row().url).toBe(moved);
    // An older version of the record changes nothing, its link included.
    expect(upsert(record({ sourceUpdatedAt: T0 + 1, sourceUrl: LINK })).unchanged).toBe(1);
    expect(row().url).toBe(moved);
    db.close();
  });

  it('a record without a link stores null', () => {
    const { db, upsert, row } = setup();
    upsert(record());
    expect(row().url).toBeNull();
    db.close();
  });

  it('an Инцидент page goes through the batch store with its links', () => {
    const db = memoryDb();
    db.prepare("INSERT INTO sources (id, kind, name) VALUES ('incident', 'incident', 'Инцидент') ON CONFLICT DO NOTHING").run();
    const items = (JSON.parse(fixture('project/incident-posts.json').toString()) as { items: { id: string; link: string }[] }).items;
    const page = { records: items.map((value) => ({ value, text: JSON.stringify(value) })), rejected: [], cursor: null };
    prepareBatchStore(db).commitPage('incident', incidentConnector, page, normalizeContext('incident'));
    const stored = db.prepare("SELECT external_id AS id, source_url AS url FROM appeals WHERE source_id = 'incident' ORDER BY id").all();
    expect(stored).toEqual(items.map((p) => ({ id: p.id, url: p.link })).sort((a, b) => a.id.localeCompare(b.id)));
  });
});

describe('connectors give the link where the source has one', () => {
  it('Инцидент: the post link; an unsafe or relative one is dropped and the post kept', () => {
    const ctx = normalizeContext('incident');
    expect(appeal(normalizeIncident(post(), ctx)).sourceUrl).toBe(LINK);
    expect(appeal(normalizeIncident(post({ link: ' https://t.me/nn_chat/555 ' }), ctx)).sourceUrl).toBe('https://t.me/nn_chat/555');
    for (const bad of ['javascript:alert(document.cookie)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', '/wall-1_2', '']) {
      const a = appeal(normalizeIncident(post({ link: bad }), ctx));
      expect(a.sourceUrl).toBeNull();
      expect(a.text).toBe('Во дворе не убран снег');
    }
  });

  it('Open311: a url or request_url when the server sends one; media_url is never the link', () => {
    const ctx = normalizeContext('open311');
    const base = { service_request_id: '1', requested_datetime: '2026-01-15T07:12:00+03:00', status: 'open', media_url: 'https://city.example/m/1.jpg' };
    expect(appeal(normalizeOpen311(base, ctx)).sourceUrl).toBeNull();
    expect(appeal(normalizeOpen311({ ...base, url: 'https://city.example/requests/1' }, ctx)).sourceUrl).toBe('https://city.example/requests/1');
    expect(appeal(normalizeOpen311({ ...base, request_url: 'https://city.example/r/1' }, ctx)).sourceUrl).toBe('https://city.example/r/1');
    expect(appeal(normalizeOpen311({ ...base, url: 'javascript:void 0', request_url: 'https://city.example/r/1' }, ctx)).sourceUrl).toBe('https://city.example/r/1');
  });

  it('ПОС: the format has no link to the message, so none is made up', () => {
    const a = appeal(
      normalizePos({ id: 'POS-1', created_at: '2026-01-15T07:12:00+03:00', updated_at: '2026-01-15T09:40:00+03:00', text: 'Нет отопления', status: 'new' }, normalizeContext('pos')),
    );
    expect(a.sourceUrl).toBeUndefined();
  });
});

describe('the card contract', () => {
  let core: Core;
  let dataDir: string;
  let id: number;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cur-source-link-'));
    core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 0 });
    const upsert = prepareAppealUpsert(core.db, loadCategoryRules(core.db));
    // Heating is in the demo operator's sectors, so the operator may open the card.
    id = core.db.transaction(() => upsert([record({ categoryId: 'heating', sourceUrl: LINK, author: { name: 'Анна', phone: null, email: null } })]))().changedIds[0]!;
  });
  afterAll(() => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const as = async (login: string) => {
    const ctx: CallContext = { role: 'operator', via: 'host', session: { user: null } };
    await core.registry.call('auth:login', { login, password: login }, ctx);
    return ctx;
  };
  const card = async (login: string) => (await core.registry.call('appeals:get', { id }, await as(login))) as { sourceUrl: string | null; author: unknown };

  it('gives the link to an operator and a supervisor', async () => {
    expect((await card('operator')).sourceUrl).toBe(LINK);
    expect((await card('supervisor')).sourceUrl).toBe(LINK);
  });

  it('hides it from a viewer, as it hides the author', async () => {
    const c = await card('viewer');
    expect(c.sourceUrl).toBeNull();
    expect(c.author).toBeNull();
  });

  it('the queue rows carry no link: they feed the wall too', async () => {
    expect(APPEAL_COLUMNS).not.toMatch(/source_url/);
    const page = (await core.registry.call('appeals:query', {}, await as('supervisor'))) as { rows: object[] };
    expect(page.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(page.rows)).not.toContain(LINK);
  });
});

describe('the wall and the briefing never read the link', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  it.each(['wall', 'briefing'])('electron/core/%s has no query on source_url', (dir) => {
    const sources = files(join(ROOT, 'electron', 'core', dir)).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(0);
    for (const file of sources) expect(readFileSync(file, 'utf8'), file).not.toMatch(/source_?url/i);
  });
});
