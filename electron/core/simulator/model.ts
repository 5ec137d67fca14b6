import type { AppealStatus } from '../../../shared/domain';
import { DAY_MS, HOUR_MS } from '../../../shared/time';
import { createRandom, type Random } from '../demo/random';
import { HOURLY_WEIGHTS, randomPointIn } from '../demo/seed';
import { FIRST_NAMES, LAST_NAMES, STREETS, TEXTS } from '../demo/texts';
import type { RegionPack } from '../region/pack';

/** Status of each version of a simulated appeal: it moves forward one step per update. */
export const VERSION_STATUS: readonly AppealStatus[] = ['new', 'new', 'assigned', 'in_progress', 'answered', 'closed'];
export const MAX_VERSION = VERSION_STATUS.length - 1;

/** Relative volume per source kind (112 by far the largest, as in the region's figures). */
export const SOURCE_WEIGHTS: Record<string, number> = { line112: 6, incident: 3, pos: 3, portal: 1, hotline: 1.5, safecity: 0.7, gzhi: 0.5, open311: 0.5 };

export interface Attrs {
  municipalityId: string;
  categoryId: string;
  lon: number;
  lat: number;
  text: string;
  address: string;
  author: string;
  phone: string;
}

class Grow<T extends Float64Array | Int32Array | Uint8Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  set(i: number, v: number) {
    if (i >= this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2, i + 1));
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
}
const f64 = () => new Grow(new Float64Array(1024), (n) => new Float64Array(n));
const i32 = () => new Grow(new Int32Array(1024), (n) => new Int32Array(n));
const u8 = () => new Grow(new Uint8Array(1024), (n) => new Uint8Array(n));

/**
 * One source's appeals and their change log, held as typed arrays so a backlog of millions costs
 * tens of megabytes: an appeal's content is derived from its index and the seed when rendered.
 */
export class SourceLog {
  readonly created = f64();
  readonly version = u8();
  count = 0;
  readonly logIndex = i32();
  readonly logVersion = u8();
  readonly logAt = f64();
  logCount = 0;
  /** Content of appeals born from a scripted event (their place and category are not the seed's). */
  readonly overrides = new Map<number, Partial<Attrs>>();

  constructor(
    readonly id: string,
    readonly kind: string,
    readonly seed: number,
  ) {}

  add(createdAt: number, version: number, override?: Partial<Attrs>): number {
    const i = this.count++;
    this.created.set(i, createdAt);
    this.version.set(i, version);
    if (override) this.overrides.set(i, override);
    this.append(i, version, createdAt);
    return i;
  }

  append(index: number, version: number, at: number): void {
    const n = this.logCount++;
    this.logIndex.set(n, index);
    this.logVersion.set(n, version);
    this.logAt.set(n, at);
  }

  /** First log position strictly after (since, after): the feed's cursor. */
  positionAfter(since: number, after: number | null): number {
    if (after !== null && after >= 0 && after < this.logCount && this.logAt.data[after] === since) return after + 1;
    let lo = 0;
    let hi = this.logCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.logAt.data[mid]! <= since) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First appeal created at or after `at` (appeals are created in time order). */
  indexAtOrAfter(at: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.created.data[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The time of an appeal's current version: the last log entry for it. */
  updatedAtOf(index: number): number {
    return this.lastAt.get(index) ?? this.created.data[index]!;
  }
  readonly lastAt = new Map<number, number>();
}

/** Places weighted by population, with a pool of points per municipality drawn once (point-in-polygon is slow). */
export class Places {
  private readonly ids: string[];
  private readonly cumulative: Float64Array;
  private readonly pools = new Map<string, [number, number][]>();

  constructor(pack: RegionPack, seed: number) {
    const random = createRandom(seed);
    this.ids = pack.municipalities.map((m) => m.id);
    this.cumulative = new Float64Array(this.ids.length);
    let total = 0;
    pack.municipalities.forEach((m, i) => {
      total += m.population ?? 10_000;
      this.cumulative[i] = total;
      const pool: [number, number][] = [];
      for (let k = 0; k < 64; k++) {
        const p = randomPointIn(pack, m.id, random);
        if (p) pool.push(p);
      }
      this.pools.set(m.id, pool);
    });
  }

  pick(random: Random): string {
    const r = random.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return this.ids[lo]!;
  }

  point(municipalityId: string, random: Random): [number, number] {
    const pool = this.pools.get(municipalityId);
    return pool && pool.length > 0 ? random.pick(pool) : [44, 56.3];
  }
}

export function attrsOf(log: SourceLog, index: number, places: Places, categories: readonly string[]): Attrs {
  const random = createRandom((log.seed ^ Math.imul(index + 1, 2654435761)) >>> 0);
  const override = log.overrides.get(index);
  const municipalityId = override?.municipalityId ?? places.pick(random);
  const categoryId = override?.categoryId ?? random.pick(categories);
  const [lon, lat] = override?.lon !== undefined && override.lat !== undefined ? [override.lon, override.lat] : places.point(municipalityId, random);
  return {
    municipalityId,
    categoryId,
    lon,
    lat,
    text: random.pick(TEXTS[categoryId] ?? ['Обращение жителя']),
    address: `${random.pick(STREETS)}, д. ${random.int(1, 120)}`,
    author: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    phone: `+7 9${random.int(10, 99)} ${random.int(100, 999)}-${random.int(10, 99)}-${random.int(10, 99)}`,
  };
}

/** The version a backlog appeal has reached at its age: old appeals are mostly answered or closed. */
export function backlogVersion(ageMs: number, random: Random): number {
  if (ageMs < 2 * HOUR_MS) return random.int(1, 3);
  if (ageMs < DAY_MS) return random.int(2, 5);
  if (ageMs < 5 * DAY_MS) return random.int(3, 6);
  return random.int(4, 6);
}

/** Share of the day's volume at a given hour (the region's daily rhythm). */
export function hourWeight(at: number, timeZoneOffsetMs = 3 * HOUR_MS): number {
  const hour = Math.floor(((at + timeZoneOffsetMs) % DAY_MS) / HOUR_MS);
  return HOURLY_WEIGHTS[hour]! / (HOURLY_WEIGHTS.reduce((a, b) => a + b, 0) / 24);
}
