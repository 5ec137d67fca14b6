import { latLngToCell } from 'h3-js';
import type { AppealStatus } from '../../../shared/domain';
import { DAY_MS, HOUR_MS, zoneOffsetMs } from '../../../shared/time';
import { H3_RESOLUTION } from '../db/appeals';
import { createRandom, type Random } from '../demo/random';
import { HOURLY_WEIGHTS, randomPointIn } from '../demo/seed';
import { STREETS, TEXTS } from '../demo/texts';
import type { RegionPack } from '../region/pack';

/** One generated appeal, already in the cache's column layout (times in epoch ms). */
export interface GenAppeal {
  id: number;
  sourceId: string;
  externalId: string;
  channel: string;
  receivedAt: number;
  updatedAt: number;
  text: string;
  categoryId: string;
  sectorId: string;
  municipalityId: string;
  address: string;
  lon: number;
  lat: number;
  h3: string;
  status: AppealStatus;
  agencyId: string | null;
  deadlineAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  escalated: number;
  priority: number;
  duplicateOf: number | null;
  rating: number | null;
  reopened: number;
}

/** A scripted incident: extra appeals of one category in one municipality or one H3 cell. */
export interface GenEvent {
  kind: 'snowfall' | 'heating' | 'water' | 'power';
  categoryId: string;
  municipalityId: string;
  /** Set for a neighbourhood-scale event: every appeal comes from this res-7 cell. */
  h3: string | null;
  start: number;
  hours: number;
  appeals: number;
}

export interface GenOptions {
  appeals: number;
  now: number;
  days?: number;
  seed?: number;
  /** Scripted incidents; by default a year gets a few dozen, two of them under way at `now`. */
  events?: GenEvent[];
  /** A flat rhythm without growth, seasons or random incidents (a "quiet week" for tests). */
  quiet?: boolean;
}

/** Where appeals come from: a fixed pool of addresses per municipality, so places repeat like real ones. */
interface Place {
  municipalityId: string;
  lon: number;
  lat: number;
  h3: string;
  address: string;
}

const SOURCE_WEIGHTS: Record<string, number> = { line112: 6, incident: 3, pos: 3, portal: 1, hotline: 1.5, safecity: 0.7, gzhi: 0.5, open311: 0.5 };
const CHANNELS: Record<string, readonly string[]> = {
  incident: ['vk', 'telegram', 'ok'], pos: ['gosuslugi'], portal: ['portal'], line112: ['phone'], hotline: ['phone'],
  safecity: ['camera'], gzhi: ['gzhi'], open311: ['open311'],
};
/** Median hours to the first response per source (112 answers at once, the housing inspection slowly). */
const RESPONSE_MEDIAN_H: Record<string, number> = { line112: 0.08, incident: 5.5, pos: 10, portal: 20, hotline: 1, safecity: 0.5, gzhi: 48, open311: 24 };
/** More streets than the demo's, so that a city's addresses do not collide by the thousand. */
const MORE_STREETS = [
  'ул. Пушкина', 'ул. Чкалова', 'ул. Кирова', 'ул. Молодёжная', 'ул. Школьная', 'ул. Заводская', 'ул. Лесная', 'ул. Полевая',
  'ул. Набережная', 'ул. Комсомольская', 'ул. Победы', 'ул. Строителей', 'ул. Новая', 'ул. Центральная', 'ул. Юбилейная',
  'ул. Первомайская', 'ул. Пролетарская', 'ул. Нагорная', 'ул. Революционная', 'ул. Маяковского', 'пр. Ленина', 'пр. Кораблестроителей',
  'ул. Родионова', 'ул. Ванеева', 'ул. Бекетова', 'ул. Рождественская', 'ул. Ильинская', 'ул. Студёная', 'ул. Минина', 'бул. Мира',
];
const WEEKDAY_WEIGHTS = [0.65, 1.05, 1.05, 1.0, 1.0, 0.95, 0.75]; // Sunday first, as Date#getUTCDay
/** About one address per 150 residents: enough that a run of complaints from one address stands out. */
const RESIDENTS_PER_PLACE = 150;

