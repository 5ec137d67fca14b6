import type { Source } from '../../../../shared/domain';

/** Minutes since a source last delivered, or null if it never has. */
export function staleMinutes(source: Pick<Source, 'lastSuccessAt' | 'lastSyncAt'>, now: number): number | null {
  const at = source.lastSuccessAt ?? source.lastSyncAt;
  return at === null ? null : Math.max(0, Math.floor((now - at) / 60_000));
}

/** The wall says "данные на HH:MM" when the core is out of reach: the last moment its figures were true. */
export function dataStamp(connected: boolean, summaryAt: number | null): number | null {
  return connected ? null : summaryAt;
}
