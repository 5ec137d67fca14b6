import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { syncRollupZone } from '../../../electron/core/analytics/rollups';
import { prepareTension } from '../../../electron/core/analytics/tension';
import { frequentWords, plural, poissonTail, streetOf } from '../../../electron/core/analytics/words';
import { openDatabase } from '../../../electron/core/db/open';
import { seedReference } from '../../../electron/core/db/reference';
import { generateYear, type GenAppeal, type GenEvent } from '../../../electron/core/gen/model';
import { prepareGenInsert } from '../../../electron/core/gen/write';
import { loadRegionPack } from '../../../electron/core/region/pack';
import { REGIONS_DIR } from '../helpers';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 20, 9); // a Tuesday morning in January
const pack = loadRegionPack(REGIONS_DIR, 'RU-NIZ');
const BOR = pack.municipalities.find((m) => m.name === 'Бор')!.id;
const CAPITAL = pack.info.capitalId!;
// A neighbourhood of Нижний Новгород (upper town), as a resolution-7 cell.
const CELL = latLngToCell(56.3269, 44.0059, 7);

/** Five quiet weeks of a flat rhythm (no growth, no seasons), with the given scripted events. */
function synthetic(events: GenEvent[]) {
  const db = openDatabase(':memory:');
  seedReference(db, pack);
  syncRollupZone(db, pack.config.timeZone, NOW);
  const insert = prepareGenInsert(db);
  const rows: GenAppeal[] = [];
  generateYear(pack, { appeals: 40_000, now: NOW, days: 35, quiet: true, seed: 11, events }, (batch) => {
    insert(batch);
    rows.push(...batch.slice(-2000));
  });
  return { db, rows, insert };
}

describe('tension points', () => {
  it('find a scripted snowfall in one district, a heating outage in one neighbourhood and repeat complaints from one address', () => {
    const { db, rows, insert } = synthetic([
      { kind: 'snowfall', categoryId: 'snow', municipalityId: BOR, h3: null, start: NOW - 5 * HOUR, hours: 5, appeals: 60 },
      { kind: 'heating', categoryId: 'heating', municipalityId: CAPITAL, h3: CELL, start: NOW - 4 * HOUR, hours: 4, appeals: 30 },
    ]);
    // Six residents of one building complain about its lift over the morning.
    const template = rows.find((r) => r.municipalityId === CAPITAL && r.h3 !== CELL)!;
    const lastId = db.prepare('SELECT max(id) FROM appeals').pluck().get() as number;
    insert(Array.from({ length: 6 }, (_, i) => ({
      ...template, id: lastId + 1 + i, externalId: `lift-${i}`, categoryId: 'elevator', sectorId: 'housing',
      text: 'Лифт не работает вторую неделю, в доме 16 этажей', receivedAt: NOW - (i + 1) * 2 * HOUR, status: 'new' as const,
      firstResponseAt: null, duplicateOf: null,
    })));

    const { points } = prepareTension(db)(NOW);
    const snow = points.find((p) => p.kind === 'municipality-sector' && p.municipalityId === BOR && p.sectorId === 'roads');
    expect(snow, JSON.stringify(points, null, 1)).toBeDefined();
    expect(snow!.count).toBeGreaterThanOrEqual(25); // the 3-hour window is the most surprising one
    expect(snow!.explanation).toMatch(/^Бор, Дороги: \d+ обращени[йея] за \d+ ч/);
    expect(snow!.words.join(' ')).toMatch(/снег|наледь|чистят/);

    const heat = points.find((p) => p.kind === 'cell-category' && p.h3 === CELL && p.categoryId === 'heating');
    expect(heat, JSON.stringify(points, null, 1)).toBeDefined();
    expect(heat!.count).toBeGreaterThanOrEqual(25);
    expect(heat!.explanation).toMatch(/^Новгород, один квартал \(.+\): отопление — \d+ обращени/);
    expect(heat!.explanation).not.toMatch(/д\. \d/); // streets only, never a house number

    const lift = points.find((p) => p.kind === 'repeat' && p.categoryId === 'elevator');
    expect(lift, JSON.stringify(points, null, 1)).toBeDefined();
    expect(lift!.count).toBe(6);
    expect(lift!.explanation).toMatch(/^Повторные жалобы: неисправность лифта, [^,]+ \(Новгород\) — 6 обращений с одного адреса за 24 ч\. Частые слова: .*лифт/);
    expect(lift!.street).toBe(streetOf(template.address));

    // Nothing else in those quiet weeks is called a tension point; the same events seen at another
    // scale (the outage lifts the capital's housing sector as a whole) are fine.
    const expected = new Set([snow, heat, lift]);
    const sameEvent = (p: (typeof points)[number]) =>
      (p.municipalityId === BOR && (p.sectorId === 'roads' || p.categoryId === 'snow')) || p.h3 === CELL || (p.municipalityId === CAPITAL && p.sectorId === 'housing');
    const others = points.filter((p) => !expected.has(p) && !sameEvent(p));
    expect(others, JSON.stringify(others, null, 1)).toEqual([]);
  });

  it('stay silent on a quiet synthetic week', () => {
    const { db } = synthetic([]);
    const tension = prepareTension(db);
    for (const at of [NOW, NOW - 30 * HOUR, NOW - 3 * 24 * HOUR + 7 * HOUR]) {
      const { points } = tension(at);
      expect(points, JSON.stringify(points, null, 1)).toEqual([]);
    }
  });

  it('speak Russian and count surprises with Poisson tails', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 111].map((n) => plural(n, 'обращение', 'обращения', 'обращений'))).toEqual([
      'обращение', 'обращения', 'обращений', 'обращений', 'обращение', 'обращения', 'обращений', 'обращений',
    ]);
    expect(poissonTail(0, 3)).toBe(1);
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonTail(10, 2)).toBeCloseTo(4.649807e-5, 9);
    expect(poissonTail(60, 3)).toBeLessThan(1e-40);
    expect(frequentWords(['Нет света на улице', 'Света нет с утра на улице', 'Нет света, улица тёмная'], 2)).toEqual(['света', 'улице']);
    expect(streetOf('ул. Ленина, д. 5')).toBe('ул. Ленина');
  });
});
