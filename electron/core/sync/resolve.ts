import { DEFAULT_FORMAT } from '../connectors';
import type { RegionPack } from '../region/pack';
import type { SecretStore, SourcesSettings } from '../settings/sources';
import type { ResolvedSource } from './engine';

const DEFAULTS = { intervalMs: 10_000, pageSize: 1000, timeoutMs: 15_000, maxBytes: 64 << 20 };

/** Sources as configured in sources.json, with names and kinds from the region and credentials from the store. */
export function resolveConfigured(settings: SourcesSettings, pack: RegionPack, secrets: SecretStore | null): ResolvedSource[] {
  return settings.sources.map((s) => {
    const known = pack.config.sources.find((r) => r.id === s.id);
    const kind = known?.kind ?? (s.format === 'cap' ? 'safecity' : s.format === 'services' ? 'services' : s.format === 'open311' ? 'open311' : s.format === 'line112' ? 'line112' : s.format === 'incident' ? 'incident' : 'pos');
    const token = s.credential ? secrets?.get(s.credential) : null;
    if (s.credential && !token) throw new Error(`sources.json: credential "${s.credential}" of source ${s.id} is not in the secret store`);
    return {
      id: s.id,
      kind,
      name: known?.name ?? s.id,
      format: s.format ?? DEFAULT_FORMAT[kind] ?? 'pos',
      baseUrl: s.url,
      enabled: s.enabled,
      intervalMs: s.intervalMs,
      pageSize: s.pageSize,
      timeoutMs: s.timeoutMs,
      maxBytes: s.maxBytes,
      headers: (token ? { authorization: `Bearer ${token}` } : {}) as Record<string, string>,
      categoryMap: s.categoryMap,
      writeBack: s.writeBack,
      ...(s.variant ? { variant: s.variant } : {}),
    };
  });
}

/** Every source of the region pointed at the embedded simulator. */
export function resolveSimulated(pack: RegionPack, urlOf: (id: string) => string, overrides: Partial<typeof DEFAULTS> = {}): ResolvedSource[] {
  return pack.config.sources.map((s) => {
    const format = DEFAULT_FORMAT[s.kind] ?? 'pos';
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      format,
      baseUrl: urlOf(s.id),
      enabled: true,
      ...DEFAULTS,
      // Indicators and CAP feeds change slowly; appeal feeds are polled often so the wall stays live.
      intervalMs: format === 'services' ? 60_000 : (overrides.intervalMs ?? 2000),
      ...(overrides.pageSize ? { pageSize: overrides.pageSize } : {}),
      ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
      headers: {},
      categoryMap: {},
      writeBack: format === 'pos' || format === 'incident' || format === 'open311',
      startAt: format === 'open311' ? Date.now() - 30 * 86_400_000 : undefined,
    };
  });
}
