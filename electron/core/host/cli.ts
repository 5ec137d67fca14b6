/**
 * `npm run serve`: the core under plain Node, serving the windows to browsers.
 *   --port <n>        0 picks a free port (printed)
 *   --data-dir <dir>  default: the app's data directory
 *   --host <addr>     default 127.0.0.1; any other address requires --token (or CUR_HOST_TOKEN)
 *   --token <secret>  access token every request must carry when listening beyond loopback
 *   --region <id>     region pack (default RU-NIZ)
 *   --demo <n>        demo appeals loaded into an empty cache (default 5000, 0 for none)
 *   --snapshot <file> briefing-only mode from an offline snapshot: no cache, no sync, /briefing only
 *   --passphrase-file <file>  the snapshot's passphrase (else CUR_BRIEFING_PASSPHRASE, else asked on the terminal)
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, DEFAULT_DEMO_APPEALS } from '../app';
import { openSnapshotFromCli } from '../briefing/cli';
import { defaultDataDir } from '../paths';
import { startHost } from './server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function fail(message: string): never {
  console.error(`serve: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8137' },
    'data-dir': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
    region: { type: 'string', default: 'RU-NIZ' },
    demo: { type: 'string', default: String(DEFAULT_DEMO_APPEALS) },
    snapshot: { type: 'string' },
    'passphrase-file': { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got ${values.port}`);
const webDir = join(root, 'out', 'renderer');
if (!existsSync(join(webDir, 'wall.html'))) fail(`no built windows in ${webDir}: run \`npm run build:web\` first`);

const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
const offline = values.snapshot ? await openSnapshotFromCli(values.snapshot, values['passphrase-file'], fail) : null;
const core = offline ?? createCore({
  dataDir,
  regionsDir: join(root, 'resources', 'regions'),
  regionId: values.region,
  demoAppeals: Number(values.demo),
  // Sources from <data-dir>/sources.json, or the embedded simulator (~0.5 appeals/s) when none is configured.
  sync: true,
});

try {
  const host = await startHost({
    core,
    webDir,
    regionsDir: join(root, 'resources', 'regions'),
    host: values.host,
    port,
    token: values.token ?? process.env.CUR_HOST_TOKEN,
  });
  console.log(offline ? offline.banner : `ЦУР host: data in ${dataDir}`);
  console.log(`Listening on ${host.url}  (wall: ${host.url}/wall, operator: ${host.url}/operator, briefing: ${host.url}/briefing)`);
  const stop = () => {
    void host.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  core.close();
  fail((error as Error).message);
}
