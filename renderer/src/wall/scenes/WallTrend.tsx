import { useTranslation } from 'react-i18next';
import { SeriesChart } from '../../analytics';
import type { ApiClient } from '../../api/client';
import { useContract } from '../../common/useContract';

/** The KPI scene's dynamics: 30 days of appeals from the rollups, refreshed at most twice a minute. */
export function WallTrend({ client }: { client: ApiClient }) {
  const { t } = useTranslation('analytics');
  const series = useContract(client, 'analytics:series', { granularity: 'day' }, ['db:changed'], 30_000);
  if (!series.data) return null;
  return (
    <div className="kpi-trend" data-testid="kpi-trend">
      <div className="kpi-trend__title">{t('series.title')}</div>
      <SeriesChart data={series.data} labelOf={() => t('series.total')} height={260} dark testId="kpi-trend-chart" />
    </div>
  );
}
