import type { BrowserWindow, Screen } from 'electron';
import { clampToDisplays } from './displays';
import type { SettingsStore } from './settings';
import type { WindowRegistry } from './windows';

export const OPERATOR_DEFAULT_SIZE = { width: 1440, height: 900 };
const SAVE_DEBOUNCE_MS = 500;

export interface OperatorOptions {
  registry: Pick<WindowRegistry, 'create'>;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  store: SettingsStore;
}

/** An operator window where the last one was, kept on a connected display, remembered on move and close. */
export function openOperator({ registry, screen, store }: OperatorOptions): BrowserWindow {
  const saved = store.get().operatorBounds;
  const bounds = clampToDisplays(saved, screen.getAllDisplays(), screen.getPrimaryDisplay().id, OPERATOR_DEFAULT_SIZE);
  const win = registry.create('operator', { ...bounds, minWidth: 960, minHeight: 600 });
  if (saved?.maximized) win.maximize();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    // Normal bounds, so that a maximized window comes back maximized over its real size.
    store.update({ operatorBounds: { ...win.getNormalBounds(), maximized: win.isMaximized() } });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DEBOUNCE_MS);
  };
  win.on('move', saveSoon);
  win.on('resize', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', save);
  win.on('closed', () => clearTimeout(timer));
  return win;
}
