/**
 * Colour scales of the wall's map. Pure: the same numbers always give the same colours, so tests
 * pin them and the map only repaints a municipality whose class really changed.
 */

export type Rgba = [number, number, number, number];

/** Dark-theme sequential ramp: calm blue for little load, through teal and amber, to red. */
export const LOAD_RAMP = ['#1d3b5c', '#1f6282', '#22898f', '#62ad7b', '#d2bd55', '#f08b3a', '#e5483b'] as const;

/** A municipality with no appeals in the window: visible, but clearly "nothing here". */
export const NO_LOAD_COLOR = '#142338';

export interface ClassScale {
  /** Lower bounds of classes 2..n (class 1 starts above zero). */
  breaks: number[];
  colors: readonly string[];
  colorOf(value: number): string;
}

/** Rounds a class boundary to 1, 2 or 5 times a power of ten so the legend reads like a person wrote it. */
export function niceNumber(value: number): number {
  if (value <= 0) return 0;
  if (value < 1) return Math.round(value * 10) / 10 || 0.1;
  const power = 10 ** Math.floor(Math.log10(value));
  const fraction = value / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
  return nice * power;
}

/**
 * Class boundaries from quantiles of the positive values: load is skewed (the capital dwarfs every
 * district), so equal intervals would paint all but one municipality the same colour.
 */
export function quantileBreaks(values: readonly number[], classes: number): number[] {
  const sorted = values.filter((v) => v > 0 && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((i / classes) * sorted.length))]!;
    const nice = niceNumber(q);
    if (nice > 0 && (breaks.length === 0 || nice > breaks[breaks.length - 1]!)) breaks.push(nice);
  }
  return breaks;
}

export function makeClassScale(values: readonly number[], ramp: readonly string[] = LOAD_RAMP): ClassScale {
  const breaks = quantileBreaks(values, ramp.length);
  // Use the top of the ramp for the top classes so "hot" keeps its meaning with few classes.
  const colors = ramp.slice(ramp.length - breaks.length - 1);
  return {
    breaks,
    colors,
    colorOf(value) {
      if (!(value > 0)) return NO_LOAD_COLOR;
      let index = 0;
      while (index < breaks.length && value >= breaks[index]!) index++;
      return colors[index]!;
    },
  };
}

export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const HEX_STOPS: readonly [number, Rgba][] = [
  [0, [40, 170, 255, 60]],
  [0.25, [60, 220, 200, 110]],
  [0.5, [240, 220, 90, 150]],
  [0.75, [255, 150, 50, 180]],
  [1, [255, 70, 60, 210]],
];

/**
 * Colour of a hexagon by its count relative to the busiest one. Square-root scaling: a cell with a
 * quarter of the maximum is already half-way up the ramp, so a single appeal is still visible.
 */
export function hexColor(count: number, max: number): Rgba {
  if (count <= 0 || max <= 0) return [0, 0, 0, 0];
  const t = Math.min(1, Math.sqrt(count / max));
  for (let i = 1; i < HEX_STOPS.length; i++) {
    const [t1, c1] = HEX_STOPS[i]!;
    const [t0, c0] = HEX_STOPS[i - 1]!;
    if (t <= t1) {
      const k = (t - t0) / (t1 - t0);
      return [0, 1, 2, 3].map((j) => Math.round(c0[j]! + (c1[j]! - c0[j]!) * k)) as Rgba;
    }
  }
  return HEX_STOPS[HEX_STOPS.length - 1]![1];
}
