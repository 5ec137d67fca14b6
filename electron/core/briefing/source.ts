import { ContractError } from '../../../shared/api';
import type { BriefingData, BriefingGeo, BriefingInfo, BriefingQuery, SnapshotResult } from '../../../shared/api/briefing';
import type { Db } from '../db/open';
import type { RegionPack } from '../region/pack';
import { composeBriefing, type PeriodCells, prepareBriefingQueries, withLeadAgencies } from './compute';
import { loadBriefingGeo } from './geo';
import { type BriefingPeriod, resolvePeriod } from './periods';
import { briefingContext, datasetKey, type OpenedSnapshot, staticInfo, writeSnapshot } from './snapshot';

/** Where briefing pages get their data: the live cache or an offline snapshot. */
export interface BriefingSource {
  info(): BriefingInfo;
  data(query: BriefingQuery): BriefingData;
  geo(): BriefingGeo;
  snapshot(passphrase: string): SnapshotResult;
}

export interface BriefingCore {
  db: Db;
  pack: RegionPack;
  dataDir: string;
}

/** Figures this fresh are reused: switching territory or page must not rescan a month of appeals. */
const LIVE_REUSE_MS = 15_000;

export function createLiveBriefing(core: BriefingCore, clock: () => number = Date.now): BriefingSource {
  const { db, pack } = core;
  const queries = prepareBriefingQueries(db);
  const ctx = briefingContext(pack);
  let info: Omit<BriefingInfo, 'mode' | 'dataAt'> | null = null;
  let geo: BriefingGeo | null = null;
  let last: { key: string; at: number; period: BriefingPeriod; found: PeriodCells } | null = null;

  function cellsFor(query: BriefingQuery) {
    const now = clock();
    const key = `${query.period}:${query.from ?? ''}:${query.to ?? ''}`;
    if (!last || last.key !== key || now - last.at > LIVE_REUSE_MS) {
      const period = resolvePeriod(query, now, pack.config.timeZone);
      last = { key, at: now, period, found: withLeadAgencies(queries.period(period, now), ctx) };
    }
    return last;
  }

  return {
    info() {
      info ??= { ...staticInfo(db, pack), periods: ['today', 'week', 'month', 'custom'] };
      return { ...info, mode: 'live', dataAt: clock() };
    },
    data(query) {
      if (query.municipalityId && !pack.municipalities.some((m) => m.id === query.municipalityId)) {
        throw new ContractError(`Unknown municipality ${query.municipalityId}`, 'bad-argument');
      }
      const { at, period, found } = cellsFor(query);
      const composed = composeBriefing(found, period, query.municipalityId, ctx, at);
      const top = composed.problems.map((p) => p.categoryId);
      const order = [...top, ...pack.config.categories.map((c) => c.id).filter((c) => !top.includes(c))];
      return { ...composed, examples: queries.examples(period, query.municipalityId, order) };
    },
    geo() {
      geo ??= loadBriefingGeo(pack.dir);
      return geo;
    },
    snapshot(passphrase) {
      return writeSnapshot(db, pack, core.dataDir, passphrase);
    },
  };
}

export function createSnapshotBriefing(content: OpenedSnapshot): BriefingSource {
  return {
    info: () => ({ ...content.info, mode: 'snapshot', dataAt: content.dataAt }),
    data(query) {
      if (query.period === 'custom') {
        throw new ContractError('В офлайн-снимке есть только сегодня, неделя и месяц', 'bad-argument');
      }
      let data: BriefingData | undefined;
      try {
        data = content.dataset(datasetKey(query.period, query.municipalityId));
      } catch (error) {
        throw new ContractError((error as Error).message, 'failed');
      }
      if (!data) throw new ContractError(`В снимке нет данных для ${datasetKey(query.period, query.municipalityId)}`, 'failed');
      return data;
    },
    geo() {
      try {
        return content.geo();
      } catch (error) {
        throw new ContractError((error as Error).message, 'failed');
      }
    },
    snapshot() {
      throw new ContractError('Это уже офлайн-снимок: подготовить новый можно только на рабочем месте ЦУР', 'failed');
    },
  };
}
