import type { BriefingGeo } from '@shared/api/briefing';

export interface Projection {
  project(lon: number, lat: number): [number, number];
  width: number;
  height: number;
}

/**
 * An equirectangular projection scaled by the cosine of the middle latitude: for one region this is
 * indistinguishable from Web Mercator on paper and needs no library. Fits the boundaries into the box.
 */
export function fitProjection(geo: BriefingGeo, width: number, height: number, padding = 8): Projection {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of geo.features) for (const polygon of f.geometry.coordinates) for (const [x, y] of polygon[0] ?? []) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const spanX = (maxX - minX) * k || 1;
  const spanY = maxY - minY || 1;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  return {
    width,
    height,
    project: (lon, lat) => [offX + (lon - minX) * k * scale, offY + (maxY - lat) * scale],
  };
}

/** SVG path data of one municipality's polygons. */
export function pathOf(coordinates: BriefingGeo['features'][number]['geometry']['coordinates'], projection: Projection): string {
  let d = '';
  for (const polygon of coordinates) for (const ring of polygon) {
    ring.forEach(([lon, lat], i) => {
      const [x, y] = projection.project(lon, lat);
      d += `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    });
    d += 'Z';
  }
  return d;
}

/** Class breaks for a choropleth: quantiles of the non-zero values, so every colour is used. */
export function quantileBreaks(values: readonly number[], classes = 5): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) breaks.push(sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / classes))]!);
  return [...new Set(breaks)];
}

export const LOAD_COLORS = ['#fff3d6', '#fdd49e', '#fc8d59', '#e34a33', '#b30000'];

export function colorFor(value: number, breaks: readonly number[]): string {
  if (value <= 0) return '#f2f4f7';
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return LOAD_COLORS[Math.min(i, LOAD_COLORS.length - 1)]!;
}
