import { useEffect, useMemo } from 'react';
import type { WallConfig, WallShow, WallSummary } from '../../../../shared/api/wall';
import type { ApiClient } from '../../api/client';
import { useWallUi } from '../store';
import { type ResolvedScene, resolveScene, resolveShow } from './playlist.pure';

/**
 * Runs the playlist and operator pushes. The subject of a scene is chosen when it starts, not on
 * every summary, so the camera does not wander while a scene is on screen.
 */
export function useScenes(
  client: ApiClient,
  config: WallConfig | null,
  summary: WallSummary | null,
  capitalId: string | null,
  sectorIds: readonly string[],
  /** The playlist's clock starts once the wall is ready: the first scene gets its full time on screen. */
  running: boolean,
) {
  const sceneIndex = useWallUi((s) => s.sceneIndex);
  const cycle = useWallUi((s) => s.cycle);
  const serial = useWallUi((s) => s.sceneSerial);
  const show = useWallUi((s) => s.show);
  const playlist = config?.playlist;
  const length = playlist?.length ?? 0;
  const scene = playlist?.[sceneIndex % Math.max(1, length)] ?? null;
  const seconds = scene?.seconds ?? 0;

  useEffect(() => client.listen('wall:show', (payload: WallShow) => useWallUi.getState().startShow(payload, Date.now())), [client]);

  // The playlist pauses while an operator's push is on screen and resumes where it was.
  useEffect(() => {
    if (!length || show || !running) return;
    const timer = setTimeout(() => useWallUi.getState().next(length), seconds * 1000);
    return () => clearTimeout(timer);
  }, [length, seconds, serial, show, running]);

  useEffect(() => {
    if (!show) return;
    const timer = setTimeout(() => useWallUi.getState().endShow(show.serial), Math.max(0, show.until - Date.now()));
    return () => clearTimeout(timer);
  }, [show]);

  const hasSummary = summary !== null;
  const resolved = useMemo<ResolvedScene | null>(
    () => {
      if (show) return resolveShow(show);
      if (!scene || !hasSummary) return null;
      return resolveScene(scene, { capitalId, sectorIds, summary, cycle });
    },
    // Resolved once per scene start (serial), not per summary refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [show, scene, serial, cycle, hasSummary, capitalId, sectorIds],
  );
  return { resolved, serial: show ? -show.serial : serial, seconds: show ? show.seconds : seconds, showing: show !== null };
}
