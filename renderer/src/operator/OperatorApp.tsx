import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { getClient } from '../api/client';
import { setAppState } from '../common/appState';
import { useContract } from '../common/useContract';
import { formatDateTime, formatNumber } from '../i18n/format';
import './operator.css';

const client = getClient('operator');

export function OperatorApp() {
  const { t } = useTranslation();
  const page = useContract(client, 'appeals:query', { limit: 500 }, ['db:changed']);
  const parentRef = useRef<HTMLDivElement>(null);
  const rows = page.data?.rows ?? [];
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parentRef.current, estimateSize: () => 44, overscan: 10 });

  useEffect(() => {
    if (page.data) setAppState('ready');
    else if (page.error) setAppState('error');
  }, [page.data, page.error]);

  return (
    <div className="operator">
      <header>
        <h1>{t('operator:title')}</h1>
        <span data-testid="queue-total">{page.data ? formatNumber(page.data.total) : t('loading')}</span>
      </header>
      {page.error && <p role="alert">{t('error', { message: page.error.message })}</p>}
      <div ref={parentRef} className="queue" data-testid="queue">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const appeal = rows[item.index]!;
            return (
              <div key={appeal.id} data-testid="queue-row" className="row" style={{ transform: `translateY(${item.start}px)` }}>
                <span className="time">{formatDateTime(appeal.receivedAt)}</span>
                <span className="status">{t(`status.${appeal.status}`)}</span>
                <span className="text">{appeal.text}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
