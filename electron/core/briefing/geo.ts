import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BriefingGeo } from '../../../shared/api/briefing';

type Ring = [number, number][];
interface SourceFeature {
  properties: { id: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** ~300 m: finer than a printed A4 map can show, coarse enough to keep the snapshot small. */
const TOLERANCE_DEG = 0.003;

function simplifyRing(ring: Ring): Ring | null {
  const out: Ring = [];
  for (const [x, y] of ring) {
    const point: [number, number] = [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4];
    const last = out[out.length - 1];
    if (last && Math.abs(last[0] - point[0]) < TOLERANCE_DEG && Math.abs(last[1] - point[1]) < TOLERANCE_DEG) continue;
    out.push(point);
  }
  if (out.length < 3) return null;
  out.push(out[0]!);
  return out;
}

/** The region pack's municipal boundaries, simplified for an SVG map in print. */
export function loadBriefingGeo(packDir: string, municipalitiesFile = 'municipalities.geojson'): BriefingGeo {
  const source = JSON.parse(readFileSync(join(packDir, municipalitiesFile), 'utf8')) as { features: SourceFeature[] };
  return {
    type: 'FeatureCollection',
    features: source.features.map((f) => {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const coordinates = polygons
        .map((polygon) => polygon.map(simplifyRing).filter((r): r is Ring => r !== null))
        .filter((polygon) => polygon.length > 0);
      return { type: 'Feature' as const, properties: { id: f.properties.id }, geometry: { type: 'MultiPolygon' as const, coordinates } };
    }),
  };
}
