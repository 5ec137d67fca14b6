import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createLocator } from '../../../electron/core/connectors/geo';
import type { NormalizeContext, SourceEndpoint, Normalized } from '../../../electron/core/connectors/types';
import { type Db, openDatabase } from '../../../electron/core/db/open';
import { seedReference } from '../../../electron/core/db/reference';
import { loadRegionPack, type RegionPack } from '../../../electron/core/region/pack';
import type { Simulator } from '../../../electron/core/simulator/server';
import { REGIONS_DIR, ROOT } from '../helpers';

export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'sync');
export const fixture = (path: string) => readFileSync(join(FIXTURES, path));

let pack: RegionPack | null = null;
export function region(): RegionPack {
  pack ??= loadRegionPack(REGIONS_DIR, 'RU-NIZ');
  return pack;
}

export function normalizeContext(sourceId: string, categoryMap: Record<string, string> = {}): NormalizeContext {
  const p = region();
  return {
    sourceId,
    locate: createLocator(p),
    categories: new Set(p.config.categories.map((c) => c.id)),
    municipalities: new Set(p.municipalities.map((m) => m.id)),
    categoryMap,
    now: Date.now(),
  };
}

/** An in-memory cache with the full schema and the region's reference data. */
export function memoryDb() {
  const db = openDatabase(':memory:');
  seedReference(db, region());
  onTestFinished(() => {
    db.close();
  });
  return db;
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void;

/** A loopback fake source on port 0 answering from a route table; closed when the test ends. */
export async function fakeSource(routes: Record<string, Route>): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(url.pathname + url.search);
    const route = routes[url.pathname];
    if (route) route(req, res, url);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  onTestFinished(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hits };
}

export const body = (type: string, content: string | Buffer): Route => (_req, res) => {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.length) }).end(bytes);
};

export function endpoint(id: string, format: SourceEndpoint['format'], baseUrl: string, extra: Partial<SourceEndpoint> = {}): SourceEndpoint {
  return { id, format, baseUrl, pageSize: 1000, timeoutMs: 2000, maxBytes: 1 << 20, headers: {}, categoryMap: {}, writeBack: false, ...extra };
}

/** Polls a condition (the sync runs in another thread); fails with the last observation on timeout. */
export async function until<T>(what: string, probe: () => T, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  let last = probe();
  while (!ok(last)) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = probe();
  }
  return last;
}

/** Differences between the cache and the simulator's truth for one source (empty when equal). */
export function differences(db: Db, sim: Simulator, sourceId: string): string[] {
  const truth = sim.snapshot(sourceId);
  const rows = db.prepare("SELECT external_id AS id, status, source_updated_at AS at FROM appeals WHERE source_id = ? AND external_id NOT LIKE 'demo-%'").all(sourceId) as { id: string; status: string; at: number }[];
  const out: string[] = [];
  if (rows.length !== truth.size) out.push(`${sourceId}: ${rows.length} cached, ${truth.size} at the source`);
  for (const r of rows) {
    const t = truth.get(r.id);
    if (!t) out.push(`${sourceId}: ${r.id} is not at the source`);
    else if (t.status !== r.status || t.updatedAt !== r.at) out.push(`${sourceId}: ${r.id} cached ${r.status}@${r.at}, source ${t.status}@${t.updatedAt}`);
    if (out.length > 5) break;
  }
  return out;
}

/** The appeal a normalizer made, or a failure that says what it made instead. */
export function appealOf(n: Normalized) {
  if (n.kind !== 'appeal') throw new Error(`expected an appeal, got ${n.kind}: ${'reason' in n ? n.reason : ''}`);
  return n.appeal;
}
