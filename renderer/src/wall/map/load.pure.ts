import { type ClassScale, makeClassScale } from './colorScale.pure';

export type LoadMode = 'absolute' | 'per10k';

/** Load per municipality: the appeal count, or appeals per 10,000 residents where the population is known. */
export function municipalityLoad(
  counts: readonly { municipalityId: string; count: number }[],
  population: ReadonlyMap<string, number | null>,
  mode: LoadMode,
): Map<string, number> {
  const load = new Map<string, number>();
  for (const { municipalityId, count } of counts) {
    if (mode === 'absolute') {
      load.set(municipalityId, count);
      continue;
    }
    const people = population.get(municipalityId);
    if (people && people > 0) load.set(municipalityId, Math.round((count / people) * 10_000 * 10) / 10);
  }
  return load;
}

export interface LoadPicture {
  scale: ClassScale;
  /** Colour per municipality id, for every municipality of the region (zero load included). */
  colors: Map<string, string>;
}

export function loadPicture(load: ReadonlyMap<string, number>, municipalityIds: readonly string[]): LoadPicture {
  const scale = makeClassScale([...load.values()]);
  return { scale, colors: new Map(municipalityIds.map((id) => [id, scale.colorOf(load.get(id) ?? 0)])) };
}

/** Only the municipalities whose colour changed: the map's feature state is touched for those alone. */
export function changedColors(prev: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): [string, string][] {
  const changed: [string, string][] = [];
  for (const [id, color] of next) if (prev.get(id) !== color) changed.push([id, color]);
  return changed;
}
