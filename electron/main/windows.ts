import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { channelOf } from '../../shared/api/bridge';
import { type EventName, type EventPayload, events } from '../../shared/api';
import type { Role } from '../../shared/domain';
import { pageUrl } from './protocol';
import { secureWebPreferences } from './security';

const TITLES: Record<Role, string> = {
  wall: 'ЦУР — видеостена',
  operator: 'ЦУР — рабочее место оператора',
  briefing: 'ЦУР — брифинг',
};

interface Entry {
  role: Role;
  win: BrowserWindow;
}

/**
 * Every window of the app, by role (STYLE.md #6): created, found and broadcast to through here only,
 * so that the role a window was created with is the role IPC trusts for its calls and events.
 */
export class WindowRegistry {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly preloadFor: (role: Role) => string) {}

  create(role: Role, options: BrowserWindowConstructorOptions = {}): BrowserWindow {
    const win = new BrowserWindow({
      title: TITLES[role],
      show: false,
      backgroundColor: '#0b1220',
      ...options,
      webPreferences: secureWebPreferences(this.preloadFor(role)),
    });
    // The id is read now: after 'closed' the webContents is gone.
    const id = win.webContents.id;
    this.entries.set(id, { role, win });
    win.on('closed', () => this.entries.delete(id));
    win.once('ready-to-show', () => win.show());
    win.loadURL(pageUrl(role)).catch((error: unknown) => {
      console.error(`[windows] ${role} failed to load: ${(error as Error).message}`);
    });
    return win;
  }

  find(role: Role): BrowserWindow[] {
    return [...this.entries.values()].filter((e) => e.role === role && !e.win.isDestroyed()).map((e) => e.win);
  }

  all(): { role: Role; win: BrowserWindow }[] {
    return [...this.entries.values()].filter((e) => !e.win.isDestroyed());
  }

  /** The role of the window that owns these contents; undefined for anything the registry did not create. */
  roleOf = (contents: WebContents | null | undefined): Role | undefined => {
    if (!contents) return undefined;
    return this.entries.get(contents.id)?.role;
  };

  /** The window that owns these contents, if the registry created it. */
  windowOf = (contents: WebContents): BrowserWindow | undefined => this.entries.get(contents.id)?.win;

  /** Sends a contract event to every window whose role may receive it, and to no other. */
  broadcast<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const roles = events[name].roles as readonly Role[];
    for (const { role, win } of this.all()) {
      if (roles.includes(role)) win.webContents.send(channelOf(name), payload);
    }
  }
}
