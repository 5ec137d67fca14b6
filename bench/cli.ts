/** What every benchmark script shares: where the repo is, and its command-line flags. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REGIONS_DIR = join(ROOT, 'resources', 'regions');

const args = process.argv.slice(2);
export const flag = (name: string): boolean => args.includes(`--${name}`);
export const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
