import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import type { ClassScale } from './colorScale.pure';
import { NO_LOAD_COLOR } from './colorScale.pure';
import type { LoadMode } from './load.pure';

export function Legend({ scale, mode, hours }: { scale: ClassScale | null; mode: LoadMode; hours: number }) {
  const { t } = useTranslation('wall');
  if (!scale) return null;
  const classes = scale.colors.map((color, i) => {
    const from = i === 0 ? null : scale.breaks[i - 1]!;
    return { color, label: from === null ? `< ${formatNumber(scale.breaks[0] ?? 1)}` : `${formatNumber(from)}+` };
  });
  return (
    <div className="legend" data-testid="legend">
      <div className="legend__title">{t(mode === 'per10k' ? 'legend.per10k' : 'legend.absolute', { hours })}</div>
      <div className="legend__classes">
        <span className="legend__class">
          <span className="legend__swatch" style={{ background: NO_LOAD_COLOR }} />
          {t('legend.none')}
        </span>
        {classes.map((c) => (
          <span className="legend__class" key={c.color}>
            <span className="legend__swatch" style={{ background: c.color }} />
            {c.label}
          </span>
        ))}
      </div>
      <div className="legend__classes">
        <span className="legend__class">
          <span className="legend__hex" />
          {t('legend.hexes')}
        </span>
        <span className="legend__class">
          <span className="legend__pulse" />
          {t('legend.pulse')}
        </span>
      </div>
    </div>
  );
}
