import { useTranslation } from 'react-i18next';
import type { WallSummary } from '../../../../shared/api/wall';
import { formatNumber } from '../../i18n/format';

const SHOWN = 5;

export function Tension({
  summary,
  municipalityName,
  sectorName,
}: {
  summary: WallSummary;
  municipalityName: (id: string) => string;
  sectorName: (id: string) => string;
}) {
  const { t } = useTranslation('wall');
  const rows = summary.tension.slice(0, SHOWN);
  return (
    <section className="tension" data-testid="tension">
      <div className="panel__title">{t('tension.title')}</div>
      {rows.length === 0 && <div className="muted">{t('tension.none')}</div>}
      {rows.map((row) => (
        <div className="tension__row" key={`${row.municipalityId}/${row.sectorId}`} data-testid="tension-row">
          <div className="tension__place">
            <span className="tension__municipality">{municipalityName(row.municipalityId)}</span>
            <span className="tension__sector">{sectorName(row.sectorId)}</span>
          </div>
          <div className="tension__figures">
            <span className="tension__ratio">{t('tension.ratio', { ratio: formatNumber(Math.round((row.today / Math.max(row.normal, 1)) * 10) / 10) })}</span>
            <span className="tension__counts">{t('tension.counts', { today: formatNumber(row.today), normal: formatNumber(Math.round(row.normal * 10) / 10) })}</span>
          </div>
        </div>
      ))}
    </section>
  );
}
