import type { Reference } from '@shared/api/reference';
import { createContext, useContext, useMemo } from 'react';

export interface Lookup {
  ref: Reference;
  sector: Map<string, string>;
  category: Map<string, { name: string; acute: boolean; sectorId: string }>;
  municipality: Map<string, string>;
  agency: Map<string, string>;
  source: Map<string, string>;
}

export const ReferenceContext = createContext<Lookup | null>(null);

export function useLookup(): Lookup {
  const lookup = useContext(ReferenceContext);
  if (!lookup) throw new Error('useLookup before the reference data loaded');
  return lookup;
}

export function useBuildLookup(ref: Reference | null, sources: { id: string; name: string }[] | null): Lookup | null {
  return useMemo(() => {
    if (!ref) return null;
    return {
      ref,
      sector: new Map(ref.sectors.map((s) => [s.id, s.name])),
      category: new Map(ref.categories.map((c) => [c.id, c])),
      municipality: new Map(ref.municipalities.map((m) => [m.id, m.name])),
      agency: new Map(ref.agencies.map((a) => [a.id, a.name])),
      source: new Map((sources ?? []).map((s) => [s.id, s.name])),
    };
  }, [ref, sources]);
}
