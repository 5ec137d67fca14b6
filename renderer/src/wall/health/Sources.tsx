import { useTranslation } from 'react-i18next';
import type { WallSummary } from '../../../../shared/api/wall';
import type { Source } from '../../../../shared/domain';
import { formatDuration } from '../../i18n/format';
import { AnimatedNumber } from '../counters/AnimatedNumber';
import { staleMinutes } from './staleness.pure';

/** Each source: its state, how fresh its data is, and how many appeals it brought today. */
export function Sources({ sources, summary, now }: { sources: readonly Source[]; summary: WallSummary; now: number }) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation('common');
  const today = new Map(summary.bySource.map((s) => [s.sourceId, s.today]));
  const rows = [...sources].sort((a, b) => (today.get(b.id) ?? 0) - (today.get(a.id) ?? 0));
  const top = Math.max(1, ...rows.map((s) => today.get(s.id) ?? 0));
  return (
    <section className="sources" data-testid="sources">
      <div className="panel__title">{t('counters.bySource')}</div>
      {rows.map((s) => {
        const stale = staleMinutes(s, now);
        const count = today.get(s.id) ?? 0;
        return (
          <div className="source" key={s.id} data-testid="source-row" data-state={s.state}>
            <span className={`source__dot source__dot--${s.state}`} title={tc(`sourceState.${s.state}`)} />
            <span className="source__name">
              {s.name}
              <span className="source__age">
                {stale === null
                  ? tc(`sourceState.${s.state}`)
                  : `${tc(`sourceState.${s.state}`)} · ${stale < 1 ? t('health.justNow') : t('health.stale', { age: formatDuration(stale) })}`}
              </span>
            </span>
            <span className="source__bar" style={{ transform: `scaleX(${count / top})` }} />
            <AnimatedNumber value={count} className="source__value" />
          </div>
        );
      })}
    </section>
  );
}
