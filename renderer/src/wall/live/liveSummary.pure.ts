import type { WallSummary } from '../../../../shared/api/wall';
import type { WallAppeal } from '../../../../shared/domain';
import { startOfDay } from '../../../../shared/time';

/** What the counters need of a pushed appeal. */
export type LiveAppeal = Pick<WallAppeal, 'id' | 'receivedAt' | 'sectorId' | 'municipalityId'>;

/** Pushed appeals the summary does not include yet (ids above its `lastAppealId`). */
export function pendingAfter<T extends LiveAppeal>(pending: readonly T[], lastAppealId: number): T[] {
  const first = pending.findIndex((a) => a.id > lastAppealId);
  if (first === -1) return [];
  return first === 0 ? (pending as T[]) : pending.slice(first);
}

function bumped<T extends { count: number }>(rows: readonly T[], key: keyof T, adds: Map<string, number>): T[] {
  if (adds.size === 0) return rows as T[];
  const left = new Map(adds);
  const out = rows.map((r) => {
    const add = left.get(r[key] as string);
    if (add === undefined) return r;
    left.delete(r[key] as string);
    return { ...r, count: r.count + add };
  });
  for (const [id, count] of left) out.push({ [key]: id, count } as unknown as T);
  return out;
}

/**
 * The summary with the pushed appeals it does not include yet counted in: today's total, its
 * sectors and municipalities move the moment an appeal is pushed, without waiting for the next
 * summary (which then includes them and replaces this). Appeals received on another day (a late
 * backfill) leave today's figures alone; the map's colours stay on the summary itself.
 */
export function withPending(summary: WallSummary, pending: readonly LiveAppeal[], timeZone: string): WallSummary {
  const last = summary.lastAppealId;
  if (last === undefined || pending.length === 0) return summary;
  const dayStart = startOfDay(summary.at, timeZone);
  let today = 0;
  const bySector = new Map<string, number>();
  const byMunicipality = new Map<string, number>();
  for (const a of pending) {
    if (a.id <= last || startOfDay(a.receivedAt, timeZone) !== dayStart) continue;
    today++;
    if (a.sectorId !== null) bySector.set(a.sectorId, (bySector.get(a.sectorId) ?? 0) + 1);
    if (a.municipalityId !== null) byMunicipality.set(a.municipalityId, (byMunicipality.get(a.municipalityId) ?? 0) + 1);
  }
  if (today === 0) return summary;
  return {
    ...summary,
    today: summary.today + today,
    bySector: summary.bySector.map((s) => (bySector.has(s.sectorId) ? { ...s, today: s.today + bySector.get(s.sectorId)! } : s)),
    todayByMunicipality: bumped(summary.todayByMunicipality, 'municipalityId', byMunicipality),
  };
}
