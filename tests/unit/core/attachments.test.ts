import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app';
import { safeAttachments, safeUrl } from '../../../electron/core/connectors/attachments';
import { alertOf, normalizeCap } from '../../../electron/core/connectors/cap';
import { normalizeOpen311, parseOpen311Requests } from '../../../electron/core/connectors/open311';
import { normalizePos, posConnector } from '../../../electron/core/connectors/pos';
import { parseUntrustedXml } from '../../../electron/core/connectors/xml';
import { type AppealInput, loadCategoryRules, prepareAppealUpsert } from '../../../electron/core/db/appeals';
import { getAppealAttachments } from '../../../electron/core/db/attachments';
import { openDatabase } from '../../../electron/core/db/open';
import type { CallContext } from '../../../electron/core/rpc';
import { prepareBatchStore } from '../../../electron/core/sync/store';
import { formatBytes } from '../../../renderer/src/i18n/format';
import { appealInput, REGIONS_DIR } from '../helpers';
import { appealOf, fixture, memoryDb, normalizeContext } from '../sync/helpers';

const T0 = 1_700_000_000_000;
const record = (over: Partial<AppealInput> = {}): AppealInput => appealInput({ receivedAt: T0, sourceUpdatedAt: T0, ...over });
const PHOTO = { name: 'батарея.jpg', url: 'https://pos.example/files/1.jpg', size: 120_000, mime: 'image/jpeg' };
const PLAN = { name: 'план.pdf', url: 'https://pos.example/files/2.pdf', size: null, mime: null };

const appeal = appealOf;
const posMessage = (over: Record<string, unknown> = {}) => ({
  id: 'POS-1',
  created_at: '2026-01-15T07:12:00+03:00',
  updated_at: '2026-01-15T09:40:00+03:00',
  text: 'Нет отопления',
  status: 'new',
  ...over,
});

describe('appeal attachments in the cache', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO sources (id, kind, name) VALUES ('pos', 'pos', 'ПОС')").run();
    const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
    const id = () => db.prepare("SELECT id FROM appeals WHERE external_id = 'x-1'").pluck().get() as number;
    const rows = () => db.prepare('SELECT count(*) FROM appeal_attachments').pluck().get() as number;
    return { db, upsert: (r: AppealInput) => db.transaction(() => upsert([r]))(), id, rows };
  };

  it('migration 0006 adds a STRICT table and nothing on appeals', () => {
    const db = openDatabase(':memory:');
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'appeal_attachments'").pluck().get() as string;
    expect(sql).toMatch(/WITHOUT ROWID, STRICT\s*$/);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql LIKE '%appeal_attachments%'").pluck().get()).toBe(0);
    db.close();
  });

  it('stores the list, never duplicates it on a re-sent record, and replaces it with a new one', () => {
    const { db, upsert, id, rows } = setup();
    expect(upsert(record({ attachments: [PHOTO, PLAN] })).inserted).toBe(1);
    expect(getAppealAttachments(db, id())).toEqual([PHOTO, PLAN]);

    // The same record again (the source re-sent a page): the upsert skips it, the list stays once.
    expect(upsert(record({ attachments: [PHOTO, PLAN] })).unchanged).toBe(1);
    // A newer version with the same files: the appeal updates, the list is not written twice.
    expect(upsert(record({ sourceUpdatedAt: T0 + 1, status: 'in_progress', attachments: [PHOTO, PLAN] })).updated).toBe(1);
    expect(rows()).toBe(2);
    expect(getAppealAttachments(db, id())).toEqual([PHOTO, PLAN]);

    const other = { name: 'ответ.png', url: 'http://pos.example/files/3.png', size: 5, mime: null };
    upsert(record({ sourceUpdatedAt: T0 + 2, attachments: [other] }));
    expect(getAppealAttachments(db, id())).toEqual([other]);

    // A source that says nothing of files leaves the list; an empty list from the source clears it.
    upsert(record({ sourceUpdatedAt: T0 + 3, status: 'answered' }));
    expect(getAppealAttachments(db, id())).toEqual([other]);
    upsert(record({ sourceUpdatedAt: T0 + 4, attachments: [] }));
    expect(rows()).toBe(0);

    upsert(record({ sourceUpdatedAt: T0 + 5, attachments: [PHOTO] }));
    db.prepare('DELETE FROM appeals').run();
    expect(rows()).toBe(0);
    db.close();
  });

  it('costs nothing for sources without attachments: the table is never read', () => {
    const { db, upsert, rows } = setup();
    db.exec('DROP TABLE appeal_attachments');
    expect(upsert(record()).inserted).toBe(1);
    expect(upsert(record({ sourceUpdatedAt: T0 + 1, status: 'closed' })).updated).toBe(1);
    expect(() => rows()).toThrow(/no such table/);
    db.close();
  });

  it('a ПОС page goes through the batch store with its files', () => {
    const db = memoryDb();
    db.prepare("INSERT INTO sources (id, kind, name) VALUES ('pos', 'pos', 'ПОС') ON CONFLICT DO NOTHING").run();
    const store = prepareBatchStore(db);
    const items = (JSON.parse(fixture('project/pos-messages.json').toString()) as { items: unknown[] }).items;
    const page = { records: items.map((value) => ({ value, text: JSON.stringify(value) })), rejected: [], cursor: null };
    store.commitPage('pos', posConnector, page, normalizeContext('pos'));
    store.commitPage('pos', posConnector, page, normalizeContext('pos'));
    const id = db.prepare("SELECT id FROM appeals WHERE source_id = 'pos' AND external_id = 'POS-2026-000123'").pluck().get() as number;
    expect(getAppealAttachments(db, id)).toEqual([{ name: 'батарея.jpg', url: 'https://pos.example/files/123.jpg', size: 183220, mime: null }]);
    expect(db.prepare('SELECT count(*) FROM appeal_attachments').pluck().get()).toBe(1);
  });
});

