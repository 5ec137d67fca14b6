import { execFileSync } from 'node:child_process';
import { electronEnvironment, ROOT } from './environment';

/** Builds the app the suite launches, or says plainly why the suite is skipped on this machine. */
export default function globalSetup(): void {
  const env = electronEnvironment();
  if (!env.ok) {
    console.log(`\n[test:electron] SKIPPED — ${env.reason}\n`);
    return;
  }
  console.log('[test:electron] building the app with electron-vite…');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
