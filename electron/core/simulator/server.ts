import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DAY_MS, HOUR_MS } from '../../../shared/time';

const MINUTE_MS = 60_000;
import { DEFAULT_FORMAT } from '../connectors';
import { createRandom } from '../demo/random';
import type { RegionPack } from '../region/pack';
import { drawFault, type FaultKind, type FaultOptions } from './faults';
import { backlogVersion, hourWeight, MAX_VERSION, Places, SOURCE_WEIGHTS, SourceLog, VERSION_STATUS } from './model';
import { renderCapAlert, renderCapFeed, renderFeedItem, renderOpen311, renderOpen311Services, type RenderContext } from './render';

export interface SimulatorOptions {
  pack: RegionPack;
  host?: string;
  port?: number;
  /** New appeals per second across all sources (statuses of open appeals advance at a similar pace). */
  rate?: number;
  /** Appeals already waiting when the simulator starts, spread over `backlogDays`. */
  backlog?: number;
  backlogDays?: number;
  /** Only these sources get the backlog (default: every appeal source, by volume). */
  backlogSources?: string[];
  faults?: FaultOptions;
  seed?: number;
  now?: () => number;
  tickMs?: number;
}

export interface WriteBack {
  sourceId: string;
  externalId: string;
  action: string;
  payload: unknown;
  idempotencyKey: string;
  at: number;
  /** How many times this key arrived (a retried delivery); it was applied once. */
  received: number;
}

export interface Simulator {
  url: string;
  /** Base URL of one source's API (what sources.json's `url` points at). */
  sourceUrl(sourceId: string): string;
  sources: { id: string; kind: string; format: string }[];
  /** Current state of every appeal of a source: what a fully synced cache must hold. */
  snapshot(sourceId: string): Map<string, { status: string; updatedAt: number }>;
  writeBacks(): WriteBack[];
  setFaults(faults: FaultOptions | null): void;
  setRate(rate: number): void;
  /** Advances the live generation by one tick at once (tests). */
  tick(): void;
  stats(): { appeals: Record<string, number>; requests: number; faults: Record<string, number> };
  close(): Promise<void>;
}

