import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Ring = [number, number][];
interface Feature {
  properties: { id: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

let boundaries: Promise<Feature[]> | null = null;
/** The region pack's municipal boundaries, fetched once from the same origin (no tiles, no network). */
function loadBoundaries(regionId: string): Promise<Feature[]> {
  boundaries ??= fetch(new URL(`/regions/${regionId}/municipalities.geojson`, location.href))
    .then((r) => r.json() as Promise<{ features: Feature[] }>)
    .then((fc) => fc.features)
    .catch(() => []);
  return boundaries;
}

const SIZE = 220;

/** A small map of the appeal's municipality with its point: SVG, so it costs no WebGL context. */
export function MiniMap({ regionId, municipalityId, lon, lat }: { regionId: string; municipalityId: string | null; lon: number | null; lat: number | null }) {
  const { t } = useTranslation('operator');
  const [features, setFeatures] = useState<Feature[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    void loadBoundaries(regionId).then((f) => !cancelled && setFeatures(f));
    return () => {
      cancelled = true;
    };
  }, [regionId]);
  if (lon === null || lat === null) return <p className="muted">{t('card.noLocation')}</p>;
  const feature = features?.find((f) => f.properties.id === municipalityId);
  const polygons = feature ? (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) : [];
  const points = polygons.flat(2);
  const k = Math.cos((lat * Math.PI) / 180);
  let [minX, minY, maxX, maxY] = [lon * k - 0.05, lat - 0.03, lon * k + 0.05, lat + 0.03];
  for (const [x, y] of points) {
    minX = Math.min(minX, x * k);
    maxX = Math.max(maxX, x * k);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const scale = (SIZE - 16) / Math.max(maxX - minX, maxY - minY);
  const px = (x: number, y: number) => `${(8 + (x * k - minX) * scale).toFixed(1)},${(8 + (maxY - y) * scale).toFixed(1)}`;
  const d = polygons.map((rings) => rings.map((ring) => `M${ring.map(([x, y]) => px(x, y)).join('L')}Z`).join('')).join('');
  const [cx, cy] = px(lon, lat).split(',').map(Number);
  return (
    <svg className="minimap" width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={t('card.map')} data-testid="minimap">
      <path d={d} className="area" />
      <circle cx={cx} cy={cy} r={6} className="point" />
    </svg>
  );
}
