import type { Bounds, ShellSettings } from './settings';

/** What the shell needs of Electron's `Display`. */
export interface DisplayInfo {
  id: number;
  bounds: Bounds;
  workArea: Bounds;
}

const area = (b: Bounds) => b.width * b.height;

/**
 * The wall's display: the one chosen in settings if it is connected, else the largest secondary
 * display (a wall is usually the big screen beside the operator's monitor), else the primary.
 */
export function chooseWallDisplay<D extends DisplayInfo>(
  displays: readonly D[],
  primaryId: number,
  settings: ShellSettings,
): D {
  const chosen = displays.find((d) => d.id === settings.wallDisplayId);
  if (chosen) return chosen;
  const secondary = displays
    .filter((d) => d.id !== primaryId)
    .sort((a, b) => area(b.bounds) - area(a.bounds) || a.id - b.id)[0];
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  const display = secondary ?? primary;
  if (!display) throw new Error('No display is connected');
  return display;
}

function overlap(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Below this a window's title bar may be out of reach: it is moved back onto a display. */
const MIN_VISIBLE = 100 * 100;

/**
 * Restores a saved window rectangle onto the display it overlaps most, shrunk to fit its work area;
 * if it overlaps none (a monitor was unplugged), the default size centred on the primary display.
 */
export function clampToDisplays(
  saved: Bounds | undefined,
  displays: readonly DisplayInfo[],
  primaryId: number,
  fallbackSize: { width: number; height: number },
): Bounds {
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) return { x: 0, y: 0, ...fallbackSize };
  const best = saved
    ? displays.map((d) => ({ d, o: overlap(saved, d.workArea) })).sort((a, b) => b.o - a.o)[0]
    : undefined;
  if (!saved || !best || best.o < Math.min(MIN_VISIBLE, area(saved))) {
    const wa = primary.workArea;
    const width = Math.min(fallbackSize.width, wa.width);
    const height = Math.min(fallbackSize.height, wa.height);
    return {
      x: wa.x + Math.round((wa.width - width) / 2),
      y: wa.y + Math.round((wa.height - height) / 2),
      width,
      height,
    };
  }
  const wa = best.d.workArea;
  const width = Math.min(saved.width, wa.width);
  const height = Math.min(saved.height, wa.height);
  const x = Math.min(Math.max(saved.x, wa.x), wa.x + wa.width - width);
  const y = Math.min(Math.max(saved.y, wa.y), wa.y + wa.height - height);
  return { x, y, width, height };
}
