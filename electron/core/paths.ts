import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_ID = 'cur-situation-room';

/** The app's data directory, the same for the Electron app and the Node host (Electron's userData). */
export function defaultDataDir(): string {
  if (process.env.CUR_DATA_DIR) return process.env.CUR_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_ID);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_ID);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_ID);
}
