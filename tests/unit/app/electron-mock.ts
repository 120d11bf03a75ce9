// A stand-in for the `electron` module: records what the shell asks of Electron so the
// tests can check it. This is the only mock in the suite: the Electron boundary.
import { EventEmitter } from 'node:events';
import type { FakeUtilityProcess } from '../../fixtures/utility-process.cjs';
import { forkSource } from './core-child';

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
  reloads = 0;
  destroyed = false;
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
    this.emit('sent', channel, payload);
  }
  reload() {
    this.reloads++;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
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
  type AnyFn = (...args: any[]) => unknown;
  const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const exposed: Record<string, any> = {};
  const rendererListeners = new Map<string, AnyFn[]>();
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    quits: 0,
    quit: () => void app.quits++,
    exits: [] as number[],
    exit: (code = 0) => void app.exits.push(code),
    getPath: (n: string) => `/fake/${n}`,
    setPath: (n: string, p: string) => (app.paths[n] = p),
    paths: {} as Record<string, string>,
    whenReady: () => Promise.resolve(),
    isPackaged: false,
  });
  const dialog = {
    errors: [] as string[],
    boxes: [] as { message?: string; detail?: string; buttons?: string[] }[],
    /** The button the next message box answers with. */
    answer: 0,
    showErrorBox: (_title: string, message: string) => void dialog.errors.push(message),
    showMessageBox: async (...args: unknown[]) => {
      dialog.boxes.push(args[args.length - 1] as (typeof dialog.boxes)[number]);
      return { response: dialog.answer, checkboxChecked: false };
    },
  };
  const utilityProcess = {
    children: [] as FakeUtilityProcess[],
    fork: (...args: Parameters<typeof forkSource>) => {
      const child = forkSource(...args);
      utilityProcess.children.push(child);
      return child;
    },
  };
  const protocol = { schemes: [] as any[], handlers: new Map<string, AnyFn>(), registerSchemesAsPrivileged: (s: any[]) => protocol.schemes.push(...s), handle: (s: string, h: AnyFn) => protocol.handlers.set(s, h) };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol,
    dialog,
    // the core's utility process: a real Node child running electron/app/core-host.ts
    utilityProcess,
    ipcMain: { handle: (ch: string, h: (e: unknown, p: unknown) => unknown) => handlers.set(ch, h) },
    ipcRenderer: {
      invoke: (ch: string, payload: unknown) => Promise.resolve({ channel: ch, payload }),
      on: (ch: string, l: AnyFn) => rendererListeners.set(ch, [...(rendererListeners.get(ch) ?? []), l]),
      removeListener: (ch: string, l: AnyFn) => rendererListeners.set(ch, (rendererListeners.get(ch) ?? []).filter((x) => x !== l)),
    },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
    webUtils: { getPathForFile: (f: { path?: string }) => f.path ?? '' },
    // for assertions
    handlers,
    exposed,
    rendererListeners,
  };
}
