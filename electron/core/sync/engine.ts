import type { SourceState } from '../../../shared/domain';
import { CONNECTORS } from '../connectors';
import { createLocator } from '../connectors/geo';
import { SourceError } from '../connectors/http';
import type { NormalizeContext, SourceEndpoint } from '../connectors/types';
import type { Db } from '../db/open';
import type { RegionPack } from '../region/pack';
import { backoffMs } from './backoff';
import { deliverDueOutbox } from './delivery';
import { prepareBatchStore, type BatchResult } from './store';

/** A source as the engine runs it: where, how often, and how it is written back to. */
export interface ResolvedSource extends SourceEndpoint {
  kind: string;
  name: string;
  intervalMs: number;
}

export interface EngineOptions {
  /** Consecutive failures after which a source is `down` (before that: `degraded`). */
  downAfter?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  outboxIntervalMs?: number;
  now?: () => number;
  random?: () => number;
}

export { backoffMs };

export type EngineEvent =
  | { type: 'status' }
  | { type: 'batch'; sourceId: string; result: BatchResult }
  | { type: 'error'; sourceId: string; message: string };

export interface Engine {
  stop(): Promise<void>;
  /** Wakes every source's loop at once (a new outbox item, a test that wants progress now). */
  poke(): void;
}


/**
 * Runs every source's loop and the outbox on one database handle. Each source fails alone: its
 * errors only change its own state and its own backoff, never another source's schedule.
 */
export function runEngine(db: Db, pack: RegionPack, sources: ResolvedSource[], emit: (event: EngineEvent) => void, options: EngineOptions = {}): Engine {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const downAfter = options.downAfter ?? 3;
  const baseBackoff = options.baseBackoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 5 * 60_000;
  const store = prepareBatchStore(db);
  const categories = new Set((db.prepare('SELECT id FROM categories').pluck().all() as string[]));
  const municipalities = new Set(pack.municipalities.map((m) => m.id));
  const locate = createLocator(pack);
  const ensureSource = db.prepare('INSERT INTO sources (id, kind, name) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING');
  const setState = db.prepare(
    `UPDATE sources SET state = @state, last_sync_at = @at, last_success_at = coalesce(@success, last_success_at), last_error = @error WHERE id = @id`,
  );
  const controller = new AbortController();
  const wakers = new Set<() => void>();
  let stopped = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  const lastState = new Map<string, SourceState>();
  let statusTimer: ReturnType<typeof setTimeout> | null = null;
  const announce = (force: boolean) => {
    if (force) {
      if (statusTimer) clearTimeout(statusTimer);
      statusTimer = null;
      emit({ type: 'status' });
    } else if (!statusTimer) {
      // Page commits during a backlog would otherwise announce hundreds of times a second.
      statusTimer = setTimeout(() => {
        statusTimer = null;
        emit({ type: 'status' });
      }, 1000);
    }
  };
  const record = (id: string, state: SourceState, success: boolean, error: string | null) => {
    const at = now();
    setState.run({ id, state, at, success: success ? at : null, error });
    announce(lastState.get(id) !== state);
    lastState.set(id, state);
  };

  async function loop(source: ResolvedSource): Promise<void> {
    const connector = CONNECTORS[source.format];
    const ctx: NormalizeContext = { sourceId: source.id, locate, categories, municipalities, categoryMap: source.categoryMap, now: now() };
    let failures = 0;
    let pending: ReturnType<typeof connector.fetchPage> | null = null;
    while (!stopped) {
      const cursor = store.cursorOf(source.id);
      try {
        const page = await (pending ?? connector.fetchPage(source, cursor, controller.signal, now()));
        pending = null;
        if (stopped) return;
        // Ask for the next page before writing this one, so the source works while we write.
        if (page.more) {
          pending = connector.fetchPage(source, page.cursor, controller.signal, now());
          pending.catch(() => {});
          await new Promise((r) => setImmediate(r));
        }
        ctx.now = now();
        const result = store.commitPage(source.id, connector, page, ctx, ctx.now);
        failures = 0;
        record(source.id, 'ok', true, null);
        if (result.inserted + result.updated + result.quarantined + result.indicators > 0) emit({ type: 'batch', sourceId: source.id, result });
        if (!page.more) await sleep(source.intervalMs);
      } catch (error) {
        pending = null;
        if (stopped) return;
        failures++;
        const message = error instanceof Error ? error.message : String(error);
        const retryAfter = error instanceof SourceError ? error.retryAfterMs : null;
        record(source.id, failures >= downAfter ? 'down' : 'degraded', false, message);
        emit({ type: 'error', sourceId: source.id, message });
        if (!(error instanceof SourceError)) {
          // Not the source's fault (a bug, a database error): still back off, never spin.
          console.error(`sync ${source.id}:`, error);
        }
        await sleep(backoffMs(failures, baseBackoff, maxBackoff, random, retryAfter));
      }
    }
  }

  async function outboxLoop(): Promise<void> {
    const bySource = new Map(sources.map((s) => [s.id, s]));
    while (!stopped) {
      try {
        await deliverDueOutbox(db, bySource, controller.signal, { now, random, baseBackoffMs: baseBackoff, maxBackoffMs: maxBackoff });
      } catch (error) {
        if (!stopped) console.error('outbox:', error);
      }
      await sleep(options.outboxIntervalMs ?? 1000);
    }
  }

  const enabled = sources.filter((s) => s.enabled !== false);
  for (const s of enabled) ensureSource.run(s.id, s.kind, s.name);
  const running = [...enabled.map((s) => loop(s)), outboxLoop()];

  return {
    poke() {
      for (const wake of [...wakers]) wake();
    },
    async stop() {
      stopped = true;
      controller.abort();
      if (statusTimer) clearTimeout(statusTimer);
      for (const wake of [...wakers]) wake();
      await Promise.allSettled(running);
    },
  };
}
