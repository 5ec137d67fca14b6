import { useTranslation } from 'react-i18next';
import type { WallSummary } from '../../../../shared/api/wall';
import { formatDuration, formatPercent } from '../../i18n/format';
import { AnimatedNumber } from './AnimatedNumber';
import { changeVsYesterday } from './trend.pure';

export function Counters({ summary, big = false }: { summary: WallSummary; big?: boolean }) {
  const { t } = useTranslation('wall');
  const change = changeVsYesterday(summary.today, summary.yesterdaySameTime);
  return (
    <section className={`counters${big ? ' counters--big' : ''}`} data-testid={big ? 'kpi-counters' : 'counters'}>
      <div className="counter counter--hero">
        <div className="counter__label">{t('counters.today')}</div>
        <AnimatedNumber value={summary.today} className="counter__value" testId={big ? 'kpi-today' : 'counter-today'} />
        <div className={`counter__trend counter__trend--${change.direction}`} data-testid={big ? undefined : 'counter-trend'}>
          {change.direction === 'same' ? t('counters.same') : `${change.direction === 'up' ? '▲' : '▼'} ${formatPercent(Math.abs(change.share))} ${t('counters.vsYesterday')}`}
        </div>
      </div>
      <div className="counter-row">
        <div className="counter">
          <div className="counter__label">{t('counters.inWork')}</div>
          <AnimatedNumber value={summary.inWork} className="counter__value" testId={big ? undefined : 'counter-in-work'} />
        </div>
        <div className="counter counter--bad">
          <div className="counter__label">{t('counters.overdue')}</div>
          <AnimatedNumber value={summary.overdue} className="counter__value" testId={big ? undefined : 'counter-overdue'} />
        </div>
      </div>
      <div className="counter">
        <div className="counter__label">{t('counters.avgResponse')}</div>
        <div className="counter__value counter__value--time" data-testid={big ? undefined : 'counter-response'}>
          {summary.avgFirstResponseMin === null ? t('counters.noResponse') : formatDuration(summary.avgFirstResponseMin)}
        </div>
      </div>
    </section>
  );
}
