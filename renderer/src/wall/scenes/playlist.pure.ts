import type { WallScene, WallShow, WallSummary } from '../../../../shared/api/wall';

/** A scene with its subject chosen: what the camera frames and what the panels emphasise. */
export type ResolvedScene =
  | { kind: 'overview' }
  | { kind: 'kpi' }
  | { kind: 'capital'; municipalityId: string | null }
  | { kind: 'sector'; sectorId: string | null }
  | { kind: 'municipality'; municipalityId: string | null }
  | { kind: 'show-appeal'; appealId: number }
  | { kind: 'show-municipality'; municipalityId: string };

export interface SceneContext {
  capitalId: string | null;
  sectorIds: readonly string[];
  summary: WallSummary | null;
  /** How many times the playlist has gone round: scenes without a fixed subject rotate through candidates. */
  cycle: number;
}

/** Scenes without a fixed subject rotate through the few busiest candidates, never the whole list. */
const ROTATE_AMONG = 3;

export function resolveScene(scene: WallScene, ctx: SceneContext): ResolvedScene {
  switch (scene.kind) {
    case 'overview':
    case 'kpi':
      return { kind: scene.kind };
    case 'capital':
      return { kind: 'capital', municipalityId: ctx.capitalId };
    case 'sector': {
      if (scene.sectorId) return { kind: 'sector', sectorId: scene.sectorId };
      const busiest = [...(ctx.summary?.bySector ?? [])].filter((s) => s.today > 0).sort((a, b) => b.today - a.today || a.sectorId.localeCompare(b.sectorId));
      const pool = busiest.length ? busiest.map((s) => s.sectorId) : [...ctx.sectorIds];
      const pick = pool.slice(0, ROTATE_AMONG);
      return { kind: 'sector', sectorId: pick.length ? pick[ctx.cycle % pick.length]! : null };
    }
    case 'municipality': {
      if (scene.municipalityId) return { kind: 'municipality', municipalityId: scene.municipalityId };
      const tense = [...new Set((ctx.summary?.tension ?? []).map((t) => t.municipalityId))].filter((id) => id !== ctx.capitalId);
      const busiest = [...(ctx.summary?.todayByMunicipality ?? [])]
        .filter((m) => m.municipalityId !== ctx.capitalId)
        .sort((a, b) => b.count - a.count || a.municipalityId.localeCompare(b.municipalityId))
        .map((m) => m.municipalityId);
      const pool = [...new Set([...tense, ...busiest])].slice(0, ROTATE_AMONG);
      return { kind: 'municipality', municipalityId: pool.length ? pool[ctx.cycle % pool.length]! : null };
    }
  }
}

export function resolveShow(show: WallShow): ResolvedScene {
  return show.kind === 'appeal' ? { kind: 'show-appeal', appealId: Number(show.id) } : { kind: 'show-municipality', municipalityId: show.id };
}

/** The next position in the playlist, counting full rounds. */
export function advance(index: number, cycle: number, length: number): { index: number; cycle: number } {
  if (length <= 0) return { index: 0, cycle };
  const next = index + 1;
  return next >= length ? { index: 0, cycle: cycle + 1 } : { index: next, cycle };
}

export const sceneKey = (scene: ResolvedScene): string => JSON.stringify(scene);
