import type { KpiGroupBy } from '@shared/api/analytics';
import type { Reference } from '@shared/api/reference';

/** Display names for the ids a KPI row or a series is keyed by. */
export function nameOf(reference: Reference | null, groupBy: KpiGroupBy | 'sector' | 'municipality', sourceNames?: Map<string, string>) {
  const maps: Record<string, Map<string, string>> = {
    sector: new Map(reference?.sectors.map((s) => [s.id, s.name]) ?? []),
    municipality: new Map(reference?.municipalities.map((m) => [m.id, m.name]) ?? []),
    agency: new Map(reference?.agencies.map((a) => [a.id, a.name]) ?? []),
    source: sourceNames ?? new Map(),
  };
  return (key: string): string => maps[groupBy]?.get(key) ?? key;
}
