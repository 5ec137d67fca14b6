import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDuration, formatNumber } from '../../i18n/format';
import { useUi } from '../store';
import { useLookup } from '../useReference';
import { useNow } from '../useNow';
import { deadlineState } from './deadline';
import { useQueuePages } from './useQueuePages';

export const ROW_HEIGHT = 58;

/** The virtualized queue: a million rows scroll smoothly because only visible pages are fetched. */
export function QueueList({ onTotal }: { onTotal?: (total: number | null, capped: boolean) => void }) {
  const { t } = useTranslation('operator');
  const lookup = useLookup();
  const filter = useUi((s) => s.filter);
  const sort = useUi((s) => s.sort);
  const selectedId = useUi((s) => s.selectedId);
  const cursor = useUi((s) => s.cursor);
  const setCursor = useUi((s) => s.setCursor);
  const select = useUi((s) => s.select);
  const parentRef = useRef<HTMLDivElement>(null);
  const now = useNow();

  const anchor = useCallback(() => {
    const { selectedId: id, cursor: index } = useUi.getState();
    return id !== null && index >= 0 ? { id, index } : null;
  }, []);
  const queue = useQueuePages(filter, sort, anchor);
  const total = queue.total ?? 0;

  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure, rowAt } = queue;

  useEffect(() => {
    if (queue.total !== null) ensure(first, Math.max(first, last));
  }, [first, last, queue.total, ensure]);

  useEffect(() => {
    onTotal?.(queue.total, queue.capped);
    useUi.getState().setTotal(queue.total ?? 0);
  }, [queue.total, queue.capped, onTotal]);

  // New rows above the operator's row: scroll by as much, before paint, so the row stays put.
  useLayoutEffect(() => {
    const { rows } = queue.shift;
    if (rows === 0 || !parentRef.current) return;
    parentRef.current.scrollTop += rows * ROW_HEIGHT;
    const state = useUi.getState();
    if (state.cursor >= 0) state.setCursor(state.cursor + rows);
  }, [queue.shift]);

  // The cursor moves by keys; keep it in view and the selection on its row.
  useEffect(() => {
    if (cursor < 0 || cursor >= total) return;
    // Scrolled by hand, from the DOM's own scrollTop: the virtualizer's offset lags one scroll
    // event behind, and scrolling by it would undo the shift that keeps the row in place.
    const el = parentRef.current;
    if (el) {
      const top = cursor * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
    const row = rowAt(cursor);
    if (row && row.id !== useUi.getState().selectedId) select(row.id);
  }, [cursor, total, rowAt, select]);

  return (
    <div
      ref={parentRef}
      className="queue"
      data-testid="queue"
      data-first-page-ms={queue.firstPageMs ?? undefined}
      role="listbox"
      aria-label={t('title')}
      tabIndex={-1}
    >
      {queue.total === 0 && <p className="queue-empty" data-testid="queue-empty">{t('queue.empty')}</p>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const appeal = rowAt(item.index);
          if (!appeal) {
            return <div key={`p${item.index}`} className="row placeholder" style={{ transform: `translateY(${item.start}px)` }} />;
          }
          const state = deadlineState(appeal, now);
          const category = appeal.categoryId ? lookup.category.get(appeal.categoryId) : undefined;
          return (
            <div
              key={appeal.id}
              role="option"
              aria-selected={appeal.id === selectedId}
              data-testid="queue-row"
              data-id={appeal.id}
              data-status={appeal.status}
              className={`row deadline-${state}${appeal.id === selectedId ? ' selected' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
              onClick={() => {
                setCursor(item.index);
                select(appeal.id);
              }}
            >
              <div className="row-top">
                <span className="id">№{formatNumber(appeal.id)}</span>
                <span className="time">{formatDateTime(appeal.receivedAt)}</span>
                <span className={`status status-${appeal.status}`}>{t(`common:status.${appeal.status}`)}</span>
                <span className="category">{category?.name ?? t('queue.noCategory')}</span>
                {appeal.municipalityId && <span className="muni">{lookup.municipality.get(appeal.municipalityId)}</span>}
                {appeal.escalated && <span className="flag">★</span>}
                {state === 'overdue' && appeal.deadlineAt !== null && (
                  <span className="due overdue">{t('queue.overdueBy', { time: formatDuration((now - appeal.deadlineAt) / 60_000) })}</span>
                )}
                {state === 'soon' && appeal.deadlineAt !== null && (
                  <span className="due soon">{t('queue.dueIn', { time: formatDuration((appeal.deadlineAt - now) / 60_000) })}</span>
                )}
              </div>
              <div className="text">{appeal.text}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
