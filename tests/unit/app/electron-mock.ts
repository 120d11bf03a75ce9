// A stand-in for the `electron` module: records what the shell asks of Electron so the
// tests can check it. This is the only mock in the suite: the Electron boundary.
import { EventEmitter } from 'node:events';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  mainFrame = { url: 'app://sohoa/index.html' };
  sent: [string, unknown][] = [];
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  permissionHandler: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
  checkHandler: ((...args: unknown[]) => boolean) | null = null;
  deviceHandler: ((...args: unknown[]) => boolean) | null = null;
  session = {
    setPermissionRequestHandler: (h: FakeWebContents['permissionHandler']) => (this.permissionHandler = h),
    setPermissionCheckHandler: (h: FakeWebContents['checkHandler']) => (this.checkHandler = h),
    setDevicePermissionHandler: (h: FakeWebContents['deviceHandler']) => (this.deviceHandler = h),
  };
  setWindowOpenHandler(h: FakeWebContents['openHandler']) {
    this.openHandler = h;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string | null = null;
  constructor(readonly options: any) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  show() {}
  static fromWebContents(wc: FakeWebContents) {
    return FakeBrowserWindow.all.find((w) => w.webContents === wc) ?? null;
  }
}

export function makeElectronMock() {
  const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const exposed: Record<string, any> = {};
  const rendererListeners = new Map<string, Function[]>();
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    quit: () => {},
    exit: () => {},
    getPath: (n: string) => `/fake/${n}`,
    setPath: (n: string, p: string) => (app.paths[n] = p),
    paths: {} as Record<string, string>,
    whenReady: () => Promise.resolve(),
    isPackaged: false,
  });
  const protocol = { schemes: [] as any[], handlers: new Map<string, Function>(), registerSchemesAsPrivileged: (s: any[]) => protocol.schemes.push(...s), handle: (s: string, h: Function) => protocol.handlers.set(s, h) };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol,
    dialog: { showErrorBox: () => {} },
    ipcMain: { handle: (ch: string, h: (e: unknown, p: unknown) => unknown) => handlers.set(ch, h) },
    ipcRenderer: {
      invoke: (ch: string, payload: unknown) => Promise.resolve({ channel: ch, payload }),
      on: (ch: string, l: Function) => rendererListeners.set(ch, [...(rendererListeners.get(ch) ?? []), l]),
      removeListener: (ch: string, l: Function) => rendererListeners.set(ch, (rendererListeners.get(ch) ?? []).filter((x) => x !== l)),
    },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
    webUtils: { getPathForFile: (f: { path?: string }) => f.path ?? '' },
    // for assertions
    handlers,
    exposed,
    rendererListeners,
  };
}
