import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const Bounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Bounds = z.infer<typeof Bounds>;

/** The shell's own settings in `<dataDir>/shell.json`, validated like anything read from disk. */
export const ShellSettings = z.object({
  /** The display the wall opens on (Electron's `Display.id`); absent: the largest secondary display. */
  wallDisplayId: z.number().int().optional(),
  /** Where the operator window was last closed or moved. */
  operatorBounds: Bounds.extend({ maximized: z.boolean().default(false) }).optional(),
});
export type ShellSettings = z.infer<typeof ShellSettings>;

export const shellSettingsFile = (dataDir: string): string => join(dataDir, 'shell.json');

/**
 * A missing or unreadable file gives the defaults rather than stopping the wall from starting:
 * an unattended kiosk must come up even after someone hand-edited the file badly.
 */
export function loadShellSettings(file: string, warn: (message: string) => void = console.warn): ShellSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = ShellSettings.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    warn(
      `${file}: ignored, ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  } catch (error) {
    warn(`${file}: ignored, not JSON (${(error as Error).message})`);
  }
  return {};
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function saveShellSettings(file: string, settings: ShellSettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(ShellSettings.parse(settings), null, 2)}\n`);
  renameSync(tmp, file);
}

/** The settings in memory, written through on every change. */
export interface SettingsStore {
  get(): ShellSettings;
  update(patch: Partial<ShellSettings>): void;
}

export function createSettingsStore(file: string, warn: (message: string) => void = console.warn): SettingsStore {
  let current = loadShellSettings(file, warn);
  return {
    get: () => current,
    update(patch) {
      current = { ...current, ...patch };
      try {
        saveShellSettings(file, current);
      } catch (error) {
        warn(`${file}: not saved (${(error as Error).message})`);
      }
    },
  };
}
