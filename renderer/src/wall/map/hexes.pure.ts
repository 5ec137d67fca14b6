import { latLngToCell } from 'h3-js';
import type { WallHexes } from '../../../../shared/api/wall';
import type { WallAppeal } from '../../../../shared/domain';

export interface HexCell {
  h3: string;
  count: number;
}

/** What the hexagon layer draws: one object per cell, a new array (and version) whenever a count changed. */
export interface HexState {
  resolution: number;
  sectorId: string | null;
  cells: HexCell[];
  max: number;
  version: number;
}

export const emptyHexes = (resolution: number, sectorId: string | null = null): HexState => ({
  resolution,
  sectorId,
  cells: [],
  max: 0,
  version: 0,
});

export function hexesFromServer(hexes: WallHexes, sectorId: string | null, version: number): HexState {
  const cells = hexes.cells.map((h3, i) => ({ h3, count: hexes.counts[i] ?? 0 }));
  return { resolution: hexes.resolution, sectorId, cells, max: maxCount(cells), version };
}

function maxCount(cells: readonly HexCell[]): number {
  let max = 0;
  for (const c of cells) if (c.count > max) max = c.count;
  return max;
}

/**
 * Adds new appeals to the cells between two full refreshes (which also drop appeals that left the
 * window). Returns the same state when nothing applies, so the layer is not touched at all.
 */
export function addAppeals(state: HexState, appeals: readonly WallAppeal[]): HexState {
  const increments = new Map<string, number>();
  for (const a of appeals) {
    if (a.lat === null || a.lon === null) continue;
    if (state.sectorId !== null && a.sectorId !== state.sectorId) continue;
    const cell = latLngToCell(a.lat, a.lon, state.resolution);
    increments.set(cell, (increments.get(cell) ?? 0) + 1);
  }
  if (increments.size === 0) return state;
  const cells = state.cells.map((c) => {
    const add = increments.get(c.h3);
    if (add === undefined) return c;
    increments.delete(c.h3);
    return { h3: c.h3, count: c.count + add };
  });
  for (const [h3, count] of increments) cells.push({ h3, count });
  return { ...state, cells, max: maxCount(cells), version: state.version + 1 };
}

/** Deck.gl's H3 layer wants a resolution that keeps the cell count in the low thousands at this zoom. */
export function resolutionForZoom(zoom: number): number {
  if (zoom < 7.2) return 6;
  return 7;
}
