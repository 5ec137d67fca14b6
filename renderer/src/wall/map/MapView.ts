import { MapboxOverlay } from '@deck.gl/mapbox';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { Map as MapLibre, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { WallAppeal } from '../../../../shared/domain';
import { hexColor } from './colorScale.pure';
import type { BBox } from './geometry.pure';
import { addAppeals, emptyHexes, type HexCell, type HexState } from './hexes.pure';
import { changedColors } from './load.pure';
import { addPulses, livePulses, type Pulse, pulseAlpha, pulseRadiusPx } from './pulses.pure';
import { buildStyle, FILL_OPACITY, FOCUS_LAYER, MUNICIPALITY_SOURCE, NOTHING, type StyleInput, TENSION_LAYER } from './style';

setWorkerUrl(workerUrl);

/**
 * Data changes reach the GPU at most this often; pulses animate faster, on their own canvas, so a
 * pulse frame never redraws the hexagons (software WebGL pays for every pixel of every redraw).
 */
const DATA_FRAME_MS = 1000;
const PULSE_FRAME_MS = 150;

export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The wall's map: maplibre draws the region from the pack, deck.gl draws hexagons and pulses on its
 * own canvas above. Imperative on purpose: React re-renders must never touch the GL state; every
 * change arrives here as data, is coalesced, and updates layers in place.
 */
export class MapView {
  readonly map: MapLibre;
  private readonly overlay: MapboxOverlay;
  private readonly pulseOverlay: MapboxOverlay;
  private colors = new Map<string, string>();
  private hexes: HexState = emptyHexes(6);
  private hexesVisible = true;
  private pulses: Pulse[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pulseTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private readonly scale: number;
  readonly loaded: Promise<void>;

  constructor(container: HTMLElement, input: StyleInput, bbox: BBox, padding: Padding) {
    this.scale = input.scale;
    this.map = new MapLibre({
      container,
      style: buildStyle(input),
      bounds: bbox,
      fitBoundsOptions: { padding },
      interactive: false,
      attributionControl: false,
      fadeDuration: 0,
      maxTileCacheSize: 64,
      // The wall runs for weeks: keep no history of GPU resources a kiosk never goes back to.
      refreshExpiredTiles: false,
    });
    this.overlay = new MapboxOverlay({ interleaved: false, layers: [] });
    this.pulseOverlay = new MapboxOverlay({ interleaved: false, layers: [] });
    container.dataset.camera = 'still';
    this.map.on('movestart', () => (container.dataset.camera = 'moving'));
    this.map.on('moveend', () => (container.dataset.camera = 'still'));
    this.map.addControl(this.overlay);
    this.map.addControl(this.pulseOverlay);
    this.loaded = new Promise((resolve, reject) => {
      this.map.once('error', (event) => reject(event.error ?? new Error('map error')));
      // maplibre fires "load" once every source is loaded and the first complete frame is drawn.
      this.map.once('load', () => resolve());
    });
  }

  renderedMunicipalities(): number {
    const features = this.map.queryRenderedFeatures({ layers: ['municipalities-fill'] });
    return new Set(features.map((f) => f.properties?.id)).size;
  }

  /**
   * Mean interval between frames while the camera moves every frame (both maplibre and deck.gl
   * redraw): the cost of a full frame with the current layers, for the benchmark.
   */
  measureFrames(frames: number): Promise<number> {
    const center = this.map.getCenter();
    return new Promise((resolve) => {
      const times: number[] = [];
      const step = (t: number) => {
        times.push(t);
        if (times.length > frames) {
          this.map.jumpTo({ center });
          resolve((times[times.length - 1]! - times[0]!) / frames);
          return;
        }
        this.map.jumpTo({ center: [center.lng + (times.length % 2 ? 0.001 : -0.001), center.lat] });
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  }

  /** Paints municipalities by load, touching only those whose colour changed. */
  setColors(next: Map<string, string>): void {
    for (const [id, color] of changedColors(this.colors, next)) {
      this.map.setFeatureState({ source: MUNICIPALITY_SOURCE, id }, { color });
    }
    this.colors = next;
  }

  setHexes(state: HexState): void {
    this.hexes = state;
    this.schedule(DATA_FRAME_MS);
  }

  get hexState(): HexState {
    return this.hexes;
  }

  setHexesVisible(visible: boolean): void {
    if (this.hexesVisible === visible) return;
    this.hexesVisible = visible;
    this.schedule(0);
  }

  /** New appeals: a ring where each happened, and its hexagon grows at once. */
  addAppeals(appeals: readonly WallAppeal[], isAcute: (a: WallAppeal) => boolean): void {
    const now = performance.now();
    this.pulses = addPulses(this.pulses, appeals, now, isAcute);
    this.schedulePulses();
    const hexes = addAppeals(this.hexes, appeals);
    if (hexes !== this.hexes) this.setHexes(hexes);
  }

  get livePulseCount(): number {
    return livePulses(this.pulses, performance.now()).length;
  }

  /** In a sector's scene the municipality colours (all sectors) step back behind that sector's hexagons. */
  setLoadEmphasis(strong: boolean): void {
    this.map.setPaintProperty('municipalities-fill', 'fill-opacity', strong ? FILL_OPACITY : 0.3);
  }

  setFocus(municipalityId: string | null): void {
    this.map.setFilter(FOCUS_LAYER, (municipalityId ? ['==', ['get', 'id'], municipalityId] : NOTHING) as never);
  }

  setTension(municipalityIds: readonly string[]): void {
    this.map.setFilter(TENSION_LAYER, (municipalityIds.length ? ['in', ['get', 'id'], ['literal', [...municipalityIds]]] : NOTHING) as never);
  }

  frame(bbox: BBox, padding: Padding, durationMs: number, onArrived: () => void): void {
    // After fitBounds: stopping a flight in progress fires its own moveend synchronously.
    this.map.fitBounds(bbox, { padding, duration: durationMs, essential: true, maxZoom: 11 });
    this.map.once('moveend', onArrived);
  }

  private schedule(delayMs: number): void {
    if (this.destroyed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.destroyed) this.overlay.setProps({ layers: [this.hexLayer()] });
    }, delayMs);
  }

  private schedulePulses(): void {
    if (this.destroyed || this.pulseTimer) return;
    this.pulseTimer = setTimeout(() => {
      this.pulseTimer = null;
      if (this.destroyed) return;
      const now = performance.now();
      this.pulses = livePulses(this.pulses, now);
      this.pulseOverlay.setProps({ layers: [this.pulseLayer(now)] });
      // The loop stops with the last ring: an idle wall draws nothing.
      if (this.pulses.length > 0) this.schedulePulses();
    }, PULSE_FRAME_MS);
  }

  private hexLayer(): Layer {
    const { cells, max, version } = this.hexes;
    return new H3HexagonLayer<HexCell>({
      id: 'hexes',
      data: cells,
      visible: this.hexesVisible,
      getHexagon: (d) => d.h3,
      getFillColor: (d) => hexColor(d.count, max),
      extruded: false,
      stroked: false,
      updateTriggers: { getFillColor: [version, max] },
    });
  }

  private pulseLayer(now: number): Layer {
    const scale = this.scale;
    return new ScatterplotLayer<Pulse>({
      id: 'pulses',
      data: this.pulses,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      stroked: true,
      filled: true,
      getPosition: (p) => [p.lon, p.lat],
      getRadius: (p) => pulseRadiusPx(p, now, scale),
      getLineWidth: 2.5 * scale,
      getLineColor: (p) => (p.acute ? [255, 90, 70, pulseAlpha(p, now)] : [120, 230, 255, pulseAlpha(p, now)]),
      getFillColor: (p) => (p.acute ? [255, 90, 70, pulseAlpha(p, now) / 3] : [120, 230, 255, pulseAlpha(p, now) / 3]),
      updateTriggers: { getRadius: now, getLineColor: now, getFillColor: now },
    });
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pulseTimer) clearTimeout(this.pulseTimer);
    this.map.removeControl(this.pulseOverlay);
    this.map.removeControl(this.overlay);
    this.pulseOverlay.finalize();
    this.overlay.finalize();
    this.map.remove();
  }
}
