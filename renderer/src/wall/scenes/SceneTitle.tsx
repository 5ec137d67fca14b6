import { useTranslation } from 'react-i18next';
import type { ResolvedScene } from './playlist.pure';

export function SceneTitle({
  scene,
  serial,
  seconds,
  municipalityName,
  sectorName,
}: {
  scene: ResolvedScene;
  serial: number;
  seconds: number;
  municipalityName: (id: string | null) => string | null;
  sectorName: (id: string | null) => string | null;
}) {
  const { t } = useTranslation('wall');
  const title = (() => {
    switch (scene.kind) {
      case 'overview':
        return t('scene.overview');
      case 'kpi':
        return t('scene.kpi');
      case 'capital':
        return municipalityName(scene.municipalityId) ?? t('scene.overview');
      case 'sector':
        return t('scene.sector', { name: sectorName(scene.sectorId) ?? '—' });
      case 'municipality':
        return municipalityName(scene.municipalityId) ?? t('scene.overview');
      case 'show-appeal':
        return t('scene.showAppeal');
      case 'show-municipality':
        return t('scene.showMunicipality', { name: municipalityName(scene.municipalityId) ?? scene.municipalityId });
    }
  })();
  return (
    <div className={`scene-title scene-title--${scene.kind}`} data-testid="scene-title" data-scene={scene.kind} key={serial}>
      <div className="scene-title__text">{title}</div>
      {/* A compositor-only animation that moves twice a second: on a software compositor every
          changed frame recomposites the whole wall, so a bar gliding at 60 fps would cost a core. */}
      <div className="scene-title__progress" style={{ animationDuration: `${seconds}s`, animationTimingFunction: `steps(${Math.max(1, Math.round(seconds * 2))})` }} />
    </div>
  );
}
