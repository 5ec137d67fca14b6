export type BBox = [number, number, number, number];

type Position = number[];
interface Geometry {
  type: string;
  coordinates?: unknown;
}
export interface FeatureLike {
  properties: Record<string, unknown> | null;
  geometry: Geometry | null;
}

function extend(box: BBox, coordinates: unknown): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number') {
    const [x, y] = coordinates as Position;
    if (x === undefined || y === undefined) return;
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
    return;
  }
  for (const c of coordinates) extend(box, c);
}

export function bboxOf(geometry: Geometry | null): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  extend(box, geometry?.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

/** Bounding boxes of the region's municipalities by id: the camera frames a municipality with them. */
export function bboxesById(features: readonly FeatureLike[]): Map<string, BBox> {
  const boxes = new Map<string, BBox>();
  for (const f of features) {
    const id = f.properties?.id;
    const box = bboxOf(f.geometry);
    if (typeof id === 'string' && box) boxes.set(id, box);
  }
  return boxes;
}

/** A box around a point, for framing one appeal (about 55 km tall at these latitudes: the district stays in view). */
export function bboxAround(lon: number, lat: number, halfDeg = 0.25): BBox {
  return [lon - halfDeg * 1.8, lat - halfDeg, lon + halfDeg * 1.8, lat + halfDeg];
}
