import { useTranslation } from 'react-i18next';
import type { KpiRow } from '@shared/api/analytics';
import { formatDuration, formatNumber, formatPercent } from '../i18n/format';
import { ANALYTICS_NS } from './i18n';

type Figure = 'received' | 'firstResponseMeanMin' | 'firstResponseMedianMin' | 'firstResponseP90Min' | 'onTimeShare' | 'overdueNow' | 'resolvedShare' | 'reopenedShare' | 'repeatCount' | 'ratingMean';

export const FIGURES: { id: Figure; label: string; format: (v: number) => string; betterIsLower: boolean }[] = [
  { id: 'received', label: 'kpi.received', format: formatNumber, betterIsLower: false },
  { id: 'firstResponseMeanMin', label: 'kpi.firstResponseMean', format: formatDuration, betterIsLower: true },
  { id: 'firstResponseMedianMin', label: 'kpi.firstResponseMedian', format: formatDuration, betterIsLower: true },
  { id: 'firstResponseP90Min', label: 'kpi.firstResponseP90', format: formatDuration, betterIsLower: true },
  { id: 'onTimeShare', label: 'kpi.onTime', format: formatPercent, betterIsLower: false },
  { id: 'overdueNow', label: 'kpi.overdueNow', format: formatNumber, betterIsLower: true },
  { id: 'resolvedShare', label: 'kpi.resolved', format: formatPercent, betterIsLower: false },
  { id: 'reopenedShare', label: 'kpi.reopened', format: formatPercent, betterIsLower: true },
  { id: 'repeatCount', label: 'kpi.repeat', format: formatNumber, betterIsLower: true },
  { id: 'ratingMean', label: 'kpi.rating', format: (v) => v.toLocaleString('ru-RU', { maximumFractionDigits: 2 }), betterIsLower: false },
];

export function valueOf(row: KpiRow, id: Figure): number | null {
  return row[id];
}

export function previousOf(row: KpiRow, id: Figure): number | null {
  return id === 'overdueNow' ? null : row.previous[id];
}

/** Tiles of one KPI row, each with the previous period's value and an arrow coloured by direction. */
export function KpiTiles({ row, large = false }: { row: KpiRow; large?: boolean }) {
  const { t } = useTranslation(ANALYTICS_NS);
  return (
    <div className="kpi-tiles" style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(${large ? 260 : 170}px, 1fr))`, gap: large ? 20 : 10 }}>
      {FIGURES.map((f) => {
        const value = valueOf(row, f.id);
        const previous = previousOf(row, f.id);
        // Equal as displayed is no change: no arrow, no colour.
        const changed = value !== null && previous !== null && f.format(value) !== f.format(previous);
        const better = changed ? (value! < previous!) === f.betterIsLower : null;
        return (
          <div key={f.id} data-testid={`kpi-${f.id}`} style={{ padding: large ? 16 : 8, borderRadius: 6, background: 'rgba(127,127,127,0.12)' }}>
            <div style={{ fontSize: large ? 20 : 12, opacity: 0.8 }}>{t(f.label)}</div>
            <div style={{ fontSize: large ? 44 : 22, fontWeight: 600 }}>{value === null ? '—' : f.format(value)}</div>
            {previous !== null && (
              <div style={{ fontSize: large ? 18 : 11, color: better === null ? undefined : better ? '#41c98a' : '#e5484d' }}>
                {changed ? (value! > previous ? '▲ ' : '▼ ') : ''}
                {t('kpi.previous', { value: f.format(previous) })}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
