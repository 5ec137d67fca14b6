import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { WallConfig, WallSummary } from '../../../../shared/api/wall';
import type { Reference } from '../../../../shared/api/reference';
import type { WallAppeal } from '../../../../shared/domain';
import type { ApiClient } from '../../api/client';
import { probe } from '../probe';
import type { SceneView } from '../scenes/view.pure';
import { type BBox, bboxesById } from './geometry.pure';
import { hexesFromServer } from './hexes.pure';
import { Legend } from './Legend';
import { loadPicture, municipalityLoad } from './load.pure';
import { MapView, type Padding } from './MapView';
import { mergeBase } from './style';

/** The region pack's index (resources/regions/<id>/region.json). */
interface RegionFile {
  files: { municipalities?: string; labels?: string; outline?: string; neighbours?: string; rivers?: string[]; lakes?: string; places?: string };
}

/** Hexagons are recounted from the cache this often; in between, new appeals are added locally. */
const HEX_REFRESH_MS = 60_000;
const CAMERA_MS = 1500;

export interface WallMapProps {
  client: ApiClient;
  reference: Reference;
  config: WallConfig;
  summary: WallSummary | null;
  view: SceneView | null;
  /** Changes with every scene start; `data-framed` on the map carries it once the camera has arrived. */
  viewKey: number;
  /** The map area not covered by panels: the camera frames its subject inside it. */
  frameRef: React.RefObject<HTMLElement | null>;
  scale: number;
  onBoxes(boxes: Map<string, BBox>): void;
  onReady(): void;
  onError(error: Error): void;
}

/** The box grown by a share of its size on every side. */
function expand([w, s, e, n]: BBox, share: number): BBox {
  const dx = (e - w) * share;
  const dy = (n - s) * share;
  return [w - dx, s - dy, e + dx, n + dy];
}

function paddingOf(container: HTMLElement, frame: HTMLElement | null): Padding {
  const outer = container.getBoundingClientRect();
  const inner = frame?.getBoundingClientRect() ?? outer;
  const margin = 0.04 * Math.min(inner.width, inner.height);
  return {
    top: Math.max(0, inner.top - outer.top + margin),
    left: Math.max(0, inner.left - outer.left + margin),
    bottom: Math.max(0, outer.bottom - inner.bottom + margin),
    right: Math.max(0, outer.right - inner.right + margin),
  };
}

