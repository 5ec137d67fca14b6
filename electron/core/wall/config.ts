import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WallConfig, WallConfigFile } from '../../../shared/api/wall';

export const WALL_CONFIG_FILE = 'wall.json';

/**
 * Reads `<dataDir>/wall.json`. A missing file means defaults; a broken one also falls back to the
 * defaults (an unattended wall must keep running) but says why, so the operator window can show it.
 */
export function loadWallConfig(dataDir: string, timeZone: string): WallConfig {
  const file = join(dataDir, WALL_CONFIG_FILE);
  const defaults = WallConfigFile.parse({});
  if (!existsSync(file)) return { ...defaults, origin: 'default', problem: null, timeZone };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ...defaults, origin: 'default', problem: `${file}: ${(error as Error).message}`, timeZone };
  }
  const parsed = WallConfigFile.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ...defaults, origin: 'default', problem: `${file}: ${issues}`, timeZone };
  }
  return { ...parsed.data, origin: 'file', problem: null, timeZone };
}
