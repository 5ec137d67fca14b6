import { useTranslation } from 'react-i18next';
import type { KpiPeriod } from '@shared/api/analytics';
import type { ApiClient } from '../api/client';
import { useContract } from '../common/useContract';
import { ANALYTICS_NS } from './i18n';
import { KpiTiles } from './KpiTiles';
import { SeriesChart } from './SeriesChart';

export interface KpiBoardProps {
  client: ApiClient;
  period?: KpiPeriod;
}

/**
 * The wall's KPI scene: the region's key figures against the previous period, and 30 days of
 * appeals. Read-only, large type, dark; everything comes from rollups, so it refreshes at once.
 */
export function KpiBoard({ client, period = '7d' }: KpiBoardProps) {
  const { t } = useTranslation(ANALYTICS_NS);
  const kpis = useContract(client, 'analytics:kpis', { period, groupBy: 'none' }, ['db:changed'], 5000);
  const series = useContract(client, 'analytics:series', { granularity: 'day' }, ['db:changed'], 30_000);
  return (
    <section data-testid="kpi-board" data-ready={kpis.data && series.data ? 'true' : 'false'} style={{ display: 'flex', flexDirection: 'column', gap: 24, padding: 24 }}>
      <h2 style={{ margin: 0, fontSize: 32 }}>
        {t('title')} · {t(`period.${period}`)}
      </h2>
      {kpis.data ? <KpiTiles row={kpis.data.total} large /> : <div>{t('loading')}</div>}
      {series.data && <SeriesChart data={series.data} labelOf={() => t('series.total')} height={280} dark />}
    </section>
  );
}
