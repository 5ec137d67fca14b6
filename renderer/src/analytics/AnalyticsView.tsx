import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiGroupBy, KpiPeriod, SeriesGranularity } from '@shared/api/analytics';
import type { ApiClient } from '../api/client';
import { useContract } from '../common/useContract';
import { ANALYTICS_NS } from './i18n';
import { KpiTiles, FIGURES, previousOf, valueOf } from './KpiTiles';
import { nameOf } from './names';
import { ReplayMap } from './ReplayMap';
import { SeriesChart } from './SeriesChart';
import { TensionList } from './TensionList';

const PERIODS: KpiPeriod[] = ['today', '7d', '30d', '90d'];
const GROUPS: KpiGroupBy[] = ['none', 'source', 'sector', 'agency', 'municipality'];
const GRANULARITIES: SeriesGranularity[] = ['hour', 'day', 'week'];

/** The operator's analytics view: KPIs by any dimension against the previous period, dynamics, tension points. */
export function AnalyticsView({ client }: { client: ApiClient }) {
  const { t } = useTranslation(ANALYTICS_NS);
  const [period, setPeriod] = useState<KpiPeriod>('7d');
  const [groupBy, setGroupBy] = useState<KpiGroupBy>('sector');
  const [granularity, setGranularity] = useState<SeriesGranularity>('day');
  const reference = useContract(client, 'reference:get', {}, []);
  const sources = useContract(client, 'sync:status', {}, []);
  const kpis = useContract(client, 'analytics:kpis', { period, groupBy }, ['db:changed'], 5000);
  const split = groupBy === 'municipality' ? 'municipality' : 'sector';
  const series = useContract(client, 'analytics:series', { granularity, splitBy: split, top: 8 }, ['db:changed'], 10_000);
  const sourceNames = new Map(sources.data?.map((s) => [s.id, s.name]) ?? []);
  const label = nameOf(reference.data, groupBy, sourceNames);
  const seriesLabel = nameOf(reference.data, split);

  const select = <T extends string>(value: T, options: readonly T[], set: (v: T) => void, prefix: string, testId: string) => (
    <select data-testid={testId} value={value} onChange={(e) => set(e.target.value as T)}>
      {options.map((o) => (
        <option key={o} value={o}>
          {t(`${prefix}.${o}`)}
        </option>
      ))}
    </select>
  );

  return (
    <div data-testid="analytics-view" data-ready={kpis.data ? 'true' : 'false'} style={{ display: 'flex', flexDirection: 'column', gap: 16, padding: 12 }}>
      <div style={{ display: 'flex', gap: 8 }}>
        {select(period, PERIODS, setPeriod, 'period', 'analytics-period')}
        {select(groupBy, GROUPS, setGroupBy, 'groupBy', 'analytics-group')}
        {select(granularity, GRANULARITIES, setGranularity, 'granularity', 'analytics-granularity')}
      </div>
      {kpis.data ? <KpiTiles row={kpis.data.total} /> : <div>{t('loading')}</div>}
      {kpis.data && kpis.data.rows.length > 0 && (
        <table data-testid="kpi-table" style={{ borderCollapse: 'collapse', fontSize: 12 }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left' }}>{t('kpi.key')}</th>
              {FIGURES.map((f) => (
                <th key={f.id} style={{ textAlign: 'right', padding: '0 6px' }}>
                  {t(f.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kpis.data.rows.map((row) => (
              <tr key={row.key} data-testid="kpi-row">
                <td>{row.key ? label(row.key) : t('kpi.unassigned')}</td>
                {FIGURES.map((f) => {
                  const v = valueOf(row, f.id);
                  const p = previousOf(row, f.id);
                  return (
                    <td key={f.id} style={{ textAlign: 'right', padding: '0 6px' }} title={p === null ? undefined : t('kpi.previous', { value: f.format(p) })}>
                      {v === null ? '—' : f.format(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 style={{ margin: 0 }}>{t('series.title')}</h3>
      {series.data && <SeriesChart data={series.data} labelOf={(k) => (k === '*' ? t('series.other') : seriesLabel(k))} />}
      <TensionList client={client} />
      <h3 style={{ margin: 0 }}>{t('replay.title')}</h3>
      <ReplayMap client={client} />
    </div>
  );
}
