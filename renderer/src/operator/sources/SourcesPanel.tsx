import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarantineItem, SourceStatus } from '@shared/api/sync';
import type { ApiClient } from '../../api/client';
import { useContract } from '../../common/useContract';
import i18n from '../../i18n';
import { formatDateTime, formatDuration, formatNumber } from '../../i18n/format';
import { FileImport } from './FileImport';
import './SourcesPanel.css';

// The panel brings its own namespace so that it can be mounted anywhere without touching shared files.
const ru = {
  title: 'Источники',
  source: 'Источник',
  state: 'Состояние',
  lastSuccess: 'Последняя синхронизация',
  lag: 'Отставание',
  quarantined: 'В карантине',
  outbox: 'Ждут отправки',
  never: 'ещё не было',
  stale: 'данные устарели',
  states: { ok: 'работает', degraded: 'сбои', down: 'недоступен', unknown: 'нет данных' },
  quarantineTitle: 'Карантин',
  quarantineAll: 'все источники',
  quarantineEmpty: 'Карантин пуст',
  reason: 'Причина',
  raw: 'Исходные данные',
  retry: 'Повторить',
  retryOk: 'Запись принята',
  retryFailed: 'Снова отклонена: {{reason}}',
  shown: 'Показано {{shown}} из {{total}}',
};
const en: typeof ru = {
  title: 'Sources',
  source: 'Source',
  state: 'State',
  lastSuccess: 'Last sync',
  lag: 'Lag',
  quarantined: 'Quarantined',
  outbox: 'Outbox',
  never: 'never',
  stale: 'stale',
  states: { ok: 'ok', degraded: 'degraded', down: 'down', unknown: 'unknown' },
  quarantineTitle: 'Quarantine',
  quarantineAll: 'all sources',
  quarantineEmpty: 'Quarantine is empty',
  reason: 'Reason',
  raw: 'Raw payload',
  retry: 'Retry',
  retryOk: 'Record accepted',
  retryFailed: 'Rejected again: {{reason}}',
  shown: 'Showing {{shown}} of {{total}}',
};
if (!i18n.hasResourceBundle('ru', 'sources')) {
  i18n.addResourceBundle('ru', 'sources', ru);
  i18n.addResourceBundle('en', 'sources', en);
}

const REFRESH = ['sync:status', 'db:changed'] as const;

/** Source states with staleness, and the quarantine with each record's reason, raw payload and a retry. */
export function SourcesPanel({ client }: { client: ApiClient }) {
  const { t } = useTranslation('sources');
  const [selected, setSelected] = useState<string | null>(null);
  const sources = useContract(client, 'sync:sources', {}, REFRESH, 1000);
  const quarantine = useContract(client, 'sync:quarantine', selected ? { sourceId: selected, limit: 100 } : { limit: 100 }, REFRESH, 1000);
  const [outcome, setOutcome] = useState<Record<number, string>>({});

  const retry = async (item: QuarantineItem) => {
    const result = await client.invoke('sync:retry', { id: item.id });
    setOutcome((o) => ({ ...o, [item.id]: result.ok ? t('retryOk') : t('retryFailed', { reason: result.reason ?? '' }) }));
  };

  return (
    <section className="sources-panel" data-testid="sources-panel">
      <h2>{t('title')}</h2>
      <table className="sources-table">
        <thead>
          <tr>
            <th>{t('source')}</th>
            <th>{t('state')}</th>
            <th>{t('lastSuccess')}</th>
            <th>{t('lag')}</th>
            <th>{t('quarantined')}</th>
            <th>{t('outbox')}</th>
          </tr>
        </thead>
        <tbody>
          {(sources.data ?? []).map((s: SourceStatus) => (
            <tr
              key={s.id}
              data-testid={`source-row-${s.id}`}
              className={selected === s.id ? 'selected' : undefined}
              onClick={() => setSelected(selected === s.id ? null : s.id)}
              title={s.lastError ?? undefined}
            >
              <td>
                {s.name}
                <span className="sources-format">{s.format}</span>
              </td>
              <td>
                <span className={`sources-state sources-state-${s.state}`} data-testid={`source-state-${s.id}`} data-state={s.state}>
                  {t(`states.${s.state}`)}
                </span>
                {s.stale && <span className="sources-stale">{t('stale')}</span>}
                {s.lastError && s.state !== 'ok' && <div className="sources-error">{s.lastError}</div>}
              </td>
              <td>{s.lastSuccessAt ? formatDateTime(s.lastSuccessAt) : t('never')}</td>
              <td>{s.lagMs === null ? '—' : formatDuration(s.lagMs / 60_000)}</td>
              <td className="num">{formatNumber(s.quarantined)}</td>
              <td className="num">{formatNumber(s.outboxPending)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <FileImport client={client} />

      <h3>
        {t('quarantineTitle')}: {selected ?? t('quarantineAll')}
      </h3>
      {quarantine.data && quarantine.data.total === 0 && <p className="sources-empty">{t('quarantineEmpty')}</p>}
      <ul className="quarantine-list">
        {(quarantine.data?.rows ?? []).map((item) => (
          <li key={item.id} data-testid={`quarantine-row-${item.id}`}>
            <div className="quarantine-head">
              <span className="quarantine-time">{formatDateTime(item.at)}</span>
              <span className="quarantine-source">{item.sourceId}</span>
              <span className="quarantine-reason" title={t('reason')}>
                {item.reason}
              </span>
              <button type="button" data-testid={`quarantine-retry-${item.id}`} onClick={() => void retry(item)}>
                {t('retry')}
              </button>
            </div>
            {outcome[item.id] && <div className="quarantine-outcome">{outcome[item.id]}</div>}
            <details>
              <summary>{t('raw')}</summary>
              <pre>{item.raw}</pre>
            </details>
          </li>
        ))}
      </ul>
      {quarantine.data && quarantine.data.total > quarantine.data.rows.length && (
        <p className="sources-more">{t('shown', { shown: formatNumber(quarantine.data.rows.length), total: formatNumber(quarantine.data.total) })}</p>
      )}
    </section>
  );
}
