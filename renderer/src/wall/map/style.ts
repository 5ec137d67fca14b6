import type { StyleSpecification } from 'maplibre-gl';
import { NO_LOAD_COLOR } from './colorScale.pure';

/** The page's own font (bundled Noto Sans, Cyrillic included): with no `glyphs` URL maplibre draws labels locally. */
const FONT = ['Noto Sans'];

export interface StyleInput {
  /** Absolute base URL of the region pack, e.g. http://127.0.0.1:8137/regions/RU-NIZ/ */
  packUrl: string;
  /** The municipalities, already fetched (their boxes frame the camera), with `id` in properties. */
  municipalities: GeoJSON.FeatureCollection;
  riverFiles: readonly string[];
  /** 1 at 1920×1080; labels and lines scale with the wall. */
  scale: number;
}

export const MUNICIPALITY_SOURCE = 'municipalities';
export const FOCUS_LAYER = 'municipality-focus';
export const TENSION_LAYER = 'municipality-tension';
/** Zoomed into a municipality the hexagons tell the story; the load colour steps back. */
export const FILL_OPACITY = ['interpolate', ['linear'], ['zoom'], 7.5, 0.92, 9.5, 0.35] as never;
export const NOTHING = ['==', ['get', 'id'], '\u0000'] as const;

/** Style built in code from the region pack alone: nothing here may point beyond the app's origin. */
export function buildStyle({ packUrl, municipalities, riverFiles, scale }: StyleInput): StyleSpecification {
  const url = (file: string) => new URL(file, packUrl).href;
  const s = (px: number) => Math.round(px * scale * 10) / 10;
  const rivers = riverFiles.map((file, i) => ({ id: `rivers-${i}`, file }));
  return {
    version: 8,
    sources: {
      neighbours: { type: 'geojson', data: url('neighbours.geojson') },
      [MUNICIPALITY_SOURCE]: { type: 'geojson', data: municipalities, promoteId: 'id' },
      outline: { type: 'geojson', data: url('outline.geojson') },
      lakes: { type: 'geojson', data: url('ne_lakes.geojson') },
      places: { type: 'geojson', data: url('ne_places.geojson') },
      labels: { type: 'geojson', data: url('labels.geojson') },
      ...Object.fromEntries(rivers.map((r) => [r.id, { type: 'geojson', data: url(r.file) }])),
    },
    layers: [
      // Neighbours share the background's colour: on a 32:9 wall their pack's extent must not show as an edge.
      { id: 'background', type: 'background', paint: { 'background-color': '#0a1322' } },
      { id: 'neighbours-fill', type: 'fill', source: 'neighbours', paint: { 'fill-color': '#0a1322' } },
      { id: 'neighbours-line', type: 'line', source: 'neighbours', paint: { 'line-color': '#1d2b42', 'line-width': s(1) } },
      {
        id: 'municipalities-fill',
        type: 'fill',
        source: MUNICIPALITY_SOURCE,
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], NO_LOAD_COLOR]],
          'fill-opacity': FILL_OPACITY,
        },
      },
      { id: 'lakes', type: 'fill', source: 'lakes', paint: { 'fill-color': '#0c3050', 'fill-opacity': 0.9 } },
      ...rivers.map(
        (r) =>
          ({
            id: r.id,
            type: 'line',
            source: r.id,
            layout: { 'line-cap': 'round', 'line-join': 'round' },
            paint: { 'line-color': '#1f5f8c', 'line-width': s(1.6), 'line-opacity': 0.85 },
          }) as const,
      ),
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
        filter: NOTHING as never,
        paint: { 'line-color': '#ff9d3c', 'line-width': s(3.5), 'line-dasharray': [2, 1] },
      },
      {
        id: FOCUS_LAYER,
        type: 'line',
        source: MUNICIPALITY_SOURCE,
        filter: NOTHING as never,
        paint: { 'line-color': '#ffffff', 'line-width': s(4) },
      },
      { id: 'outline', type: 'line', source: 'outline', paint: { 'line-color': '#8cc4f2', 'line-width': s(2.5) } },
      {
        id: 'neighbours-label',
        type: 'symbol',
        source: 'neighbours',
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': s(15), 'text-max-width': 8 },
        paint: { 'text-color': '#3a4d6b', 'text-halo-color': '#0a1322', 'text-halo-width': s(1.5) },
      },
      {
        id: 'municipality-labels',
        type: 'symbol',
        source: 'labels',
        minzoom: 6.6,
        layout: { 'text-field': ['get', 'label'], 'text-font': FONT, 'text-size': s(13), 'text-max-width': 7, 'text-padding': s(4) },
        paint: { 'text-color': '#b9c8dd', 'text-halo-color': '#07101c', 'text-halo-width': s(1.6) },
      },
      {
        id: 'places-dot',
        type: 'circle',
        source: 'places',
        paint: { 'circle-radius': s(3.5), 'circle-color': '#ffffff', 'circle-stroke-color': '#07101c', 'circle-stroke-width': s(1.5) },
      },
      {
        id: 'places-label',
        type: 'symbol',
        source: 'places',
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
