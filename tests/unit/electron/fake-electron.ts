/**
 * A fake `electron` module for unit tests of the shell: Electron's binary cannot run everywhere
 * (not on CI machines without a display, not where its download is blocked), so the wiring of
 * windows, sessions and IPC is checked against recorded calls instead. Use with
 * `vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule))`.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

export const display = (id: number, x: number, y: number, width: number, height: number): FakeDisplay => ({
  id,
  bounds: { x, y, width, height },
  workArea: { x, y, width, height: height - 40 },
});

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly insertedCss: string[] = [];
  reloads = 0;
  crashes = 0;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  reload(): void {
    this.reloads++;
  }
  forcefullyCrashRenderer(): void {
    this.crashes++;
  }
  insertCSS(css: string): Promise<string> {
    this.insertedCss.push(css);
    return Promise.resolve('key');
  }
  readonly printed: unknown[] = [];
  printToPDF(options: unknown): Promise<Buffer> {
    this.printed.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.7 fake'));
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  bounds: { x: number; y: number; width: number; height: number };
  kiosk: boolean;
  maximized = false;
  menuRemoved = false;
  shown = false;
  focused = 0;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.kiosk = options.kiosk ?? false;
    FakeBrowserWindow.instances.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused++;
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<FakeBrowserWindow['bounds']>): void {
    // Like Electron: a kiosk window keeps filling its display.
    if (this.kiosk) return;
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('move');
  }
  getBounds() {
    return { ...this.bounds };
  }
  setKiosk(kiosk: boolean): void {
    this.kiosk = kiosk;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.instances.every((w) => w.destroyed)) fake.app.emit('window-all-closed');
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>();
  appPath = '/app';
  isPackaged = false;
  singleInstance = true;
  quitCalls = 0;
  exitCode: number | undefined;
  private ready = Promise.resolve();
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (!value) throw new Error(`fake app: no path ${name}`);
    return value;
  }
  getAppPath(): string {
    return this.appPath;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

function createFake() {
  const ipcHandlers = new Map<string, Handler>();
  const blockers = new Set<number>();
  const state = {
    app: new FakeApp(),
    displays: [display(1, 0, 0, 1920, 1080)] as FakeDisplay[],
    screenEvents: new EventEmitter(),
    primaryId: 1,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    ipcHandlers,
    blockers,
    blockerTypes: [] as string[],
    menu: null as MenuItemConstructorOptions[] | null,
    errors: [] as { title: string; content: string }[],
    /** What the next save dialog answers, and the dialogs shown. */
    saveDialog: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
    saveDialogs: [] as { parent: unknown; options: { defaultPath?: string } }[],
    permissionRequest: null as
      null | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void),
    permissionCheck: null as
      null | ((contents: unknown, permission: string, origin: string, details: unknown) => boolean),
    beforeRequest: null as
      null | ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void),
    exposed: new Map<string, unknown>(),
    rendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
    invoked: [] as { channel: string; arg: unknown }[],
  };
  return state;
}

export let fake = createFake();

/** A fresh fake per test; windows created before are forgotten. */
export function resetFake(): typeof fake {
  fake = createFake();
  FakeBrowserWindow.instances.length = 0;
  return fake;
}

const session = {
  setPermissionRequestHandler: (handler: typeof fake.permissionRequest) => void (fake.permissionRequest = handler),
  setPermissionCheckHandler: (handler: typeof fake.permissionCheck) => void (fake.permissionCheck = handler),
  webRequest: {
    onBeforeRequest: (handler: typeof fake.beforeRequest) => void (fake.beforeRequest = handler),
  },
};

/** The module `vi.mock('electron')` returns: getters, so every test sees its own fresh fake. */
export const electronModule = {
  get app() {
    return fake.app;
  },
  BrowserWindow: FakeBrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => void fake.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      void fake.protocolHandlers.set(scheme, handler),
  },
  session: { defaultSession: session },
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void fake.ipcHandlers.delete(channel),
  },
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
    setApplicationMenu: (menu: MenuItemConstructorOptions[] | null) => void (fake.menu = menu),
  },
  screen: {
    getAllDisplays: () => fake.displays,
    getPrimaryDisplay: () => fake.displays.find((d) => d.id === fake.primaryId)!,
    on: (event: string, listener: () => void) => void fake.screenEvents.on(event, listener),
    removeListener: (event: string, listener: () => void) => void fake.screenEvents.removeListener(event, listener),
  },
  powerSaveBlocker: {
    start: (type: string) => {
      const id = 100 + fake.blockerTypes.length;
      fake.blockers.add(id);
      fake.blockerTypes.push(type);
      return id;
    },
    stop: (id: number) => void fake.blockers.delete(id),
    isStarted: (id: number) => fake.blockers.has(id),
  },
  dialog: {
    showErrorBox: (title: string, content: string) => void fake.errors.push({ title, content }),
    showSaveDialog: (...args: unknown[]) => {
      const [parent, options] = args.length === 2 ? args : [undefined, args[0]];
      fake.saveDialogs.push({ parent, options: options as { defaultPath?: string } });
      return Promise.resolve(fake.saveDialog);
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => void fake.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (channel: string, arg: unknown) => {
      fake.invoked.push({ channel, arg });
      return Promise.resolve({ ok: true, result: { channel } });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      let set = fake.rendererListeners.get(channel);
      if (!set) fake.rendererListeners.set(channel, (set = new Set()));
      set.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      fake.rendererListeners.get(channel)?.delete(listener);
    },
  },
};

/** Stands in for a renderer-side `ipcRenderer` receiving a pushed event. */
export function emitToRenderer(channel: string, payload: unknown): void {
  const event = { sender: 'the-ipc-renderer', senderId: 0 };
  for (const listener of fake.rendererListeners.get(channel) ?? []) listener(event, payload);
}

export const windows = (): FakeBrowserWindow[] => FakeBrowserWindow.instances;
