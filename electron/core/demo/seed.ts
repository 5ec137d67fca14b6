import type { AppealStatus } from '../../../shared/domain';
import { DAY_MS, HOUR_MS } from '../../../shared/time';
import { type AppealInput, loadCategoryRules, prepareAppealUpsert } from '../db/appeals';
import type { Db } from '../db/open';
import { inPolygons, polygonBBox, type RegionPack } from '../region/pack';
import { createRandom, type Random } from './random';
import { FIRST_NAMES, LAST_NAMES, STREETS, TEXTS } from './texts';

/** Share of appeals per hour of the day: quiet at night, peaks mid-morning and early evening. */
export const HOURLY_WEIGHTS = [
  0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.4, 1.6, 1.7, 1.6, 1.5, 1.5, 1.5, 1.4, 1.4, 1.5, 1.5, 1.3, 1.1, 0.8, 0.5, 0.3,
];

const CHANNELS: Record<string, readonly string[]> = {
  incident: ['vk', 'telegram', 'ok'],
  pos: ['gosuslugi'],
  portal: ['portal'],
  line112: ['phone'],
  hotline: ['phone'],
  safecity: ['camera'],
  gzhi: ['gzhi'],
  open311: ['open311'],
};
const SOURCE_WEIGHTS: Record<string, number> = { line112: 6, incident: 3, pos: 3, portal: 1, hotline: 1.5, safecity: 0.7, gzhi: 0.5, open311: 0.5 };

export function randomPointIn(pack: RegionPack, municipalityId: string, random: Random): [number, number] | null {
  const polygons = pack.polygons.get(municipalityId);
  if (!polygons || polygons.length === 0) return null;
  const [minX, minY, maxX, maxY] = polygonBBox(polygons);
  for (let attempt = 0; attempt < 60; attempt++) {
    const lon = minX + random.next() * (maxX - minX);
    const lat = minY + random.next() * (maxY - minY);
    if (inPolygons(lon, lat, polygons)) return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
  }
  return null;
}

function statusForAge(ageMs: number, random: Random): AppealStatus {
  if (ageMs < 2 * HOUR_MS) return random.pick(['new', 'new', 'assigned']);
  if (ageMs < DAY_MS) return random.pick(['new', 'assigned', 'in_progress', 'in_progress', 'answered']);
  if (ageMs < 5 * DAY_MS) return random.pick(['assigned', 'in_progress', 'answered', 'answered', 'closed']);
  return random.pick(['answered', 'closed', 'closed', 'closed', 'closed', 'rejected', 'in_progress']);
}

export interface DemoOptions {
  count: number;
  now?: number;
  days?: number;
  seed?: number;
  /** A scripted heavy snowfall in one district today, so the wall has a tension point to show. */
  snowstormMunicipality?: string | null;
}

/** Appeals that look like a real region's month: weighted by population and sources, daily rhythm. */
export function generateDemoAppeals(pack: RegionPack, options: DemoOptions): AppealInput[] {
  const random = createRandom(options.seed ?? 20260401);
  const now = options.now ?? Date.now();
  const days = options.days ?? 35;
  const { categories, sources } = pack.config;
  const appealSources = sources.filter((s) => s.kind !== 'services');
  const municipalities = pack.municipalities;
  const records: AppealInput[] = [];

  const make = (receivedAt: number, municipalityId: string, categoryId: string, index: number): AppealInput => {
    const source = random.weighted(appealSources, (s) => SOURCE_WEIGHTS[s.kind] ?? 1);
    const point = randomPointIn(pack, municipalityId, random);
    const status = statusForAge(now - receivedAt, random);
    const answered = status === 'answered' || status === 'closed';
    const firstResponseAt = answered || status === 'in_progress' ? Math.min(now, Math.round(receivedAt + (0.3 + random.next() * 9) * HOUR_MS)) : null;
    const withAuthor = random.chance(0.6);
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    return {
      sourceId: source.id,
      externalId: `demo-${index}`,
      channel: random.pick(CHANNELS[source.kind] ?? ['other']),
      receivedAt,
      sourceUpdatedAt: firstResponseAt ?? receivedAt,
      text: random.pick(TEXTS[categoryId] ?? ['Обращение без текста']),
      categoryId,
      municipalityId,
      address: point ? `${random.pick(STREETS)}, д. ${random.int(1, 120)}` : null,
      lon: point?.[0] ?? null,
      lat: point?.[1] ?? null,
      status,
      firstResponseAt,
      resolvedAt: status === 'closed' && firstResponseAt ? Math.min(now, Math.round(firstResponseAt + random.next() * 3 * DAY_MS)) : null,
      escalated: random.chance(0.02),
      priority: random.int(0, 3),
      author: withAuthor
        ? { name, phone: `+7 9${random.int(10, 99)} ${random.int(100, 999)}-${random.int(10, 99)}-${random.int(10, 99)}`, email: random.chance(0.4) ? `user${index}@example.ru` : null }
        : null,
    };
  };

  const hourTotal = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0);
  for (let i = 0; i < options.count; i++) {
    // Pick a time: a day (volume grows towards the present), then an hour by the daily rhythm.
    let receivedAt: number;
    do {
      const dayAgo = Math.floor(Math.pow(random.next(), 1.3) * days);
      let r = random.next() * hourTotal;
      let hour = 0;
      while (hour < 23 && (r -= HOURLY_WEIGHTS[hour]!) > 0) hour++;
      const dayStart = now - dayAgo * DAY_MS - (now % DAY_MS);
      receivedAt = dayStart + hour * HOUR_MS + Math.floor(random.next() * HOUR_MS);
    } while (receivedAt > now);
    const municipality = random.weighted(municipalities, (m) => m.population ?? 10_000);
    const category = random.pick(categories);
    records.push(make(receivedAt, municipality.id, category.id, i));
  }

  const storm = options.snowstormMunicipality === undefined ? municipalities.find((m) => m.name === 'Бор')?.id : options.snowstormMunicipality;
  if (storm) {
    for (let i = 0; i < 30; i++) {
      records.push(make(now - Math.floor(random.next() * 8 * HOUR_MS), storm, 'snow', options.count + i));
    }
  }
  return records.sort((a, b) => a.receivedAt - b.receivedAt);
}

/** Loads the demo dataset once, on the first start of an empty cache. */
export function seedDemoIfEmpty(db: Db, pack: RegionPack, options: DemoOptions): number {
  const { n } = db.prepare('SELECT count(*) AS n FROM appeals').get() as { n: number };
  if (n > 0) return 0;
  const records = generateDemoAppeals(pack, options);
  const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
  db.transaction(() => upsert(records, options.now ?? Date.now()))();
  return records.length;
}
