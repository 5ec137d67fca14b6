import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Agency, Category, Municipality, Sector, SourceKind } from '../../../shared/domain';
import type { RegionInfo } from '../../../shared/api/reference';

/** Region configuration: sectors, categories and agencies are data per region, not code. */
const RegionConfig = z.object({
  id: z.string(),
  /** IANA zone whose calendar days the counters use ("today" at the ЦУР). */
  timeZone: z.string(),
  capitalId: z.string().nullable(),
  population: z.record(z.string(), z.number().int().positive()),
  sectors: z.array(Sector),
  categories: z.array(Category),
  agencies: z.array(Agency),
  sources: z.array(z.object({ id: z.string(), kind: SourceKind, name: z.string() })),
});
export type RegionConfig = z.infer<typeof RegionConfig>;

const RegionMeta = z.object({
  id: z.string(),
  name: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  center: z.tuple([z.number(), z.number()]),
  files: z.object({ municipalities: z.string(), labels: z.string() }).passthrough(),
  attribution: z.array(z.string()),
});

type Ring = [number, number][];
interface GeoFeature {
  properties: { id: string; name?: string; label?: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] } | { type: 'Point'; coordinates: [number, number] };
}

export interface RegionPack {
  info: RegionInfo;
  dir: string;
  config: RegionConfig;
  municipalities: Municipality[];
  /** Outer rings and holes per municipality, as polygons (for locating points and sampling). */
  polygons: Map<string, Ring[][]>;
}

export class RegionPackError extends Error {
  override name = 'RegionPackError';
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RegionPackError(`Cannot read region pack file ${file}: ${(error as Error).message}`);
  }
}

export function loadRegionPack(regionsDir: string, regionId: string): RegionPack {
  const dir = join(regionsDir, regionId);
  const meta = RegionMeta.parse(readJson(join(dir, 'region.json')));
  const parsedConfig = RegionConfig.safeParse(readJson(join(dir, 'config.json')));
  if (!parsedConfig.success) {
    throw new RegionPackError(`Invalid ${join(dir, 'config.json')}: ${parsedConfig.error.message}`);
  }
  const config = parsedConfig.data;
  const shapes = readJson(join(dir, meta.files.municipalities)) as { features: GeoFeature[] };
  const labels = readJson(join(dir, meta.files.labels)) as { features: GeoFeature[] };
  const labelPoints = new Map(
    labels.features.map((f) => [f.properties.id, f.geometry.coordinates as [number, number]]),
  );
  const polygons = new Map<string, Ring[][]>();
  const municipalities = shapes.features.map((feature): Municipality => {
    const { id, name = id, label = name } = feature.properties;
    const geometry = feature.geometry;
    polygons.set(id, geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : []);
    const point = labelPoints.get(id);
    return {
      id,
      name,
      label,
      population: config.population[id] ?? null,
      lon: point?.[0] ?? null,
      lat: point?.[1] ?? null,
    };
  });
  return {
    info: {
      id: meta.id,
      name: meta.name,
      bbox: meta.bbox,
      center: meta.center,
      capitalId: config.capitalId,
      attribution: meta.attribution,
    },
    dir,
    config,
    municipalities,
    polygons,
  };
}

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function inPolygons(lon: number, lat: number, polygons: Ring[][]): boolean {
  return polygons.some(
    ([outer, ...holes]) => outer !== undefined && inRing(lon, lat, outer) && !holes.some((hole) => inRing(lon, lat, hole)),
  );
}

/** The municipality containing a point, or null outside the region. */
export function locateMunicipality(pack: RegionPack, lon: number, lat: number): string | null {
  for (const [id, polygons] of pack.polygons) if (inPolygons(lon, lat, polygons)) return id;
  return null;
}

export function polygonBBox(polygons: Ring[][]): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const polygon of polygons) for (const [x, y] of polygon[0] ?? []) {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}
