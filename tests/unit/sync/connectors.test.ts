import { describe, expect, it } from 'vitest';
import { capConnector, fetchCapPage, normalizeCap, alertOf } from '../../../electron/core/connectors/cap';
import { request, SourceError } from '../../../electron/core/connectors/http';
import { normalizeIncident } from '../../../electron/core/connectors/incident';
import { normalizeCallCard } from '../../../electron/core/connectors/line112';
import { fetchOpen311Page, normalizeOpen311, parseOpen311Requests, parseOpen311Services, tolerantJson } from '../../../electron/core/connectors/open311';
import { normalizePos, posConnector } from '../../../electron/core/connectors/pos';
import { normalizeIndicator } from '../../../electron/core/connectors/services';
import { decodeXml, parseUntrustedXml, XmlRefused } from '../../../electron/core/connectors/xml';
import { prepareBatchStore } from '../../../electron/core/sync/store';
import { appealOf, body, endpoint, fakeSource, fixture, memoryDb, normalizeContext } from './helpers';

const res = (text: string | Buffer) => ({ status: 200, headers: {}, body: Buffer.isBuffer(text) ? text : Buffer.from(text) });
const appeal = appealOf;

describe('Open311 GeoReport v2', () => {
  it('reads the specification\'s service list, leading-zero codes included, in JSON and XML', () => {
    const json = parseOpen311Services(res(fixture('open311/services.json')), 'json', 1 << 20);
    expect(json.map((s) => s.serviceCode)).toEqual(['001', '002', '003']);
    expect(json[0]).toMatchObject({ serviceName: 'Cans left out 24x7', group: 'sanitation' });
    const xml = parseOpen311Services(res(fixture('open311/services.xml')), 'xml', 1 << 20);
    expect(xml.map((s) => s.serviceCode)).toEqual(['001', '002']);
  });

  it('normalizes the specification\'s requests the same from JSON and XML', () => {
    const ctx = normalizeContext('open311', { '006': 'potholes' });
    const fromJson = parseOpen311Requests(res(fixture('open311/requests.json')), 'json', 1 << 20).map((r) => appeal(normalizeOpen311(r, ctx)));
    const fromXml = parseOpen311Requests(res(fixture('open311/requests.xml')), 'xml', 1 << 20).map((r) => appeal(normalizeOpen311(r, ctx)));
    expect(fromJson).toEqual(fromXml);
    expect(fromJson[0]).toMatchObject({
      externalId: '638344',
      status: 'closed',
      categoryId: 'potholes',
      text: 'Sidewalk and Curb Issues',
      address: '8TH AVE and JUDAH ST',
      receivedAt: Date.parse('2010-04-14T06:37:38-08:00'),
      deadlineAt: Date.parse('2010-04-15T06:37:38-08:00'),
      lat: 37.762221815,
      lon: -122.4651145,
      municipalityId: null,
    });
    expect(fromJson[1]!.status).toBe('new');
  });

  it('maps the extended statuses in any case and rejects what it cannot read, with a reason', () => {
    const ctx = normalizeContext('open311');
    const rows = tolerantJson(fixture('open311/requests-broken.json').toString()) as unknown[];
    const out = rows.map((r) => normalizeOpen311(r, ctx));
    expect(out.map((o) => (o.kind === 'appeal' ? o.appeal.status : o.kind))).toEqual(['in_progress', 'in_progress', 'rejected', 'invalid', 'invalid', 'invalid', 'skip', 'closed']);
    expect(out[3]).toMatchObject({ reason: expect.stringContaining('requested_datetime') });
    expect(out[4]).toMatchObject({ reason: expect.stringContaining('teleported') });
    expect(out[5]).toMatchObject({ reason: expect.stringContaining('lat/long') });
    // Quoting leading-zero numbers never touches text inside strings.
    expect(appeal(out[7]!).text).toBe('code: 007, ok');
    expect(appeal(out[0]!).municipalityId).toBe('RU-NIZ-048');
  });

  it('walks start_date/end_date windows of at most 90 days and pages of at most 1000', async () => {
    const server = await fakeSource({ '/requests.json': body('application/json', '[]') });
    const now = Date.parse('2026-01-01T00:00:00Z');
    const ep = endpoint('open311', 'open311', server.url, { pageSize: 5000, startAt: now - 200 * 86_400_000 });
    let cursor: string | null = null;
    let more = true;
    const ctl = new AbortController();
    for (let i = 0; i < 10 && more; i++) ({ cursor, more } = await fetchOpen311Page(ep, cursor, ctl.signal, now));
    expect(more).toBe(false);
    const windows = server.hits.map((h) => new URL(h, 'http://x').searchParams);
    expect(windows).toHaveLength(3);
    for (const w of windows) {
      expect(Date.parse(w.get('end_date')!) - Date.parse(w.get('start_date')!)).toBeLessThanOrEqual(90 * 86_400_000);
      expect(w.get('page_size')).toBe('1000');
    }
    expect(windows.at(-1)!.get('end_date')).toBe(new Date(now).toISOString());
  });
});