const INDICATOR_STEP_MS = 15 * MINUTE_MS;

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 311_112;
  const pack = options.pack;
  const random = createRandom(seed);
  const faultRandom = createRandom(seed + 1);
  const places = new Places(pack, seed + 2);
  const categories = pack.config.categories.map((c) => c.id);
  const sources = pack.config.sources.map((s) => ({ id: s.id, kind: s.kind, format: DEFAULT_FORMAT[s.kind] ?? 'pos' }));
  const logs = new Map<string, SourceLog>();
  sources.forEach((s, i) => {
    if (s.format !== 'services') logs.set(s.id, new SourceLog(s.id, s.kind, (seed * 31 + i * 7919) >>> 0));
  });
  const appealSources = sources.filter((s) => logs.has(s.id));
  const offices = pack.municipalities.map((m) => ({ id: `mfc-${m.id}`, name: `МФЦ «${m.name}»`, municipalityId: m.id, population: m.population ?? 10_000 }));
  let faults: FaultOptions | null = options.faults ?? null;
  let rate = options.rate ?? 0.5;
  const startedAt = now();
  const counters = { requests: 0, faults: {} as Record<string, number> };
  const writeBacks = new Map<string, WriteBack>();

  // Backlog: appeals spread over the past days in time order, each at the status its age suggests.
  const backlog = options.backlog ?? 0;
  if (backlog > 0) {
    const targets = appealSources.filter((s) => !options.backlogSources || options.backlogSources.includes(s.id));
    const span = (options.backlogDays ?? 30) * DAY_MS;
    const start = startedAt - span;
    for (let k = 0; k < backlog; k++) {
      const source = random.weighted(targets, (s) => SOURCE_WEIGHTS[s.kind] ?? 1);
      const at = Math.floor(start + (k / backlog) * span);
      logs.get(source.id)!.add(at, backlogVersion(startedAt - at, random));
    }
  }

  const ctx: RenderContext = { places, categories, timeZone: pack.config.timeZone };
  const capital = pack.config.capitalId;
  const bor = pack.municipalities.find((m) => m.name === 'Бор')?.id ?? capital;

  /** Scripted events repeat every hour so that a running wall always has a tension point to show. */
  function scripted(at: number): { municipalityId: string; categoryId: string; share: number } | null {
    const minute = Math.floor((at % HOUR_MS) / MINUTE_MS);
    if (minute < 20 && bor) return { municipalityId: bor, categoryId: 'snow', share: 0.35 };
    if (minute >= 30 && minute < 45 && capital) return { municipalityId: capital, categoryId: 'heating', share: 0.3 };
    return null;
  }

  let carry = 0;
  let lastTick = startedAt;
  function tick(force = false): void {
    const t = now();
    const dt = force ? 1 : (t - lastTick) / 1000;
    lastTick = t;
    carry += rate * dt * hourWeight(t);
    while (carry >= 1) {
      carry -= 1;
      const source = random.weighted(appealSources, (s) => SOURCE_WEIGHTS[s.kind] ?? 1);
      const log = logs.get(source.id)!;
      const event = scripted(t);
      let override;
      if (event && random.chance(event.share)) {
        const [lon, lat] = places.point(event.municipalityId, random);
        override = { municipalityId: event.municipalityId, categoryId: event.categoryId, lon, lat };
      }
      log.add(t, 1, override);
      // Appeals move on: a recent appeal of this source takes its next step.
      if (log.count > 1) {
        const index = Math.max(0, log.count - 1 - random.int(1, Math.min(log.count, 500)));
        const version = log.version.data[index]!;
        if (version < MAX_VERSION) {
          log.version.set(index, version + 1);
          log.append(index, version + 1, t);
          log.lastAt.set(index, t);
        }
      }
    }
  }
  const timer = setInterval(tick, options.tickMs ?? 250);
  timer.unref();

  const server = http.createServer((req, res) => {
    counters.requests++;
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error.message));
    });
  });
  server.keepAliveTimeout = 30_000;

  const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer, fault: FaultKind | null) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { 'content-type': type, 'content-length': String(bytes.length) });
    if (fault === 'truncated' && bytes.length > 16) {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(bytes);
  };

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1 << 20) throw new Error('body too large');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === '_sim') {
      if (parts[1] === 'writebacks') return send(res, 200, 'application/json', JSON.stringify([...writeBacks.values()]), null);
      return send(res, 200, 'application/json', JSON.stringify(stats()), null);
    }
    if (parts[0] !== 'api' || !parts[1]) return send(res, 404, 'text/plain', 'not found', null);
    const source = sources.find((s) => s.id === parts[1]);
    if (!source) return send(res, 404, 'text/plain', `no source ${parts[1]}`, null);
    const fault = faults ? drawFault(faults, faultRandom) : null;
    if (fault) counters.faults[fault] = (counters.faults[fault] ?? 0) + 1;
    if (fault === '500') return send(res, 500, 'text/plain', 'internal error (simulated)', null);
    if (fault === '429') {
      res.writeHead(429, { 'retry-after': String(faults?.retryAfterSec ?? 1), 'content-type': 'text/plain' });
      return void res.end('slow down (simulated)');
    }
    if (fault === 'timeout') {
      // Never answer; the client's deadline ends it. The timer is unref'd so it never holds the process.
      setTimeout(() => res.socket?.destroy(), 120_000).unref();
      return;
    }
    if (fault === 'slow') await new Promise((r) => setTimeout(r, faults?.slowMs ?? 1500));
    const rest = parts.slice(2);
    const log = logs.get(source.id);

    if (req.method === 'POST') return writeBack(req, res, source.id, rest, fault);

    if (source.format === 'services' && rest[0] === 'indicators') return send(res, 200, 'application/json', indicators(url, source.id), fault);
    if (!log) return send(res, 404, 'text/plain', 'not found', null);
    if (source.format === 'open311') {
      const [name] = rest;
      if (name === 'services.json' || name === 'services.xml') return send(res, 200, name.endsWith('xml') ? 'text/xml' : 'application/json', renderOpen311Services(ctx, pack, name.endsWith('xml') ? 'xml' : 'json'), fault);
      if (name === 'requests.json' || name === 'requests.xml') return send(res, 200, name.endsWith('xml') ? 'text/xml' : 'application/json', open311(url, log, name.endsWith('xml') ? 'xml' : 'json'), fault);
      return send(res, 404, 'text/plain', 'not found', null);
    }
    if (source.format === 'cap') {
      if (rest[0] === 'feed.atom') return send(res, 200, 'application/atom+xml', capFeed(url, log, `${baseOf(req)}/api/${source.id}`), fault);
      if (rest[0] === 'alerts' && rest[1]) {
        const n = Number(rest[1].replace(/\.xml$/, ''));
        if (!Number.isInteger(n) || n < 0 || n >= log.logCount) return send(res, 404, 'text/plain', 'no such alert', null);
        return send(res, 200, 'application/cap+xml', renderCapAlert(ctx, log, n), fault);
      }
      return send(res, 404, 'text/plain', 'not found', null);
    }
    return send(res, 200, 'application/json', await feed(url, log, source.format, fault), fault);
  }

  const baseOf = (req: http.IncomingMessage) => `http://${req.headers.host ?? '127.0.0.1'}`;

  async function feed(url: URL, log: SourceLog, format: string, fault: FaultKind | null): Promise<string> {
    const sinceText = url.searchParams.get('updated_since');
    const since = sinceText ? Date.parse(sinceText) : -Infinity;
    const afterText = url.searchParams.get('after');
    const limit = Math.min(Math.max(1, Number(url.searchParams.get('limit') ?? 1000) || 1000), 10_000);
    const from = sinceText ? log.positionAfter(since, afterText === null ? null : Number(afterText)) : 0;
    const to = Math.min(log.logCount, from + limit);
    const items: string[] = [];
    for (let n = from; n < to; n++) {
      items.push(renderFeedItem(ctx, log, format, log.logIndex.data[n]!, log.logVersion.data[n]!, log.logAt.data[n]!));
      // The simulator shares its thread with the windows' host: render big pages in slices.
      if ((n - from) % 100 === 99) await new Promise((r) => setImmediate(r));
    }
    if (fault === 'duplicates') for (let n = from; n < Math.min(to, from + 20); n++) items.push(items[n - from]!);
    if (fault === 'outoforder') {
      for (let n = from; n < to && n < from + 50; n++) {
        const version = log.logVersion.data[n]!;
        const index = log.logIndex.data[n]!;
        if (version > 1) items.push(renderFeedItem(ctx, log, format, index, version - 1, log.created.data[index]!));
      }
    }
    if (fault === 'malformed') {
      items.push(JSON.stringify({ id: `bad-${from}`, text: '', status: 'flying', created_at: 'вчера' }));
      items.push(JSON.stringify({ card_id: null, note: 'not a record of this format' }));
      items.push('42');
    }
    const last = to - 1;
    const next = to > from ? { updated_since: new Date(log.logAt.data[last]!).toISOString(), after: String(last) } : sinceText ? { updated_since: sinceText, after: afterText ?? undefined } : null;
    return `{"items":[${items.join(',')}],"next":${JSON.stringify(next)},"has_more":${to < log.logCount}}`;
  }

  function open311(url: URL, log: SourceLog, format: 'json' | 'xml'): string {
    const start = Date.parse(url.searchParams.get('start_date') ?? '') || now() - 90 * DAY_MS;
    const end = Math.min(Date.parse(url.searchParams.get('end_date') ?? '') || now(), start + 90 * DAY_MS);
    const pageSize = Math.min(Number(url.searchParams.get('page_size') ?? 1000) || 1000, 1000);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const lo = log.indexAtOrAfter(start);
    const hi = log.indexAtOrAfter(end + 1);
    const from = lo + (page - 1) * pageSize;
    const indexes: number[] = [];
    for (let i = from; i < Math.min(hi, from + pageSize); i++) indexes.push(i);
    return renderOpen311(ctx, log, indexes, format);
  }

  function capFeed(url: URL, log: SourceLog, base: string): string {
    const since = Date.parse(url.searchParams.get('since') ?? '') || -Infinity;
    const from = Number.isFinite(since) ? log.positionAfter(since - 1, null) : Math.max(0, log.logCount - 500);
    return renderCapFeed(log, from, Math.min(log.logCount, from + 500), base);
  }

  function indicators(url: URL, sourceId: string): string {
    const sinceText = url.searchParams.get('updated_since');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000) || 1000, 10_000);
    const t = now();
    const firstStep = Math.floor((startedAt - DAY_MS) / INDICATOR_STEP_MS);
    const lastStep = Math.floor(t / INDICATOR_STEP_MS);
    const since = sinceText ? Date.parse(sinceText) : -Infinity;
    const afterOffice = Number(url.searchParams.get('after') ?? -1);
    const items: string[] = [];
    let next: { updated_since: string; after: string } | null = null;
    for (let step = Math.max(firstStep, Math.floor(since / INDICATOR_STEP_MS)); step <= lastStep && items.length < limit; step++) {
      const at = step * INDICATOR_STEP_MS;
      if (at < since) continue;
      for (let o = 0; o < offices.length && items.length < limit; o++) {
        if (at === since && o <= afterOffice) continue;
        const office = offices[o]!;
        const r = createRandom((seed ^ Math.imul(step, 7919) ^ Math.imul(o + 1, 104729)) >>> 0);
        const load = hourWeight(at) * Math.sqrt(office.population / 20_000);
        items.push(
          JSON.stringify({
            office_id: office.id,
            office_name: office.name,
            municipality_id: office.municipalityId,
            at: new Date(at).toISOString(),
            queue_length: Math.round(load * (2 + r.next() * 10)),
            wait_minutes: Math.round(load * (5 + r.next() * 20) * 10) / 10,
            overdue_services: r.int(0, 4),
          }),
        );
        next = { updated_since: new Date(at).toISOString(), after: String(o) };
      }
    }
    void sourceId;
    return `{"items":[${items.join(',')}],"next":${JSON.stringify(next ?? (sinceText ? { updated_since: sinceText, after: String(afterOffice) } : null))},"has_more":${items.length >= limit}}`;
  }

  async function writeBack(req: http.IncomingMessage, res: http.ServerResponse, sourceId: string, rest: string[], fault: FaultKind | null): Promise<void> {
    const key = req.headers['idempotency-key'];
    const externalId = decodeURIComponent(rest[1] ?? '');
    if (typeof key !== 'string' || !key || !externalId) return send(res, 400, 'text/plain', 'Idempotency-Key header and an id are required', null);
    let body: { action?: string; payload?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      return send(res, 400, 'text/plain', 'malformed JSON', null);
    }
    const known = writeBacks.get(key);
    if (known) known.received++;
    else {
      writeBacks.set(key, { sourceId, externalId, action: String(body.action ?? ''), payload: body.payload ?? body, idempotencyKey: key, at: now(), received: 1 });
      applyWriteBack(sourceId, externalId, body);
    }
    // Applied but the answer is lost on the way: the client must retry, and the key keeps it single.
    if (fault === 'ackloss') return void res.socket?.destroy();
    send(res, 200, 'application/json', JSON.stringify({ ok: true, idempotency_key: key, replayed: Boolean(known) }), null);
  }

  /** An operator's status change moves the simulated appeal on, as a real source would. */
  function applyWriteBack(sourceId: string, externalId: string, body: { action?: string; payload?: unknown }): void {
    const log = logs.get(sourceId);
    const index = Number(/(\d+)$/.exec(externalId)?.[1] ?? NaN);
    if (!log || !Number.isInteger(index) || index >= log.count) return;
    const version = log.version.data[index]!;
    const target = body.action === 'answer' ? 4 : Math.min(MAX_VERSION, version + 1);
    if (target > version) {
      const t = now();
      log.version.set(index, target);
      log.append(index, target, t);
      log.lastAt.set(index, t);
    }
  }

  function stats() {
    return { appeals: Object.fromEntries([...logs].map(([id, log]) => [id, log.count])), requests: counters.requests, faults: counters.faults };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url,
    sourceUrl: (id) => `${url}/api/${id}/`,
    sources,
    snapshot(sourceId) {
      const log = logs.get(sourceId);
      const out = new Map<string, { status: string; updatedAt: number }>();
      if (!log) return out;
      const prefix = externalPrefix(log);
      for (let i = 0; i < log.count; i++) out.set(`${prefix}${i}`, { status: VERSION_STATUS[log.version.data[i]!]!, updatedAt: log.updatedAtOf(i) });
      return out;
    },
    writeBacks: () => [...writeBacks.values()],
    setFaults(next) {
      faults = next;
    },
    setRate(next) {
      rate = next;
    },
    tick: () => tick(true),
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** External ids the simulator gives a source's appeals: a readable prefix and the appeal's index. */
export function externalPrefix(log: { id: string }): string {
  return `${log.id}-`;
}
