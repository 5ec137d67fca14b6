// A stand-in for the `electron` package when the built main bundle boots under plain Node
// (bundle.test.ts): just enough API for the shell to start, recording what it did.
import { EventEmitter } from 'node:events';

const state = {
  windows: [],
  protocol: new Map(),
  ipc: new Map(),
  schemes: [],
  menu: null,
  before: null,
  blockers: [],
  errors: [],
};
globalThis.__fakeElectron = state;

let nextId = 1;
class WebContents extends EventEmitter {
  id = nextId++;
  sent = [];
  send(channel, payload) {
    this.sent.push([channel, payload]);
  }
  reload() {}
  forcefullyCrashRenderer() {}
  insertCSS() {
    return Promise.resolve('');
  }
  setWindowOpenHandler(handler) {
    this.openHandler = handler;
  }
  isDestroyed() {
    return false;
  }
}

class App extends EventEmitter {
  paths = {};
  isPackaged = false;
  setPath(name, value) {
    this.paths[name] = value;
  }
  getPath(name) {
    return this.paths[name] ?? process.env.TMPDIR ?? '/tmp';
  }
  getAppPath() {
    return process.cwd();
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {}
  exit(code) {
    state.exitCode = code;
  }
}
export const app = new App();

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  removeMenu() {}
  maximize() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  getBounds() {
    return { x: this.options.x ?? 0, y: this.options.y ?? 0, width: this.options.width, height: this.options.height };
  }
  getNormalBounds() {
    return this.getBounds();
  }
}

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => state.schemes.push(...schemes),
  handle: (scheme, handler) => state.protocol.set(scheme, handler),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    webRequest: { onBeforeRequest: (handler) => (state.before = handler) },
  },
};
export const ipcMain = {
  handle: (channel, handler) => state.ipc.set(channel, handler),
  removeHandler: (channel) => state.ipc.delete(channel),
};
export const Menu = { buildFromTemplate: (template) => template, setApplicationMenu: (menu) => (state.menu = menu) };
const display = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};
export const screen = Object.assign(new EventEmitter(), {
  getAllDisplays: () => [display],
  getPrimaryDisplay: () => display,
});
export const powerSaveBlocker = { start: (type) => state.blockers.push(type), stop: () => {}, isStarted: () => true };
export const dialog = {
  showErrorBox: (title, content) => state.errors.push(content),
  showSaveDialog: () => Promise.resolve({ canceled: true }),
};
export default { app, BrowserWindow, protocol, session, ipcMain, Menu, screen, powerSaveBlocker, dialog };
