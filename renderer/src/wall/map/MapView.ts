import { MapboxOverlay } from '@deck.gl/mapbox';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import type { Layer } from '@deck.gl/core';
import { Map as MapLibre, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { WallAppeal } from '../../../../shared/domain';
import { hexColor } from './colorScale.pure';
import type { BBox } from './geometry.pure';
import { addAppeals, emptyHexes, type HexCell, type HexState } from './hexes.pure';
import { changedColors } from './load.pure';
import { PulseOverlay } from './PulseOverlay';
import { addPulses, livePulses, MAX_PULSES, type Pulse } from './pulses.pure';
import { buildStyle, FILL_OPACITY, MUNICIPALITY_SOURCE, type StyleInput } from './style';

setWorkerUrl(workerUrl);

/**
 * A new hexagon picture (a scene's cells from the core) reaches the GPU at most this often.
 * Software WebGL pays for every pixel of every redraw, and a software compositor then reads the
 * canvas back on the main thread, holding up every message behind it.
 */
const DATA_FRAME_MS = 1000;
/**
 * Live appeals grow their cells locally, but the picture is redrawn for them at most this often
 * (or sooner, for free, when the camera moves anyway): one appeal barely shifts a cell's colour,
 * and the rings (PulseOverlay) already show each one at once.
 */
const LIVE_HEX_MS = 10_000;
/** Software WebGL: municipality colours catch up at most this late (see setColors). */
const LIVE_COLOR_MS = 15_000;

/**
 * WebGL's defaults (4× multisampling, a preserved drawing buffer) cost several times the pixels of
 * every frame in software WebGL, and a software compositor reads each canvas back on the main
 * thread, waiting for the GPU process: flat hexagons and rings need neither.
 */
const DECK_DEVICE = { webgl: { antialias: false, preserveDrawingBuffer: false } };
/**
 * In software WebGL the hexagons (flat, translucent, borderless: nothing a 2× upscale blurs) are
 * drawn at half the resolution: a quarter of the pixels to fill, clear and read back per frame.
 */
const SOFTWARE_HEX_PIXELS = 0.5;

function isSoftwareGl(canvas: HTMLCanvasElement): boolean {
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return true;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The wall's map: maplibre draws the region from the pack, deck.gl draws hexagons on its own canvas
 * above, new appeals ring on a 2D canvas on top. Imperative on purpose: React re-renders must never
 * touch the GL state; every change arrives here as data, is coalesced, and updates layers in place.
 */
export class MapView {
  readonly map: MapLibre;
  private readonly overlay: MapboxOverlay;
  private readonly pulseOverlay: PulseOverlay;
  private colors = new Map<string, string>();
  private hexes: HexState = emptyHexes(6);
  private hexesVisible = true;
  private pulses: Pulse[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDue = 0;
  private drawnHexes: HexState | null = null;
  private destroyed = false;
  private focusId: string | null = null;
  private tension = new Set<string>();
  private pendingColors: Map<string, string> | null = null;
  private colorTimer: ReturnType<typeof setTimeout> | null = null;
  /** Software WebGL (SwiftShader, llvmpipe): every frame is dear, see frame(). */
  readonly software: boolean;
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
      // Enough tiles (two sources) for the playlist's usual views: a scene seen before cuts to
      // cached tiles and draws once, instead of once more for each tile arriving from the worker;
      // bounded, since a kiosk runs for weeks.
      maxTileCacheSize: 160,
      // The wall runs for weeks: keep no history of GPU resources a kiosk never goes back to.
      refreshExpiredTiles: false,
    });
    this.software = isSoftwareGl(this.map.getCanvas());
    // The half-loaded frames stay off screen: a software compositor reads every shown WebGL frame
    // back on the main thread, and while the sources load maplibre draws one for each that arrives,
    // holding up the very messages (worker tiles, the first summary) the first complete frame awaits.
    const canvas = this.map.getCanvas();
    canvas.style.visibility = 'hidden';
    this.overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      deviceProps: DECK_DEVICE,
      ...(this.software ? { useDevicePixels: SOFTWARE_HEX_PIXELS } : {}),
    });
    container.dataset.camera = 'still';
    this.map.on('movestart', () => {
      container.dataset.camera = 'moving';
      // The hexagons are redrawn for the move anyway: bring in what live appeals added meanwhile.
      if (this.drawnHexes !== this.hexes) this.schedule(0);
    });
    this.map.on('moveend', () => (container.dataset.camera = 'still'));
    this.map.addControl(this.overlay);
    this.pulseOverlay = new PulseOverlay(container, (lon, lat) => this.map.project([lon, lat]), this.scale, MAX_PULSES);
    this.map.on('move', () => this.pulseOverlay.reproject());
    this.loaded = new Promise((resolve, reject) => {
      this.map.once('error', (event) => reject(event.error ?? new Error('map error')));
      // maplibre fires "load" once every source is loaded and the first complete frame is drawn.
      this.map.once('load', () => {
        canvas.style.visibility = '';
        resolve();
      });
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

  /**
   * Paints municipalities by load, touching only those whose colour changed. In software WebGL a
   * recolour is a full map frame (a second of a held-up page), and with appeals arriving every
   * second some municipality crosses a class boundary all the time: there the colours follow at
   * the next scene's cut (drawn anyway) or after LIVE_COLOR_MS at the latest.
   */
  setColors(next: Map<string, string>): void {
    this.pendingColors = next;
    if (!this.software || this.colors.size === 0) return this.applyColors();
    this.colorTimer ??= setTimeout(() => this.applyColors(), LIVE_COLOR_MS);
  }

  private applyColors(): void {
    if (this.colorTimer) clearTimeout(this.colorTimer);
    this.colorTimer = null;
    const next = this.pendingColors;
    if (!next || this.destroyed) return;
    this.pendingColors = null;
    for (const [id, color] of changedColors(this.colors, next)) {
      this.map.setFeatureState({ source: MUNICIPALITY_SOURCE, id }, { color });
    }
    this.colors = next;
  }

  setHexes(state: HexState): void {
    // A scene's first cells (after clearHexes) are drawn at once; later pictures are coalesced.
    const first = this.hexes.cells.length === 0;
    this.hexes = state;
    this.schedule(first ? 0 : DATA_FRAME_MS);
  }

  /** Drops the cells at once (a scene change): the next setHexes brings the new ones. */
  clearHexes(): void {
    if (this.destroyed || this.hexes.cells.length === 0) return;
    this.hexes = { ...emptyHexes(this.hexes.resolution, this.hexes.sectorId), version: this.hexes.version + 1 };
    this.schedule(0);
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
    const before = this.pulses;
    this.pulses = addPulses(this.pulses, appeals, now, isAcute);
    if (this.pulses !== before) this.pulseOverlay.add(this.pulses.filter((p) => p.bornAt === now), now);
    const hexes = addAppeals(this.hexes, appeals);
    if (hexes !== this.hexes) {
      this.hexes = hexes;
      this.schedule(LIVE_HEX_MS);
    }
  }

  get livePulseCount(): number {
    return livePulses(this.pulses, performance.now()).length;
  }

  /** In a sector's scene the municipality colours (all sectors) step back behind that sector's hexagons. */
  setLoadEmphasis(strong: boolean): void {
    this.map.setPaintProperty('municipalities-fill', 'fill-opacity', strong ? FILL_OPACITY : 0.3);
  }

  setFocus(municipalityId: string | null): void {
    if (municipalityId === this.focusId) return;
    if (this.focusId) this.map.setFeatureState({ source: MUNICIPALITY_SOURCE, id: this.focusId }, { focus: false });
    if (municipalityId) this.map.setFeatureState({ source: MUNICIPALITY_SOURCE, id: municipalityId }, { focus: true });
    this.focusId = municipalityId;
  }

  setTension(municipalityIds: readonly string[]): void {
    const next = new Set(municipalityIds);
    for (const id of this.tension) if (!next.has(id)) this.map.setFeatureState({ source: MUNICIPALITY_SOURCE, id }, { tension: false });
    for (const id of next) if (!this.tension.has(id)) this.map.setFeatureState({ source: MUNICIPALITY_SOURCE, id }, { tension: true });
    this.tension = next;
  }

  /**
   * Moves the camera to a scene's subject. In software WebGL a flight is one or two frames of a
   * second each, every one holding up the page: there the camera cuts, and the map dips and
   * comes back in (a compositor animation) instead.
   */
  frame(bbox: BBox, padding: Padding, durationMs: number, onArrived: () => void): void {
    const cut = this.software;
    if (cut) {
      this.applyColors();
      const container = this.map.getContainer();
      container.classList.remove('wall-map--cut');
      void container.offsetWidth; // restart the dip
      container.classList.add('wall-map--cut');
    }
    // After fitBounds: stopping a flight in progress fires its own moveend synchronously.
    this.map.fitBounds(bbox, { padding, duration: cut ? 0 : durationMs, essential: true, maxZoom: 11 });
    // A cut has already arrived (its moveend fired inside fitBounds).
    if (this.map.isMoving()) this.map.once('moveend', onArrived);
    else onArrived();
  }

  /** One pending redraw of the hexagons, at the earliest time any caller asked for. */
  private schedule(delayMs: number): void {
    if (this.destroyed) return;
    const due = Date.now() + delayMs;
    if (this.timer) {
      if (this.timerDue <= due) return;
      clearTimeout(this.timer);
    }
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.destroyed) return;
      this.drawnHexes = this.hexes;
      this.overlay.setProps({ layers: [this.hexLayer()] });
    }, delayMs);
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

  destroy(): void {
    this.destroyed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.colorTimer) clearTimeout(this.colorTimer);
    this.pulseOverlay.destroy();
    this.map.removeControl(this.overlay);
    this.overlay.finalize();
    this.map.remove();
  }
}
