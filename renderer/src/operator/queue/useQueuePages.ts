import type { AppealFilter, AppealSort } from '@shared/api/appeals';
import type { Appeal } from '@shared/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { client } from '../session';

export const PAGE_SIZE = 100;

export interface QueueState {
  total: number | null;
  /** More match than were counted: total is the cap. */
  capped: boolean;
  pages: ReadonlyMap<number, readonly Appeal[]>;
  /** Rows the anchor moved by in the last refresh; the list scrolls by as much to stay on it. */
  shift: { epoch: number; rows: number };
  error: Error | null;
  /** Milliseconds from a filter change to its first page (shown for the benchmark's sake too). */
  firstPageMs: number | null;
}

/**
 * The queue's rows in pages fetched on demand: the list never loads more than it shows. A refresh
 * (any db:changed) refetches the visible pages and finds the anchor row again, so that new appeals
 * arriving above it do not move the row the operator is on.
 */
export function useQueuePages(filter: AppealFilter, sort: AppealSort, anchor: () => { id: number; index: number } | null) {
  const key = JSON.stringify({ filter, sort });
  const [state, setState] = useState<QueueState>({ total: null, capped: false, pages: new Map(), shift: { epoch: 0, rows: 0 }, error: null, firstPageMs: null });
  const visible = useRef<Set<number>>(new Set([0]));
  const inflight = useRef<Set<number>>(new Set());
  const keyRef = useRef(key);
  const anchorRef = useRef(anchor);
  useEffect(() => {
    anchorRef.current = anchor;
  });

  const fetchPage = useCallback(
    (page: number) => client.invoke('appeals:query', { filter, sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
    // The key covers filter and sort.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    keyRef.current = key;
    const started = performance.now();
    setState({ total: null, capped: false, pages: new Map(), shift: { epoch: 0, rows: 0 }, error: null, firstPageMs: null });
    inflight.current.clear();
    visible.current = new Set([0]);
    fetchPage(0).then(
      (page) => {
        if (keyRef.current !== key) return;
        setState((s) => ({ ...s, total: page.total, capped: page.capped, pages: new Map([[0, page.rows]]), firstPageMs: Math.round(performance.now() - started) }));
      },
      (error: Error) => keyRef.current === key && setState((s) => ({ ...s, error })),
    );

    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = async () => {
      timer = null;
      const before = anchorRef.current();
      const pages = [...visible.current];
      try {
        const results = await Promise.all(pages.map((p) => fetchPage(p)));
        if (keyRef.current !== key) return;
        const map = new Map<number, readonly Appeal[]>();
        pages.forEach((p, i) => map.set(p, results[i]!.rows));
        let rows = 0;
        if (before) {
          let index: number | null = null;
          for (const [p, list] of map) {
            const at = list.findIndex((a) => a.id === before.id);
            if (at >= 0) index = p * PAGE_SIZE + at;
          }
          index ??= (await client.invoke('appeals:position', { query: { filter, sort }, id: before.id })).index;
          if (index !== null) rows = index - before.index;
        }
        const total = results[0]?.total ?? null;
        const capped = results[0]?.capped ?? false;
        setState((s) => ({ ...s, total, capped, pages: map, shift: { epoch: s.shift.epoch + 1, rows }, error: null }));
      } catch (error) {
        if (keyRef.current === key) setState((s) => ({ ...s, error: error as Error }));
      }
    };
    const off = client.listen('db:changed', (change) => {
      if (!change.tables.includes('appeals') || timer) return;
      timer = setTimeout(() => void refresh(), 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
    // filter and sort are covered by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fetchPage]);

  /** Asks for the pages covering rows [start, end]; already loaded or loading pages are skipped. */
  const ensure = useCallback(
    (start: number, end: number) => {
      const first = Math.floor(start / PAGE_SIZE);
      const last = Math.floor(end / PAGE_SIZE);
      visible.current = new Set();
      for (let p = first; p <= last; p++) visible.current.add(p);
      for (let p = first; p <= last; p++) {
        if (state.pages.has(p) || inflight.current.has(p)) continue;
        inflight.current.add(p);
        const requested = key;
        fetchPage(p).then(
          (page) => {
            inflight.current.delete(p);
            if (keyRef.current !== requested) return;
            setState((s) => ({ ...s, total: page.total, pages: new Map(s.pages).set(p, page.rows) }));
          },
          () => inflight.current.delete(p),
        );
      }
    },
    [state.pages, key, fetchPage],
  );

  const rowAt = useCallback((index: number): Appeal | undefined => state.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [state.pages]);

  return { ...state, ensure, rowAt };
}
