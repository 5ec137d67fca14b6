import type { StyleSpecification } from 'maplibre-gl';
import { NO_LOAD_COLOR } from './colorScale.pure';

/** The page's own font (bundled Noto Sans, Cyrillic included): with no `glyphs` URL maplibre draws labels locally. */
const FONT = ['Noto Sans'];

/** The pack's context layers, merged into one source (see mergeBase). */
export type BaseLayer = 'neighbours' | 'outline' | 'lakes' | 'places' | 'labels' | 'rivers';
const BASE_SOURCE = 'base';

/**
 * One source for everything but the municipalities: each source loads its tiles on its own and
 * the map repaints as each arrives; in software WebGL a repaint is a second of a busy main thread,
 * and eight sources meant eight of them after the first load and after every scene's cut.
 */
export function mergeBase(parts: Partial<Record<BaseLayer, readonly GeoJSON.GeoJSON[]>>): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const [layer, files] of Object.entries(parts)) {
    for (const file of files ?? []) {
      // A pack's file is a collection, a single feature (the outline) or a bare geometry.
      const list = file.type === 'FeatureCollection' ? file.features : file.type === 'Feature' ? [file] : [{ type: 'Feature' as const, properties: {}, geometry: file }];
      for (const f of list) features.push({ ...f, properties: { ...f.properties, _layer: layer } });
    }
  }
  return { type: 'FeatureCollection', features };
}

const on = (layer: BaseLayer) => ['==', ['get', '_layer'], layer] as never;

export interface StyleInput {
  /** The municipalities, already fetched (their boxes frame the camera), with `id` in properties. */
  municipalities: GeoJSON.FeatureCollection;
  /** The pack's other layers, from mergeBase. */
  base: GeoJSON.FeatureCollection;
  /** 1 at 1920×1080; labels and lines scale with the wall. */
  scale: number;
}

export const MUNICIPALITY_SOURCE = 'municipalities';
export const FOCUS_LAYER = 'municipality-focus';
export const TENSION_LAYER = 'municipality-tension';
/** Zoomed into a municipality the hexagons tell the story; the load colour steps back. */
export const FILL_OPACITY = ['interpolate', ['linear'], ['zoom'], 7.5, 0.92, 9.5, 0.35] as never;
/**
 * Focus and tension are feature states, not filters: a new filter re-lays out every tile of the
 * source in the worker and repaints as each returns (a second per frame in software WebGL).
 */
const shownWhen = (state: string) => ['case', ['boolean', ['feature-state', state], false], 1, 0] as never;

/** Style built in code from the region pack alone: nothing here may point beyond the app's origin. */
export function buildStyle({ municipalities, base, scale }: StyleInput): StyleSpecification {
  const s = (px: number) => Math.round(px * scale * 10) / 10;
  return {
    version: 8,
    sources: {
      [BASE_SOURCE]: { type: 'geojson', data: base },
      [MUNICIPALITY_SOURCE]: { type: 'geojson', data: municipalities, promoteId: 'id' },
    },
    layers: [
      // No background layer and no fill for the neighbours (it had the background's colour): the
      // map's element paints the background (wall.css), so software WebGL does not fill the whole
      // wall twice on every frame.
      { id: 'neighbours-line', type: 'line', source: BASE_SOURCE, filter: on('neighbours'), paint: { 'line-color': '#1d2b42', 'line-width': s(1) } },
      {
        id: 'municipalities-fill',
        type: 'fill',
        source: MUNICIPALITY_SOURCE,
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], NO_LOAD_COLOR]],
          'fill-opacity': FILL_OPACITY,
        },
      },
      { id: 'lakes', type: 'fill', source: BASE_SOURCE, filter: on('lakes'), paint: { 'fill-color': '#0c3050', 'fill-opacity': 0.9 } },
      {
        id: 'rivers',
        type: 'line',
        source: BASE_SOURCE,
        filter: on('rivers'),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#1f5f8c', 'line-width': s(1.6), 'line-opacity': 0.85 },
      },
      {
        id: 'municipalities-line',
        type: 'line',
        source: MUNICIPALITY_SOURCE,
        paint: { 'line-color': '#08111f', 'line-width': s(1.1), 'line-opacity': 0.9 },
      },
      {
        id: TENSION_LAYER,
        type: 'line',
        source: MUNICIPALITY_SOURCE,
        paint: { 'line-color': '#ff9d3c', 'line-width': s(3.5), 'line-dasharray': [2, 1], 'line-opacity': shownWhen('tension') },
      },
      {
        id: FOCUS_LAYER,
        type: 'line',
        source: MUNICIPALITY_SOURCE,
        paint: { 'line-color': '#ffffff', 'line-width': s(4), 'line-opacity': shownWhen('focus') },
      },
      { id: 'outline', type: 'line', source: BASE_SOURCE, filter: on('outline'), paint: { 'line-color': '#8cc4f2', 'line-width': s(2.5) } },
      {
        id: 'neighbours-label',
        type: 'symbol',
        source: BASE_SOURCE,
        filter: on('neighbours'),
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': s(15), 'text-max-width': 8 },
        paint: { 'text-color': '#3a4d6b', 'text-halo-color': '#0a1322', 'text-halo-width': s(1.5) },
      },
      {
        id: 'municipality-labels',
        type: 'symbol',
        source: BASE_SOURCE,
        filter: on('labels'),
        minzoom: 6.6,
        layout: { 'text-field': ['get', 'label'], 'text-font': FONT, 'text-size': s(13), 'text-max-width': 7, 'text-padding': s(4) },
        paint: { 'text-color': '#b9c8dd', 'text-halo-color': '#07101c', 'text-halo-width': s(1.6) },
      },
      {
        id: 'places-dot',
        type: 'circle',
        source: BASE_SOURCE,
        filter: on('places'),
        paint: { 'circle-radius': s(3.5), 'circle-color': '#ffffff', 'circle-stroke-color': '#07101c', 'circle-stroke-width': s(1.5) },
      },
      {
        id: 'places-label',
        type: 'symbol',
        source: BASE_SOURCE,
        filter: on('places'),
        layout: {
          'text-field': ['coalesce', ['get', 'name_ru'], ['get', 'name']],
          'text-font': FONT,
          'text-size': ['interpolate', ['linear'], ['coalesce', ['get', 'pop_max'], 0], 20_000, s(15), 1_000_000, s(22)],
          'text-anchor': 'left',
          'text-offset': [0.6, 0],
          'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'pop_max'], 0]],
        },
        paint: { 'text-color': '#ffffff', 'text-halo-color': '#07101c', 'text-halo-width': s(2) },
      },
    ],
  };
}
