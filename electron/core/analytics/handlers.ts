import type { Core } from '../app';
import type { Registry } from '../rpc';
import { prepareCounters } from './counters';
import { prepareKpis } from './kpis';
import { syncRollupZone } from './rollups';
import { prepareReplay } from './replay';
import { prepareSeries } from './series';
import { prepareTension } from './tension';

/** The analytics methods of the contract, all read from rollups (see migration 0005). */
export function registerAnalytics(registry: Registry, core: Pick<Core, 'db' | 'pack'>): void {
  const { db, pack } = core;
  syncRollupZone(db, pack.config.timeZone);
  const counters = prepareCounters(db, pack.config.timeZone);
  const kpis = prepareKpis(db);
  const tension = prepareTension(db);
  const series = prepareSeries(db);
  const replay = prepareReplay(db);
  registry.register({
    'analytics:counters': () => counters.summary(),
    'analytics:kpis': (arg) => kpis(arg.period, arg.groupBy),
    'analytics:tension': () => tension(),
    'analytics:series': (arg) => series(arg),
    'analytics:replay': (arg) => replay(arg.days),
  });
}
