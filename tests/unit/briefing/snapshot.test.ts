import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app';
import { openOfflineCore } from '../../../electron/core/briefing/offlineCore';
import { buildSnapshotContent, datasetKey, readSnapshot, writeSnapshot } from '../../../electron/core/briefing/snapshot';
import { openSnapshotBuffer, sealSnapshot, SnapshotError } from '../../../electron/core/briefing/snapshotFile';
import { loadCategoryRules, prepareAppealUpsert } from '../../../electron/core/db/appeals';
import { HOUR_MS } from '../../../shared/time';
import { REGIONS_DIR, tempDir } from '../helpers';

const PASS = 'зимний-брифинг-2026';
const PLANTED = {
  name: 'Петров Сергей Иванович',
  phone: '+7 910 123-45-67',
  email: 's.petrov@mail.ru',
  address: 'ул. Ленина, д. 5, кв. 12',
};

/** A demo cache plus, in every category, the latest resolved appeal whose text names its author. */
function seededCore() {
  const core = createCore({ dataDir: tempDir(), regionsDir: REGIONS_DIR, demoAppeals: 3000, watchIntervalMs: 60_000 });
  const now = Date.now();
  const upsert = prepareAppealUpsert(core.db, loadCategoryRules(core.db));
  const records = core.pack.config.categories.flatMap((c, i) =>
    core.pack.municipalities.slice(0, 3).map((m, j) => ({
      sourceId: 'portal',
      externalId: `planted-${c.id}-${j}`,
      channel: 'portal',
      receivedAt: now - HOUR_MS + i * 1000 + j,
      sourceUpdatedAt: now,
      text: `Меня зовут ${PLANTED.name}, телефон ${PLANTED.phone}, почта ${PLANTED.email}. Живу: ${PLANTED.address}. Звонила Анна Смирнова 8 (920) 555-11-22.`,
      categoryId: c.id,
      municipalityId: m.id,
      address: PLANTED.address,
      lon: m.lon,
      lat: m.lat,
      status: 'closed' as const,
      firstResponseAt: now - HOUR_MS / 2,
      resolvedAt: now - HOUR_MS / 4,
      author: { name: PLANTED.name, phone: PLANTED.phone, email: PLANTED.email },
    })),
  );
  core.db.transaction(() => upsert(records, now))();
  return core;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

const digits = (s: string) => s.replace(/\D/g, '');

describe('the offline briefing snapshot', () => {
  it('carries no name, phone, e-mail or address of any resident, in any field or in the file', () => {
    const core = seededCore();
    const authors = core.db.prepare('SELECT name, phone, email FROM appeal_authors').all() as { name: string | null; phone: string | null; email: string | null }[];
    const addresses = (core.db.prepare('SELECT DISTINCT address FROM appeals WHERE address IS NOT NULL').all() as { address: string }[]).map((r) => r.address);
    expect(authors.length).toBeGreaterThan(1000);
    expect(addresses.length).toBeGreaterThan(100);

    const { file } = writeSnapshot(core.db, core.pack, core.dataDir, PASS);
    const content = readSnapshot(file, PASS);
    // The planted appeals are the latest resolved ones, so they must have been chosen as examples:
    // otherwise this test would prove nothing about the scrubbing.
    const examples = Object.values(content.data).flatMap((d) => d.examples);
    expect(examples.some((e) => e.text.includes('[имя скрыто]') && e.text.includes('[телефон скрыт]'))).toBe(true);

    const all = strings(content);
    const text = all.join('\n');
    const phoneDigits = new Set(authors.map((a) => a.phone && digits(a.phone).slice(-10)).filter((p): p is string => !!p));
    phoneDigits.add('9205551122');
    for (const a of authors) {
      if (a.name) expect(text).not.toContain(a.name);
      if (a.email) expect(text).not.toContain(a.email);
    }
    for (const s of all) {
      const d = digits(s);
      if (d.length >= 10) for (const p of phoneDigits) expect(d, s).not.toContain(p);
    }
    for (const address of addresses) expect(text).not.toContain(address);
    for (const word of ['Петров', 'Сергей', 'Иванович', 'Смирнова', 'Ленина', 's.petrov', '@']) expect(text).not.toContain(word);
    for (const e of examples) {
      if (e.lon !== null) expect(Math.round(e.lon * 100)).toBeCloseTo(e.lon * 100, 6);
    }

    const raw = readFileSync(file);
    for (const needle of [PLANTED.name, PLANTED.phone, PLANTED.email, PLANTED.address, 'Петров', ...addresses.slice(0, 20)]) {
      expect(raw.includes(Buffer.from(needle, 'utf8'))).toBe(false);
    }
    core.close();
  });

  it('holds every standard period for the region and each municipality, equal to the live figures', async () => {
    const core = seededCore();
    const now = Date.now();
    const content = buildSnapshotContent(core.db, core.pack, now);
    expect(Object.keys(content.data)).toHaveLength(3 * (core.pack.municipalities.length + 1));
    const week = content.data[datasetKey('week', null)]!;
    const { n } = core.db.prepare('SELECT count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ?').get(week.period.from, week.period.to) as { n: number };
    expect(week.kpis.received).toBe(n);
    expect(week.series.reduce((s, p) => s + p.received, 0)).toBe(n);
    const bor = core.pack.municipalities.find((m) => m.name === 'Бор')!;
    const borToday = content.data[datasetKey('today', bor.id)]!;
    const { m } = core.db.prepare('SELECT count(*) AS m FROM appeals WHERE municipality_id = ? AND received_at >= ? AND received_at < ?').get(bor.id, borToday.period.from, borToday.period.to) as { m: number };
    expect(borToday.kpis.received).toBe(m);
    expect(content.geo.features).toHaveLength(core.pack.municipalities.length);
    core.close();
  });

  it('refuses a wrong passphrase and a flipped byte with a clear message, never garbage', () => {
    const sealed = sealSnapshot({ hello: 'мир' }, PASS, { log2N: 12, r: 8, p: 1 });
    expect(openSnapshotBuffer(sealed, PASS)).toEqual({ hello: 'мир' });
    expect(() => openSnapshotBuffer(sealed, 'не тот пароль')).toThrow('Неверный пароль или файл повреждён');
    for (const at of [20, 40, Math.floor(sealed.length / 2), sealed.length - 1]) {
      const damaged = Buffer.from(sealed);
      damaged[at]! ^= 0x01;
      expect(() => openSnapshotBuffer(damaged, PASS), `byte ${at}`).toThrow(SnapshotError);
      expect(() => openSnapshotBuffer(damaged, PASS)).toThrow('Неверный пароль или файл повреждён');
    }
    expect(() => openSnapshotBuffer(Buffer.from('PK\u0003\u0004 not a briefing at all, just bytes'), PASS)).toThrow('Это не файл брифинга ЦУР');
  });

  it('checks each dataset and the boundaries when first asked for: one that does not fit the contract is a clear error', async () => {
    const core = seededCore();
    const content = buildSnapshotContent(core.db, core.pack);
    core.close();
    const broken = { ...content, data: { ...content.data, [datasetKey('month', null)]: { period: 'month' } }, geo: { type: 'FeatureCollection', features: [{}] } };
    const file = join(tempDir(), 'broken.cur-briefing');
    writeFileSync(file, sealSnapshot(broken, PASS, { log2N: 12, r: 8, p: 1 }));
    expect(() => readSnapshot(file, PASS)).toThrow('несовместимой версией');

    const offline = openOfflineCore(file, PASS);
    const call = (method: string, arg: object) => offline.registry.call(method as never, arg, { role: 'briefing' });
    await expect(call('briefing:data', { period: 'week' })).resolves.toMatchObject({ period: { kind: 'week' }, municipalityId: null });
    await expect(call('briefing:data', { period: 'month' })).rejects.toThrow(/повреждён или записан несовместимой версией/);
    await expect(call('briefing:geo', {})).rejects.toThrow(/повреждён или записан несовместимой версией/);
    await expect(call('reference:get', {})).resolves.toMatchObject({ region: { id: 'RU-NIZ' } });
    offline.close();
  });

  it('opens in briefing-only mode: the briefing methods answer from the file, writes are refused', async () => {
    const core = seededCore();
    const { file } = writeSnapshot(core.db, core.pack, core.dataDir, PASS);
    core.close();
    const flipped = readFileSync(file);
    flipped[flipped.length >> 1]! ^= 0x80;
    writeFileSync(`${file}.bad`, flipped);
    expect(() => openOfflineCore(`${file}.bad`, PASS)).toThrow('Неверный пароль или файл повреждён');
    expect(() => openOfflineCore(file, 'wrong-passphrase')).toThrow('Неверный пароль или файл повреждён');

    const offline = openOfflineCore(file, PASS);
    const info = (await offline.registry.call('briefing:info', {}, { role: 'briefing' })) as { mode: string; periods: string[] };
    expect(info.mode).toBe('snapshot');
    expect(info.periods).toEqual(['today', 'week', 'month']);
    await expect(offline.registry.call('briefing:data', { period: 'month' }, { role: 'briefing' })).resolves.toMatchObject({ period: { kind: 'month' } });
    await expect(offline.registry.call('briefing:data', { period: 'custom', from: 1, to: 2 }, { role: 'briefing' })).rejects.toThrow(/только сегодня, неделя и месяц/);
    await expect(offline.registry.call('briefing:snapshot', { passphrase: PASS }, { role: 'briefing' })).rejects.toThrow(/уже офлайн-снимок/);
    await expect(offline.registry.call('appeals:query', {}, { role: 'operator' })).rejects.toMatchObject({ code: 'bad-method' });
    offline.close();
  });
});
