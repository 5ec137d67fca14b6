import { useTranslation } from 'react-i18next';
import type { WallSummary } from '../../../../shared/api/wall';
import type { Sector } from '../../../../shared/domain';
import { AnimatedNumber } from '../counters/AnimatedNumber';
import { changeVsYesterday } from '../counters/trend.pure';

const ARROWS = { up: '▲', down: '▼', same: '▬' } as const;

export function Sectors({ summary, sectors, focusId }: { summary: WallSummary; sectors: readonly Sector[]; focusId: string | null }) {
  const { t } = useTranslation('wall');
  const bySector = new Map(summary.bySector.map((s) => [s.sectorId, s]));
  return (
    <section className="sectors" data-testid="sectors">
      <div className="panel__title">{t('sectors.title')}</div>
      <div className="sectors__grid">
        {sectors.map((sector) => {
          const s = bySector.get(sector.id) ?? { today: 0, overdue: 0, yesterdaySameTime: 0 };
          const trend = changeVsYesterday(s.today, s.yesterdaySameTime).direction;
          return (
            <div
              key={sector.id}
              className={`sector${focusId === sector.id ? ' sector--focus' : ''}${s.overdue > 0 ? ' sector--overdue' : ''}`}
              data-testid="sector-tile"
              data-sector={sector.id}
            >
              <div className="sector__name">{sector.name}</div>
              <div className="sector__figures">
                <AnimatedNumber value={s.today} className="sector__today" />
                <span className={`sector__trend sector__trend--${trend}`}>{ARROWS[trend]}</span>
              </div>
              <div className="sector__overdue">{s.overdue > 0 ? t('sectors.overdue', { count: s.overdue }) : '\u00a0'}</div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