/** Memoised: the panels re-render with every pushed appeal, the map only when its own props change. */
export const WallMap = memo(function WallMap({ client, reference, config, summary, view, viewKey, frameRef, scale, onBoxes, onReady, onError }: WallMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [mapView, setMapView] = useState<MapView | null>(null);
  const callbacks = useRef({ onBoxes, onReady, onError });
  useEffect(() => {
    callbacks.current = { onBoxes, onReady, onError };
  });
  const acute = useMemo(() => new Set(reference.categories.filter((c) => c.acute).map((c) => c.id)), [reference]);
  const regionId = reference.region.id;
  const regionBox = reference.region.bbox;

  // The map is created once per region; everything else reaches it as data.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let created: MapView | null = null;
    const packUrl = new URL(`/regions/${regionId}/`, location.href).href;
    const json = <T = GeoJSON.GeoJSON>(file: string) => fetch(new URL(file, packUrl)).then((r) => r.json() as Promise<T>);
    (async () => {
      const regionFile = fetch(new URL('region.json', packUrl)).then((r) => r.json() as Promise<RegionFile>);
      const [region, municipalities] = await Promise.all([
        regionFile,
        regionFile.then((r) => json<GeoJSON.FeatureCollection>(r.files.municipalities ?? 'municipalities.geojson')),
        // Labels are drawn by maplibre with the page's font: its Cyrillic faces must be loaded first.
        document.fonts.load('400 16px "Noto Sans"', 'Нижний Новгород'),
      ]);
      const files = region.files;
      const many = (names: readonly (string | undefined)[]) => Promise.all(names.filter((n): n is string => !!n).map((n) => json(n)));
      const [neighbours, outline, lakes, places, labels, rivers] = await Promise.all(
        [[files.neighbours], [files.outline], [files.lakes], [files.places], [files.labels], files.rivers ?? []].map(many),
      );
      performance.mark('wall:fetched');
      if (cancelled) return;
      callbacks.current.onBoxes(bboxesById(municipalities.features as never));
      const base = mergeBase({ neighbours, outline, lakes, places, labels, rivers });
      created = new MapView(
        container,
        { municipalities, base, scale },
        regionBox,
        paddingOf(container, frameRef.current),
      );
      performance.mark('wall:map-created');
      setMapView(created);
      const view = created;
      probe.renderedMunicipalities = () => view.renderedMunicipalities();
      probe.measureFrames = (frames) => view.measureFrames(frames);
      probe.setHexesVisible = (visible) => view.setHexesVisible(visible);
      await created.loaded;
      performance.mark('wall:map-loaded');
      if (!cancelled) callbacks.current.onReady();
    })().catch((error: Error) => !cancelled && callbacks.current.onError(error));
    return () => {
      cancelled = true;
      created?.destroy();
      setMapView(null);
    };
    // The region and the wall's scale fix the style; other props are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [regionId, scale]);

  const population = useMemo(() => new Map(reference.municipalities.map((m) => [m.id, m.population])), [reference]);
  const ids = useMemo(() => reference.municipalities.map((m) => m.id), [reference]);
  const picture = useMemo(
    () => (summary ? loadPicture(municipalityLoad(summary.byMunicipality, population, config.load), ids) : null),
    [summary, population, ids, config.load],
  );

  useEffect(() => {
    if (mapView && picture) mapView.setColors(picture.colors);
  }, [mapView, picture]);

  const tensionKey = summary ? [...new Set(summary.tension.map((t) => t.municipalityId))].join(',') : '';
  useEffect(() => {
    mapView?.setTension(tensionKey ? tensionKey.split(',') : []);
  }, [mapView, tensionKey]);

  const bboxKey = view ? view.bbox.join(',') : '';
  useEffect(() => {
    if (!mapView || !view) return;
    mapView.setFocus(view.focusId);
    const container = containerRef.current!;
    mapView.frame(view.bbox, paddingOf(container, frameRef.current), CAMERA_MS, () => (container.dataset.framed = String(viewKey)));
    // bboxKey stands for view.bbox: a new array with the same box must not restart the flight.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapView, bboxKey, view?.focusId, viewKey]);

  const hexSector = view?.hexSectorId ?? null;
  useEffect(() => {
    mapView?.setLoadEmphasis(hexSector === null);
  }, [mapView, hexSector]);

  const hexResolution = view?.hexResolution ?? 6;
  const hexSectorId = view?.hexSectorId ?? null;
  // Fine cells only around what a zoomed scene shows: software WebGL pays for every drawn hexagon.
  const hexBoxKey = view && hexResolution >= 7 ? expand(view.bbox, 0.6).join(',') : '';
  useEffect(() => {
    if (!mapView) return;
    let cancelled = false;
    let version = 0;
    const bbox = hexBoxKey ? (hexBoxKey.split(',').map(Number) as BBox) : undefined;
    const load = () =>
      client.invoke('wall:hexes', { resolution: hexResolution, ...(hexSectorId ? { sectorId: hexSectorId } : {}), ...(bbox ? { bbox } : {}) }).then(
        (hexes) => !cancelled && mapView.setHexes(hexesFromServer(hexes, hexSectorId, ++version + mapView.hexState.version)),
        () => {},
      );
    void load();
    const timer = setInterval(load, HEX_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
      // The next scene's cells are on their way: its camera cut draws none rather than the old
      // ones at the new camera (one hexagon frame less per scene in software WebGL).
      mapView.clearHexes();
    };
  }, [client, mapView, hexResolution, hexSectorId, hexBoxKey]);

  useEffect(() => {
    if (!mapView) return;
    const container = containerRef.current!;
    return client.listen('wall:appeals', (appeals: WallAppeal[]) => {
      mapView.addAppeals(appeals, (a) => a.escalated || (a.categoryId !== null && acute.has(a.categoryId)));
      const last = appeals[appeals.length - 1];
      if (last) container.dataset.lastAppeal = String(last.id);
    });
  }, [client, mapView, acute]);

  return (
    <>
      <div className="wall-map" ref={containerRef} data-testid="wall-map" />
      <Legend scale={picture?.scale ?? null} mode={config.load} hours={config.windowHours} />
    </>
  );
});
