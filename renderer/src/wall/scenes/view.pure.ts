import type { WallAppeal } from '../../../../shared/domain';
import { type BBox, bboxAround } from '../map/geometry.pure';
import type { ResolvedScene } from './playlist.pure';

/** What the map does for a scene: where the camera goes, what is outlined, which hexagons are drawn. */
export interface SceneView {
  bbox: BBox;
  focusId: string | null;
  hexResolution: number;
  hexSectorId: string | null;
}

export function viewOf(
  scene: ResolvedScene,
  region: BBox,
  boxes: ReadonlyMap<string, BBox>,
  appeal: WallAppeal | null,
): SceneView {
  const box = (id: string | null) => (id ? boxes.get(id) : undefined) ?? region;
  switch (scene.kind) {
    case 'overview':
    case 'kpi':
      return { bbox: region, focusId: null, hexResolution: 6, hexSectorId: null };
    case 'sector':
      return { bbox: region, focusId: null, hexResolution: 6, hexSectorId: scene.sectorId };
    case 'capital':
    case 'municipality':
    case 'show-municipality':
      return { bbox: box(scene.municipalityId), focusId: scene.municipalityId, hexResolution: 7, hexSectorId: null };
    case 'show-appeal':
      return {
        bbox: appeal && appeal.lon !== null && appeal.lat !== null ? bboxAround(appeal.lon, appeal.lat) : box(appeal?.municipalityId ?? null),
        focusId: appeal?.municipalityId ?? null,
        hexResolution: 7,
        hexSectorId: null,
      };
  }
}
