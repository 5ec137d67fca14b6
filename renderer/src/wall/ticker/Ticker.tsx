import { useTranslation } from 'react-i18next';
import type { WallAppeal } from '../../../../shared/domain';
import { formatTime } from '../../i18n/format';

const SHOWN = 6;

/**
 * Acute and escalated appeals: category, municipality and time only. A WallAppeal carries no text,
 * address or author, so nothing personal can reach this line even by mistake.
 */
export function Ticker({
  items,
  categoryName,
  municipalityName,
  timeZone,
}: {
  items: readonly WallAppeal[];
  categoryName: (id: string | null) => string | null;
  municipalityName: (id: string | null) => string | null;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation('wall');
  return (
    <section className="ticker" data-testid="ticker">
      <div className="ticker__title">{t('ticker.title')}</div>
      <div className="ticker__items">
        {items.length === 0 && <span className="muted">{t('ticker.none')}</span>}
        {items.slice(0, SHOWN).map((a) => (
          <div className={`ticker__item${a.escalated ? ' ticker__item--escalated' : ''}`} key={a.id} data-testid="ticker-item">
            <span className="ticker__time">{formatTime(a.receivedAt, timeZone)}</span>
            <span className="ticker__category">{categoryName(a.categoryId) ?? t('ticker.unknownCategory')}</span>
            <span className="ticker__place">{municipalityName(a.municipalityId) ?? t('ticker.unknownPlace')}</span>
            {a.escalated && <span className="ticker__flag">{t('ticker.escalated')}</span>}
          </div>
        ))}
      </div>
    </section>
  );
}
