import { useTranslation } from 'react-i18next';
import type { WallSummary } from '../../../../shared/api/wall';
import type { WallAppeal } from '../../../../shared/domain';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { ResolvedScene } from './playlist.pure';

/** What an operator pushed: category, place and time only, never the appeal's text or author. */
export function ShowCard({
  scene,
  appeal,
  summary,
  windowHours,
  categoryName,
  sectorName,
  municipalityName,
  timeZone,
}: {
  scene: ResolvedScene;
  appeal: WallAppeal | null | undefined;
  summary: WallSummary | null;
  windowHours: number;
  categoryName: (id: string | null) => string | null;
  sectorName: (id: string | null) => string | null;
  municipalityName: (id: string | null) => string | null;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation('wall');
  if (scene.kind === 'show-appeal') {
    return (
      <div className="show-card" data-testid="show-card" data-kind="appeal">
        <div className="show-card__eyebrow">{t('show.appeal', { id: scene.appealId })}</div>
        {appeal === null && <div className="show-card__title">{t('show.missing')}</div>}
        {appeal && (
          <>
            <div className="show-card__title">{categoryName(appeal.categoryId) ?? t('ticker.unknownCategory')}</div>
            <div className="show-card__line">{sectorName(appeal.sectorId)}</div>
            <div className="show-card__line">{municipalityName(appeal.municipalityId) ?? t('ticker.unknownPlace')}</div>
            <div className="show-card__line muted">{t('show.received', { time: formatDateTime(appeal.receivedAt, timeZone) })}</div>
            {appeal.escalated && <div className="show-card__flag">{t('show.escalated')}</div>}
          </>
        )}
      </div>
    );
  }
  if (scene.kind === 'show-municipality') {
    const today = summary?.todayByMunicipality.find((m) => m.municipalityId === scene.municipalityId)?.count ?? 0;
    const window = summary?.byMunicipality.find((m) => m.municipalityId === scene.municipalityId)?.count ?? 0;
    return (
      <div className="show-card" data-testid="show-card" data-kind="municipality">
        <div className="show-card__title">{municipalityName(scene.municipalityId) ?? scene.municipalityId}</div>
        <div className="show-card__figures">
          <div>
            <div className="counter__label">{t('show.municipalityToday')}</div>
            <div className="show-card__number">{formatNumber(today)}</div>
          </div>
          <div>
            <div className="counter__label">{t('show.municipalityWindow', { hours: windowHours })}</div>
            <div className="show-card__number">{formatNumber(window)}</div>
          </div>
        </div>
      </div>
    );
  }
  return null;
}