describe('connectors pass attachments through', () => {
  it('ПОС: name, link and size; an unsafe link is dropped and the appeal kept', () => {
    const ctx = normalizeContext('pos');
    const a = appeal(
      normalizePos(
        posMessage({
          attachments: [
            { name: 'фото.jpg', url: ' https://pos.example/f/1.jpg ', size: 120_000 },
            { name: 'evil', url: 'javascript:alert(1)' },
            { name: 'local', url: 'file:///etc/passwd' },
            { name: 'inline', url: 'data:image/png;base64,AAAA' },
            { name: 'relative', url: '/files/2.jpg' },
            { name: '', url: 'http://pos.example/files/%D0%BF%D0%BB%D0%B0%D0%BD.pdf' },
          ],
        }),
        ctx,
      ),
    );
    expect(a.attachments).toEqual([
      { name: 'фото.jpg', url: 'https://pos.example/f/1.jpg', size: 120_000, mime: null },
      { name: 'план.pdf', url: 'http://pos.example/files/%D0%BF%D0%BB%D0%B0%D0%BD.pdf', size: null, mime: null },
    ]);
    expect(appeal(normalizePos(posMessage(), ctx)).attachments).toBeUndefined();
    expect(appeal(normalizePos(posMessage({ attachments: [] }), ctx)).attachments).toEqual([]);
  });

  it('keeps only absolute http(s) links and reports how many it dropped', () => {
    expect(safeUrl('HTTPS://Example.org/a b.jpg')).toBe('https://example.org/a%20b.jpg');
    expect(safeUrl('ftp://example.org/a.jpg')).toBeNull();
    expect(safeUrl('x'.repeat(10))).toBeNull();
    expect(safeUrl(`https://example.org/${'a'.repeat(3000)}`)).toBeNull();
    const many = Array.from({ length: 60 }, (_, i) => ({ name: `${i}.jpg`, url: `https://e.org/${i}.jpg`, size: -1 }));
    const { attachments, dropped } = safeAttachments([...many, { url: 'javascript:void 0' }]);
    expect(attachments).toHaveLength(50);
    expect(attachments[0]!.size).toBeNull();
    expect(dropped).toBe(11);
  });

  it('Open311: media_url is one attachment, in JSON and XML alike', () => {
    const ctx = normalizeContext('open311', { '006': 'potholes' });
    const res = (file: string) => ({ status: 200, headers: {}, body: fixture(file) });
    for (const [file, format] of [['open311/requests.json', 'json'], ['open311/requests.xml', 'xml']] as const) {
      const rows = parseOpen311Requests(res(file), format, 1 << 20).map((r) => appeal(normalizeOpen311(r, ctx)));
      expect(rows[0]!.attachments).toEqual([{ name: '638344.jpg', url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg', size: null, mime: null }]);
      expect(rows[1]!.attachments).toEqual([{ name: '638349.jpg', url: 'http://city.gov.s3.amazonaws.com/requests/media/638349.jpg', size: null, mime: null }]);
    }
    const base = { service_request_id: '1', requested_datetime: '2026-01-15T07:12:00+03:00', status: 'open' };
    expect(appeal(normalizeOpen311({ ...base, media_url: '' }, ctx)).attachments).toEqual([]);
    expect(appeal(normalizeOpen311({ ...base, media_url: 'javascript:alert(1)' }, ctx)).attachments).toEqual([]);
    expect(appeal(normalizeOpen311(base, ctx)).attachments).toBeUndefined();
  });

  it('CAP: resource blocks with their description and type', () => {
    const alert = alertOf(parseUntrustedXml(fixture('cap/cap11-homeland.xml'), 1 << 20))!;
    expect(appeal(normalizeCap(alert, normalizeContext('safecity'))).attachments).toEqual([
      { name: 'Image file (GIF)', url: 'http://www.dhs.gov/dhspublic/getAdvisoryImage', size: null, mime: 'image/gif' },
    ]);
  });
});

describe('the card contract', () => {
  it('appeals:get returns the attachments', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cur-attach-'));
    const core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 0 });
    try {
      const upsert = prepareAppealUpsert(core.db, loadCategoryRules(core.db));
      const { changedIds } = core.db.transaction(() => upsert([record({ externalId: 'card-1', categoryId: 'heating', attachments: [PHOTO] })]))();
      const ctx: CallContext = { role: 'operator', via: 'host', session: { user: null } };
      await core.registry.call('auth:login', { login: 'supervisor', password: 'supervisor' }, ctx);
      const card = (await core.registry.call('appeals:get', { id: changedIds[0] }, ctx)) as { attachments: unknown };
      expect(card.attachments).toEqual([PHOTO]);
    } finally {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('file sizes in the card', () => {
  it('reads as a file manager shows them, in Russian', () => {
    expect(formatBytes(0)).toBe('0 Б');
    expect(formatBytes(512)).toBe('512 Б');
    expect(formatBytes(120_000)).toBe('117 КБ');
    expect(formatBytes(1536)).toBe('1,5 КБ');
    expect(formatBytes(2_500_000)).toBe('2,4 МБ');
    expect(formatBytes(50 * 1024 ** 3)).toBe('50 ГБ');
  });
});
