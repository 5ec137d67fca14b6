/**
 * `npm run simulator`: the regional API simulator as a standalone HTTP server.
 *   --port <n>          default 8311 (0 picks a free port)
 *   --rate <n>          new appeals per second across all sources (default 0.5)
 *   --backlog <n>       appeals waiting at start, spread over the past 30 days (default 0)
 *   --faults <list>     comma-separated: 500,429,timeout,slow,truncated,malformed,duplicates,outoforder,ackloss or all
 *   --fault-rate <p>    share of requests that meet a fault (default 0.1)
 *   --region <id>       region pack (default RU-NIZ)
 *   --seed <n>          reproducible data
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRegionPack } from '../region/pack';
import { parseFaults } from './faults';
import { startSimulator } from './server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8311' },
    host: { type: 'string', default: '127.0.0.1' },
    rate: { type: 'string', default: '0.5' },
    backlog: { type: 'string', default: '0' },
    faults: { type: 'string', default: '' },
    'fault-rate': { type: 'string', default: '0.1' },
    region: { type: 'string', default: 'RU-NIZ' },
    seed: { type: 'string' },
  },
  strict: true,
});

const pack = loadRegionPack(join(root, 'resources', 'regions'), values.region);
const sim = await startSimulator({
  pack,
  host: values.host,
  port: Number(values.port),
  rate: Number(values.rate),
  backlog: Number(values.backlog),
  faults: values.faults ? parseFaults(values.faults, Number(values['fault-rate'])) : undefined,
  ...(values.seed ? { seed: Number(values.seed) } : {}),
});
console.log(`Simulator for ${pack.info.name} at ${sim.url}`);
for (const s of sim.sources) console.log(`  ${s.id.padEnd(9)} ${s.format.padEnd(8)} ${sim.sourceUrl(s.id)}`);
console.log(`  write-backs received: ${sim.url}/_sim/writebacks`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