function seasonalWeight(categoryId: string, month: number, quiet: boolean): number {
  if (quiet) return categoryId === 'snow' || categoryId === 'heating' ? 0.5 : 1;
  const winter = month >= 10 || month <= 2;
  const heatingSeason = month >= 9 || month <= 3;
  switch (categoryId) {
    case 'snow': return winter ? 5 : month === 3 ? 1 : 0.02;
    case 'heating': return heatingSeason ? 3 : 0.2;
    case 'potholes': return month >= 2 && month <= 5 ? 3 : 1;
    case 'trees': case 'air': case 'yard': return winter ? 0.5 : 1.5;
    case 'accident': return 3;
    case 'fire': return 1.5;
    default: return 1;
  }
}

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

function pickIndex(cum: Float64Array, random: Random): number {
  const r = random.next() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A standard normal draw (Box–Muller). */
const gaussian = (random: Random) => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());

function buildPlaces(pack: RegionPack, random: Random): Map<string, Place[]> {
  const places = new Map<string, Place[]>();
  for (const m of pack.municipalities) {
    const list: Place[] = [];
    const count = Math.min(10_000, Math.max(40, Math.round((m.population ?? 10_000) / RESIDENTS_PER_PLACE)));
    for (let i = 0; i < count; i++) {
      const point = randomPointIn(pack, m.id, random);
      if (!point) continue;
      list.push({ municipalityId: m.id, lon: point[0], lat: point[1], h3: latLngToCell(point[1], point[0], H3_RESOLUTION), address: `${random.pick(random.chance(0.3) ? STREETS : MORE_STREETS)}, д. ${random.int(1, 250)}` });
    }
    if (list.length) places.set(m.id, list);
  }
  return places;
}

/** Default incidents of a year: snowfalls and outages spread over the seasons, two under way at `now`. */
export function defaultEvents(pack: RegionPack, now: number, days: number, random: Random, places: Map<string, Place[]>, scale: number): GenEvent[] {
  const municipalities = pack.municipalities.filter((m) => places.has(m.id));
  const events: GenEvent[] = [];
  const sizeOf = (base: number) => Math.max(20, Math.round(base * scale));
  const cellIn = (municipalityId: string) => random.pick(places.get(municipalityId)!).h3;
  for (let i = 0; i < 40; i++) {
    const start = now - random.int(2, days - 1) * DAY_MS + random.int(0, 24) * HOUR_MS;
    const month = new Date(start).getUTCMonth();
    const winter = month >= 10 || month <= 2;
    const m = random.pick(municipalities).id;
    const kind = winter ? random.pick(['snowfall', 'heating', 'power'] as const) : random.pick(['water', 'power'] as const);
    const categoryId = { snowfall: 'snow', heating: 'heating', water: 'water', power: 'power' }[kind];
    const local = kind === 'heating' || kind === 'water';
    events.push({ kind, categoryId, municipalityId: m, h3: local ? cellIn(m) : null, start, hours: random.int(6, 30), appeals: sizeOf(local ? 120 : 600) });
  }
  const storm = pack.municipalities.find((m) => m.name === 'Бор')?.id ?? municipalities[1]!.id;
  const capital = pack.info.capitalId && places.has(pack.info.capitalId) ? pack.info.capitalId : municipalities[0]!.id;
  events.push({ kind: 'snowfall', categoryId: 'snow', municipalityId: storm, h3: null, start: now - 5 * HOUR_MS, hours: 5, appeals: sizeOf(250) });
  events.push({ kind: 'heating', categoryId: 'heating', municipalityId: capital, h3: cellIn(capital), start: now - 4 * HOUR_MS, hours: 4, appeals: sizeOf(80) });
  return events;
}

/**
 * Streams a region's year of appeals in time order: volume growing towards the present, weekly and
 * daily rhythm, seasonal topics, response times per source, and scripted incidents. Deterministic
 * for a seed. Calls `emit` in batches so a caller can write each one in its own transaction.
 */
