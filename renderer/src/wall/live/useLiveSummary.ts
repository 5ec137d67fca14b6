import { type ReactNode, useEffect, useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import type { WallSummary } from '../../../../shared/api/wall';
import type { WallAppeal } from '../../../../shared/domain';
import type { ApiClient } from '../../api/client';
import { recordSeen } from '../probe';
import { type LiveAppeal, pendingAfter, withPending } from './liveSummary.pure';

/** More pushed appeals than this between two summaries means the core is far ahead: the summary catches up. */
const MAX_PENDING = 20_000;

export type PendingStore = ReturnType<typeof createPendingStore>;

/** Pushed appeals kept until a summary includes them; an external store, so React renders it synchronously. */
function createPendingStore() {
  let pending: LiveAppeal[] = [];
  let unseen: number[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => pending,
    push(appeals: readonly WallAppeal[]) {
      if (appeals.length === 0) return;
      const next = pending.concat(appeals.map((a) => ({ id: a.id, receivedAt: a.receivedAt, sectorId: a.sectorId, municipalityId: a.municipalityId })));
      pending = next.length > MAX_PENDING ? next.slice(next.length - MAX_PENDING) : next;
      for (const a of appeals) unseen.push(a.id);
      // Nothing on screen counts them (the wall is loading): nobody will take them.
      if (listeners.size === 0) unseen = [];
      notify();
    },
    /** A new summary: what it includes is no longer pending. */
    settle(lastAppealId: number | undefined) {
      if (lastAppealId === undefined) return;
      const next = pendingAfter(pending, lastAppealId);
      if (next === pending) return;
      pending = next;
      notify();
    },
    /** Ids pushed since the last call: they are on screen once React has committed. */
    takeUnseen() {
      const ids = unseen;
      unseen = [];
      return ids;
    },
  };
}

/** One store per wall: it listens to pushed appeals and lets go of those each new summary includes. */
export function usePendingStore(client: ApiClient, lastAppealId: number | undefined): PendingStore {
  const store = useMemo(() => createPendingStore(), []);
  useEffect(() => client.listen('wall:appeals', (appeals: WallAppeal[]) => store.push(appeals)), [client, store]);
  useEffect(() => store.settle(lastAppealId), [store, lastAppealId]);
  return store;
}

/**
 * Renders its children with the summary plus the pushed appeals it does not include yet. Only
 * these subtrees re-render per push, synchronously (useSyncExternalStore), so the counters' DOM
 * changes in the same task as the push, independent of the map's frames (a second each in software
 * WebGL); `recordSeen` marks that moment for the benchmark.
 */
export function Live({
  store,
  summary,
  timeZone,
  children,
}: {
  store: PendingStore;
  summary: WallSummary;
  timeZone: string | undefined;
  children: (summary: WallSummary) => ReactNode;
}) {
  const pending = useSyncExternalStore(store.subscribe, store.get);
  useLayoutEffect(() => {
    const ids = store.takeUnseen();
    if (ids.length > 0) recordSeen(ids);
  }, [store, pending]);
  const live = useMemo(() => (timeZone ? withPending(summary, pending, timeZone) : summary), [summary, pending, timeZone]);
  return children(live);
}
