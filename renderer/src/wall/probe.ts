/**
 * What the wall tells watchdogs, tests and the benchmark about itself (no personal data, only ids
 * and timings): when its first complete frame was on screen, and when each pushed appeal became
 * visible (its ring started and the counters' DOM counted it, in the same task).
 */
export interface WallProbe {
  readyAt: number | null;
  /** [appeal id, Date.now() when the counters counted it]; bounded (SEEN_MAX), newest last. */
  seen: [number, number][];
  /** Mean frame interval (ms) while the camera moves continuously for `frames` frames. */
  measureFrames?: (frames: number) => Promise<number>;
  /** How many municipalities the map has drawn (proof that the choropleth is on screen). */
  renderedMunicipalities?: () => number;
  /** Benchmark switch: how much of a frame the hexagons cost. */
  setHexesVisible?: (visible: boolean) => void;
}

const SEEN_MAX = 5000;

declare global {
  interface Window {
    __wall?: WallProbe;
  }
}

export const probe: WallProbe = (window.__wall ??= { readyAt: null, seen: [] });

export function recordSeen(ids: readonly number[]): void {
  const at = Date.now();
  for (const id of ids) probe.seen.push([id, at]);
  if (probe.seen.length > SEEN_MAX) probe.seen.splice(0, probe.seen.length - SEEN_MAX);
}