export function generateYear(pack: RegionPack, options: GenOptions, emit: (batch: GenAppeal[]) => void, batchSize = 50_000): { events: GenEvent[]; count: number } {
  const random = createRandom(options.seed ?? 20260101);
  const now = options.now;
  const days = options.days ?? 365;
  const quiet = options.quiet ?? false;
  const start = now - days * DAY_MS;
  const offset = zoneOffsetMs(now, pack.config.timeZone);
  const places = buildPlaces(pack, random);
  const municipalities = pack.municipalities.filter((m) => places.has(m.id));
  const muniCum = cumulative(municipalities.map((m) => m.population ?? 10_000));
  const sources = pack.config.sources.filter((s) => s.kind !== 'services');
  const sourceCum = cumulative(sources.map((s) => SOURCE_WEIGHTS[s.kind] ?? 1));
  const categories = pack.config.categories;
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const agencyOf = new Map<string, string | null>();
  for (const c of categories) agencyOf.set(c.id, pack.config.agencies.find((a) => a.sectorId === c.sectorId)?.id ?? null);
  const categoryCumByMonth = Array.from({ length: 12 }, (_, month) => cumulative(categories.map((c) => seasonalWeight(c.id, month, quiet))));

  const scale = options.appeals / 30_000_000;
  const events = options.events ?? (quiet ? [] : defaultEvents(pack, now, days, random, places, Math.max(scale, 0.002)));
  const eventTotal = events.reduce((sum, e) => sum + e.appeals, 0);
  const background = Math.max(0, options.appeals - eventTotal);

  // Weight of every hour of the period; the background volume is spread over them.
  const hours = Math.ceil((now - start) / HOUR_MS);
  const hourWeights = new Float64Array(hours);
  let weightSum = 0;
  for (let h = 0; h < hours; h++) {
    const t = start + h * HOUR_MS;
    const local = new Date(t + offset);
    const trend = quiet ? 1 : 0.55 + 0.45 * (h / hours);
    const month = local.getUTCMonth();
    const season = quiet ? 1 : month >= 10 || month <= 2 ? 1.15 : 1;
    const w = trend * season * WEEKDAY_WEIGHTS[local.getUTCDay()]! * HOURLY_WEIGHTS[local.getUTCHours()]!;
    hourWeights[h] = w;
    weightSum += w;
  }

  let id = 0;
  let batch: GenAppeal[] = [];
  const recentByPlace = new Map<string, number>();
  const make = (receivedAt: number, place: Place, categoryId: string): GenAppeal => {
    const category = categoryById.get(categoryId)!;
    const source = sources[pickIndex(sourceCum, random)]!;
    const age = now - receivedAt;
    const trend = source.kind === 'incident' && !quiet ? 8 / 5.5 - ((8 / 5.5 - 1) * (receivedAt - start)) / (now - start) : 1;
    const responseMs = Math.max(30_000, Math.round((RESPONSE_MEDIAN_H[source.kind] ?? 8) * trend * Math.exp(0.9 * gaussian(random)) * HOUR_MS));
    const responded = responseMs <= age;
    const deadlineAt = category.deadlineHours ? receivedAt + category.deadlineHours * HOUR_MS : null;
    let status: AppealStatus;
    let resolvedAt: number | null = null;
    if (!responded) status = random.chance(0.5) ? 'new' : 'assigned';
    else if (age < 2 * DAY_MS) status = random.pick(['in_progress', 'in_progress', 'answered', 'closed']);
    else if (age < 14 * DAY_MS) status = random.pick(['in_progress', 'answered', 'closed', 'closed', 'closed']);
    else status = random.chance(0.004) ? 'in_progress' : random.chance(0.04) ? 'rejected' : random.chance(0.15) ? 'answered' : 'closed';
    const reopened = status !== 'new' && status !== 'assigned' && random.chance(0.02) ? 1 : 0;
    if (reopened && age < 3 * DAY_MS && random.chance(0.5)) status = 'reopened';
    if (status === 'closed') resolvedAt = Math.min(now, receivedAt + responseMs + Math.round(random.next() * 3 * DAY_MS));
    const placeKey = `${place.h3}\u0000${place.address}\u0000${categoryId}`;
    const previous = recentByPlace.get(placeKey);
    id++;
    recentByPlace.set(placeKey, id);
    return {
      id,
      sourceId: source.id,
      externalId: `g${id}`,
      channel: random.pick(CHANNELS[source.kind] ?? ['other']),
      receivedAt,
      updatedAt: Math.min(now, responded ? receivedAt + responseMs : receivedAt),
      text: random.pick(TEXTS[categoryId] ?? ['Обращение без текста']),
      categoryId,
      sectorId: category.sectorId,
      municipalityId: place.municipalityId,
      address: place.address,
      lon: place.lon,
      lat: place.lat,
      h3: place.h3,
      status,
      agencyId: status === 'new' ? null : agencyOf.get(categoryId) ?? null,
      deadlineAt,
      firstResponseAt: responded ? receivedAt + responseMs : null,
      resolvedAt,
      escalated: random.chance(0.01) ? 1 : 0,
      priority: random.int(0, 3),
      duplicateOf: previous !== undefined && random.chance(0.25) ? previous : null,
      rating: status === 'closed' && random.chance(0.3) ? random.pick([1, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5]) : null,
      reopened,
    };
  };

  // Event appeals, placed on the timeline hour by hour together with the background.
  const eventHours = new Map<number, { event: GenEvent; count: number }[]>();
  for (const event of events) {
    for (let k = 0; k < event.appeals; k++) {
      const at = event.start + random.next() * event.hours * HOUR_MS;
      if (at >= now || at < start) continue;
      const h = Math.floor((at - start) / HOUR_MS);
      const list = eventHours.get(h) ?? [];
      const entry = list.find((x) => x.event === event);
      if (entry) entry.count++;
      else list.push({ event, count: 1 });
      eventHours.set(h, list);
    }
  }
  const cellPlaces = new Map<string, Place[]>();
  for (const list of places.values()) for (const p of list) cellPlaces.set(p.h3, [...(cellPlaces.get(p.h3) ?? []), p]);

  let carry = 0;
  const times: number[] = [];
  const items: { place: Place; categoryId: string }[] = [];
  for (let h = 0; h < hours; h++) {
    const hourStart = start + h * HOUR_MS;
    const expected = (background * hourWeights[h]!) / weightSum + carry;
    const count = Math.floor(expected);
    carry = expected - count;
    const month = new Date(hourStart + offset).getUTCMonth();
    items.length = 0;
    for (let k = 0; k < count; k++) {
      const municipality = municipalities[pickIndex(muniCum, random)]!;
      items.push({ place: random.pick(places.get(municipality.id)!), categoryId: categories[pickIndex(categoryCumByMonth[month]!, random)]!.id });
    }
    for (const { event, count: n } of eventHours.get(h) ?? []) {
      const pool = (event.h3 ? cellPlaces.get(event.h3) : null) ?? places.get(event.municipalityId)!;
      for (let k = 0; k < n; k++) items.push({ place: random.pick(pool), categoryId: event.categoryId });
    }
    times.length = 0;
    for (let k = 0; k < items.length; k++) times.push(hourStart + Math.floor(random.next() * HOUR_MS));
    times.sort((a, b) => a - b);
    // Shuffle which item gets which time so event appeals spread over the hour.
    for (let k = items.length - 1; k > 0; k--) {
      const j = Math.floor(random.next() * (k + 1));
      [items[k], items[j]] = [items[j]!, items[k]!];
    }
    for (let k = 0; k < items.length; k++) {
      if (times[k]! >= now) continue;
      batch.push(make(times[k]!, items[k]!.place, items[k]!.categoryId));
      if (batch.length >= batchSize) {
        emit(batch);
        batch = [];
      }
    }
    if (recentByPlace.size > 2_000_000) recentByPlace.clear();
  }
  if (batch.length) emit(batch);
  return { events, count: id };
}
