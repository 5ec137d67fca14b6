// Node and Electron need different native builds of better-sqlite3. npm builds the Node one in
// place; this script makes the Electron one beside it (node_modules/.electron-native/) so that
// `npm start` and `npm test` both work after a single install, without rebuilding back and forth.
// Failure is not fatal: where Electron's headers cannot be downloaded, Electron cannot run either.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules', '.electron-native');
const target = join(outDir, 'better_sqlite3.node');

function electronVersion() {
  const pkg = join(root, 'node_modules', 'electron', 'package.json');
  return existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')).version : null;
}

function loadsInNode(file) {
  try {
    process.dlopen({ exports: {} }, file);
    return true;
  } catch {
    return false;
  }
}

const version = electronVersion();
if (!version) {
  console.log('[native-sqlite] electron is not installed; skipping the Electron build of better-sqlite3');
  process.exit(0);
}
if (existsSync(target) && process.env.FORCE_NATIVE_REBUILD !== '1') process.exit(0);

const work = join(root, 'node_modules', '.cache', 'better-sqlite3-electron');
try {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(work), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers', npm_config_nodedir: '' };
  try {
    execFileSync('npx', ['--no-install', 'prebuild-install', '--runtime', 'electron', '--target', version], { cwd: work, env, stdio: 'pipe', timeout: 120_000 });
  } catch {
    execFileSync('npx', ['--no-install', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], { cwd: work, env, stdio: 'pipe', timeout: 600_000 });
  }
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (loadsInNode(built)) {
    // A machine-wide nodedir (npm config) silently makes node-gyp use Node's headers instead of Electron's.
    throw new Error('the build used Node headers, not Electron headers');
  }
  mkdirSync(outDir, { recursive: true });
  cpSync(built, target);
  console.log(`[native-sqlite] built better-sqlite3 for Electron ${version} → ${target}`);
} catch (error) {
  console.log(`[native-sqlite] could not build better-sqlite3 for Electron ${version} (${String(error.message).split('\n')[0]}).`);
  console.log('[native-sqlite] Electron cannot start on this machine without it; `npm run serve` and `npm test` are unaffected.');
} finally {
  rmSync(work, { recursive: true, force: true });
}