describe('CAP 1.2 and 1.1', () => {
  const parse = (file: string) => alertOf(parseUntrustedXml(fixture(file), 1 << 20))!;

  it('reads the specification\'s thunderstorm warning: polygon to a point, severity to priority', () => {
    const a = appeal(normalizeCap(parse('cap/cap12-thunderstorm.xml'), normalizeContext('safecity')));
    expect(a).toMatchObject({ externalId: 'KSTO1055887203', status: 'new', categoryId: 'snow', escalated: true, priority: 2, text: 'SEVERE THUNDERSTORM WARNING' });
    expect(a.lat).toBeCloseTo(38.4875, 3);
    expect(a.lon).toBeCloseTo(-119.93, 2);
    expect(a.sourceUpdatedAt).toBe(Date.parse('2003-06-17T14:57:00-07:00'));
  });

  it('reads CAP 1.1 the same way', () => {
    const a = appeal(normalizeCap(parse('cap/cap11-homeland.xml'), normalizeContext('safecity')));
    expect(a).toMatchObject({ externalId: '43b080713727', categoryId: 'publicorder', text: 'Homeland Security Sets Code ORANGE', lat: null });
  });

  it('picks the Russian info block among several languages', () => {
    const a = appeal(normalizeCap(parse('cap/cap12-multilang-ru.xml'), normalizeContext('safecity')));
    expect(a.text).toBe('Сильный снегопад на Бору, дороги не расчищены');
    expect(a.categoryId).toBe('snow');
    expect(a.municipalityId).not.toBeNull();
  });

  it('applies Update and Cancel to the alert they reference, through a chain of references', () => {
    const db = memoryDb();
    const store = prepareBatchStore(db);
    const ctx = normalizeContext('safecity');
    for (const file of ['cap/cap12-earthquake-1.xml', 'cap/cap12-earthquake-2.xml', 'cap/cap12-earthquake-3-cancel.xml']) {
      store.commitPage('safecity', capConnector, { records: [{ value: parse(file), text: '' }], rejected: [] }, ctx);
    }
    const rows = db.prepare("SELECT external_id, text, status FROM appeals WHERE source_id = 'safecity'").all();
    expect(rows).toEqual([{ external_id: 'TRI13970876.1', text: 'EQ 3.4 Imperial County CA', status: 'closed' }]);
  });

  it('skips exercises and tests, and says why', () => {
    const alert = { ...parse('cap/cap12-thunderstorm.xml'), status: 'Exercise' };
    expect(normalizeCap(alert, normalizeContext('safecity'))).toEqual({ kind: 'skip', reason: 'status Exercise is not Actual' });
  });

  it('refuses an XXE payload without reading the file it names', () => {
    expect(() => parseUntrustedXml(fixture('cap/xxe.xml'), 1 << 20)).toThrow(XmlRefused);
    expect(() => parseUntrustedXml(fixture('cap/xxe.xml'), 1 << 20)).toThrow(/XXE/);
  });

  it('honours a declared ISO-8859-1 encoding', () => {
    expect(decodeXml(fixture('cap/latin1.xml'))).toContain('Météo: vigilance orange neige-verglas, prévoir des délais');
    const a = appeal(normalizeCap(parse('cap/latin1.xml'), normalizeContext('safecity')));
    expect(a.text).toBe('Météo: vigilance orange neige-verglas, prévoir des délais');
  });

  it('refuses an oversized document before parsing it', () => {
    expect(() => parseUntrustedXml(fixture('cap/cap12-thunderstorm.xml'), 100)).toThrow(/exceeds the limit/);
  });

  it('follows an Atom index: good alerts stored, XXE, oversized and truncated ones quarantined with their reason', async () => {
    const atom = (entries: string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>2026-01-15T09:00:00Z</updated>${entries
        .map((href, i) => `<entry><id>urn:x:${i}</id><title>${i}</title><updated>2026-01-15T0${i}:00:00Z</updated><link href="${href}"/></entry>`)
        .join('')}</feed>`;
    const big = Buffer.concat([fixture('cap/cap12-thunderstorm.xml'), Buffer.alloc(300_000, 32)]);
    const server = await fakeSource({
      '/feed.atom': body('application/atom+xml', atom(['a/storm.xml', 'a/eq1.xml', 'a/eq2.xml', 'a/xxe.xml', 'a/big.xml', 'a/cut.xml', 'a/latin1.xml'])),
      '/a/storm.xml': body('application/cap+xml', fixture('cap/cap12-thunderstorm.xml')),
      '/a/eq1.xml': body('application/cap+xml', fixture('cap/cap12-earthquake-1.xml')),
      '/a/eq2.xml': body('application/cap+xml', fixture('cap/cap12-earthquake-2.xml')),
      '/a/xxe.xml': body('application/cap+xml', fixture('cap/xxe.xml')),
      '/a/big.xml': body('application/cap+xml', big),
      '/a/latin1.xml': body('application/cap+xml', fixture('cap/latin1.xml')),
      '/a/cut.xml': (_req, r) => {
        const bytes = fixture('cap/cap12-multilang-ru.xml');
        r.writeHead(200, { 'content-length': String(bytes.length) });
        r.write(bytes.subarray(0, 200), () => r.socket?.destroy());
      },
    });
    const page = await fetchCapPage(endpoint('safecity', 'cap', server.url, { maxBytes: 200_000 }), null, new AbortController().signal);
    expect(page.records).toHaveLength(4);
    expect(page.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/xxe\.xml: .*XXE/), expect.stringMatching(/big\.xml: .*exceeds the limit/), expect.stringMatching(/cut\.xml: .*(truncated|cut)/)]);
    const db = memoryDb();
    const result = prepareBatchStore(db).commitPage('safecity', capConnector, page, normalizeContext('safecity'));
    expect(result).toMatchObject({ inserted: 3, updated: 1, quarantined: 3 });
    expect(db.prepare("SELECT count(*) FROM quarantine WHERE source_id = 'safecity' AND reason LIKE '%XXE%'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM appeals WHERE text LIKE ?').pluck().get('%root:%')).toBe(0);
    expect(Number(page.cursor)).toBe(Date.parse('2026-01-15T06:00:00Z') + 1);
  });
});

describe('project-defined formats', () => {
  it('ПОС: stores valid messages and quarantines the broken ones with a reason naming the field', () => {
    const db = memoryDb();
    const items = (JSON.parse(fixture('project/pos-messages.json').toString()) as { items: unknown[] }).items;
    const out = items.map((i) => normalizePos(i, normalizeContext('pos')));
    expect(appeal(out[0]!)).toMatchObject({ externalId: 'POS-2026-000123', status: 'in_progress', categoryId: 'heating', municipalityId: 'RU-NIZ-048', author: { name: 'Анна Иванова' } });
    expect(appeal(out[1]!)).toMatchObject({ status: 'new', categoryId: null, municipalityId: expect.stringMatching(/^RU-NIZ-/) });
    expect(out.slice(2).map((o) => (o.kind === 'invalid' ? o.reason.split(':')[0] : o.kind))).toEqual(['text', 'created_at', 'status']);
    const result = prepareBatchStore(db).commitPage('pos', posConnector, { records: items.map((value) => ({ value, text: '' })), rejected: [], cursor: 'c1' }, normalizeContext('pos'));
    expect(result).toMatchObject({ inserted: 2, quarantined: 3 });
    expect(db.prepare("SELECT cursor FROM sources WHERE id = 'pos'").pluck().get()).toBe('c1');
    const raw = db.prepare("SELECT raw FROM quarantine WHERE reason LIKE 'status%'").pluck().get() as string;
    expect(JSON.parse(raw)).toMatchObject({ id: 'POS-2026-000127', status: 'flying' });
  });

  it('Инцидент: the answer is due 24 hours after registration', () => {
    const items = (JSON.parse(fixture('project/incident-posts.json').toString()) as { items: unknown[] }).items;
    const [a, b] = items.map((i) => appeal(normalizeIncident(i, normalizeContext('incident'))));
    expect(a).toMatchObject({ channel: 'vk', status: 'new', categoryId: 'garbage', deadlineAt: Date.parse('2026-01-16T10:00:00+03:00') });
    expect(b).toMatchObject({ channel: 'telegram', status: 'answered', firstResponseAt: Date.parse('2026-01-14T15:30:00+03:00') });
  });

  it('112: call type maps to a category; an impossible position is refused', () => {
    const items = (JSON.parse(fixture('project/line112-cards.json').toString()) as { items: unknown[] }).items;
    expect(appeal(normalizeCallCard(items[0], normalizeContext('line112')))).toMatchObject({ categoryId: 'fire', status: 'assigned', priority: 2, author: { phone: '+7 920 000-00-00' } });
    // lat 91 is not a place: the card is kept (an emergency is never dropped) without coordinates.
    expect(appeal(normalizeCallCard(items[1], normalizeContext('line112')))).toMatchObject({ lat: null, lon: null, categoryId: 'ambulance' });
  });

  it('services: indicators are a time series; a negative queue is refused', () => {
    const items = (JSON.parse(fixture('project/services-indicators.json').toString()) as { items: unknown[] }).items;
    const out = items.map((i) => normalizeIndicator(i, normalizeContext('services')));
    expect(out[0]).toMatchObject({ kind: 'indicator', indicator: { officeId: 'mfc-nn-1', queueLength: 14, waitMinutes: 22.5, municipalityId: 'RU-NIZ-048' } });
    expect(out[2]).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('queue_length') });
  });
});

describe('HTTP bounds', () => {
  it('refuses an oversized body and reports a truncated one, never hanging', async () => {
    const server = await fakeSource({
      '/big': body('application/json', Buffer.alloc(50_000, 32)),
      '/chunked-big': (_req, r) => {
        r.writeHead(200);
        for (let i = 0; i < 100; i++) r.write(Buffer.alloc(1000, 32));
        r.end();
      },
      '/cut': (_req, r) => {
        r.writeHead(200, { 'content-length': '1000' });
        r.write('{"items":[', () => r.socket?.destroy());
      },
      '/slow': () => {},
    });
    const opts = { timeoutMs: 300, maxBytes: 10_000 };
    await expect(request(`${server.url}big`, opts)).rejects.toMatchObject({ kind: 'oversize' });
    await expect(request(`${server.url}chunked-big`, opts)).rejects.toMatchObject({ kind: 'oversize' });
    await expect(request(`${server.url}cut`, opts)).rejects.toMatchObject({ kind: 'truncated' });
    await expect(request(`${server.url}slow`, opts)).rejects.toBeInstanceOf(SourceError);
    await expect(request(`${server.url}slow`, opts)).rejects.toMatchObject({ kind: 'timeout' });
  });
});
