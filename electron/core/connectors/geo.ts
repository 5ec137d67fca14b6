import { inPolygons, polygonBBox, type RegionPack } from '../region/pack';

export type Locator = (lon: number, lat: number) => string | null;

/**
 * `locateMunicipality` with a bounding-box test first: a point-in-polygon test over every municipality
 * per record is too slow for a backlog of millions, and most boxes are rejected in four comparisons.
 */
export function createLocator(pack: RegionPack): Locator {
  const entries = [...pack.polygons].map(([id, polygons]) => ({ id, polygons, box: polygonBBox(polygons) }));
  let last: (typeof entries)[number] | undefined;
  const hit = (e: (typeof entries)[number], lon: number, lat: number) =>
    lon >= e.box[0] && lon <= e.box[2] && lat >= e.box[1] && lat <= e.box[3] && inPolygons(lon, lat, e.polygons);
  return (lon, lat) => {
    if (last && hit(last, lon, lat)) return last.id;
    for (const e of entries) {
      if (hit(e, lon, lat)) {
        last = e;
        return e.id;
      }
    }
    return null;
  };
}

export function validLonLat(lon: unknown, lat: unknown): lon is number {
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}
