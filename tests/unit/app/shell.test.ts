// The Electron shell against a mocked `electron` module, with a real core behind it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_PREFIX, METHODS } from '../../../shared/channels';
import type { CoreProcess } from '../../../electron/app/core-process';
import { jpegScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { exitOf, forkSource } from './core-child';
import { FakeBrowserWindow, FakeWebContents } from './electron-mock';

const electron = vi.hoisted(() => ({ current: null as any }));
vi.mock('electron', async () => {
  const { makeElectronMock } = await import('./electron-mock');
  electron.current = makeElectronMock();
  return electron.current;
});

// one core process (a real child on a temp archive) for the IPC and protocol tests
let shared: Promise<CoreProcess> | null = null;
function sharedCore(): Promise<CoreProcess> {
  shared ??= import('../../../electron/app/core-process').then(async ({ CoreProcess }) => {
    const c = new CoreProcess({ entry: 'electron/app/core-host.cjs', dataDir: tempDir(), demo: false }, forkSource);
    await c.start();
    return c;
  });
  return shared;
}
afterAll(async () => (await shared)?.stop());

type Call = (method: string, payload: unknown) => Promise<unknown> | unknown;

/** First run through the contract, once per archive: the calling window ends up signed in as admin. */
async function setUpThroughIpc(call: Call) {
  const me = (await call('auth.me', {})) as any;
  if (me.value) return;
  const first = (await call('app.info', {})) as any;
  if (!first.value.firstRun) {
    expect(await call('auth.signIn', { username: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    return;
  }
  const units = (await call('setup.demoUnits', {})) as any;
  const unitId = units.value.find((u: { code: string }) => u.code === '402').id;
  expect(await call('setup.init', { unit: { unitId }, admin: { username: 'admin', fullName: 'Quản trị', password: 'admin-pass-1' } })).toMatchObject({ ok: true });
}

/** The document an import job archived, once the job is done (asked for, not timed). */
async function archivedDocument(call: Call, jobId: number): Promise<number> {
  for (;;) {
    const job = (await call('jobs.get', { id: jobId })) as any;
    if (job.value.state === 'done') return job.value.outcomes[0].documentId;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeEach(() => {
  electron.current?.handlers.clear();
  FakeBrowserWindow.all = [];
});

describe('window', () => {
  it('creates a sandboxed, isolated window on app:// with no Node in the page', async () => {
    const { createMainWindow } = await import('../../../electron/app/window');
    const win = createMainWindow('/app/preload.cjs') as unknown as FakeBrowserWindow;
    expect(win.options.webPreferences).toMatchObject({ preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win.loaded).toBe('app://sohoa/index.html');
    expect(win.options.webPreferences.devTools).toBe(true);
  });

  it('has no DevTools in an installed build', async () => {
    const { webPreferences } = await import('../../../electron/app/window');
    electron.current.app.isPackaged = true;
    try {
      expect(webPreferences('/p.cjs').devTools).toBe(false);
    } finally {
      electron.current.app.isPackaged = false;
    }
  });

  it('denies navigation away from app://, new windows, webviews and permission requests', async () => {
    const { hardenContents } = await import('../../../electron/app/window');
    const wc = new FakeWebContents();
    hardenContents(wc as any);
    const nav = (url: string) => {
      const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      wc.emit('will-navigate', e, url);
      return e.defaultPrevented;
    };
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav('app://other/index.html')).toBe(true);
    expect(nav('app://sohoa/index.html#/documents')).toBe(false);
    expect(wc.openHandler!({ url: 'https://x' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    wc.permissionHandler!(wc, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    // permission checks (clipboard, notifications…) and device access (USB, HID, serial) are refused too
    expect(wc.checkHandler!(wc, 'clipboard-read', 'app://sohoa', {})).toBe(false);
    expect(wc.deviceHandler!({ deviceType: 'usb', origin: 'app://sohoa' })).toBe(false);
    const e = { prevented: false, preventDefault() { this.prevented = true; } };
    wc.emit('will-attach-webview', e);
    expect(e.prevented).toBe(true);
  });
});

describe('ipc', () => {
  it('registers one handler per contract method, checks the sender, and forwards to the core process with a sign-in per window', { timeout: 120_000 }, async () => {
    const { registerIpc } = await import('../../../electron/app/ipc');
    const core = await sharedCore();
    const ipc = registerIpc(core);
    const handlers: Map<string, (...args: any[]) => unknown> = electron.current.handlers;
    expect([...handlers.keys()].sort()).toEqual(METHODS.map((m) => `${IPC_PREFIX}${m}`).sort());

    const win = new FakeBrowserWindow({});
    const other = new FakeBrowserWindow({});
    ipc.attach(win.webContents as any);
    ipc.attach(other.webContents as any);
    const event = (wc: FakeWebContents, frame = wc.mainFrame) => ({ sender: wc, senderFrame: frame });
    const call = (m: string, payload: unknown, e = event(win.webContents)) => handlers.get(`${IPC_PREFIX}${m}`)!(e, payload);

    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { shell: 'electron' } });
    // a frame that is not our app:// main frame, a window we did not make, one we never attached
    const foreignFrame = { url: 'https://evil.example/' };
    expect(await call('app.info', {}, { sender: win.webContents, senderFrame: foreignFrame } as any)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await call('app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    win.webContents.mainFrame.url = 'app://sohoa/index.html';
    expect(await call('app.info', {}, event(new FakeWebContents()))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('app.info', {}, event(new FakeBrowserWindow({}).webContents))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // payloads are parsed, by the core in its own process
    expect(await call('documents.get', { id: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // sign-in belongs to the window that signed in
    await setUpThroughIpc(call);
    expect(await call('auth.me', {})).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(await call('auth.me', {}, event(other.webContents))).toEqual({ ok: true, value: null });
    // job events reach the window that started the job, and only that one
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'x.jpg'), 'broken');
    const done = new Promise<void>((resolve) => win.webContents.on('sent', (ch: string, st: any) => ch === `${IPC_PREFIX}event:job.updated` && st.state === 'done' && resolve()));
    expect(await call('documents.import', { sources: [{ path: path.join(dir, 'x.jpg') }] })).toMatchObject({ ok: true });
    await done;
    expect(other.webContents.sent).toEqual([]);
    // a closed window's client is gone from the core too
    const closedId = win.webContents.id;
    win.webContents.destroy();
    expect(await call('auth.me', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(closedId, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('app:// protocol', () => {
  it('serves the renderer with the CSP, refuses paths outside it, streams archive files only to a signed-in window', { timeout: 120_000 }, async () => {
    const { makeAppProtocolHandler } = await import('../../../electron/app/protocol');
    const core = await sharedCore();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    let client: number | null = null;
    const handle = makeAppProtocolHandler(core, dir, () => client);
    const index = await handle(new Request('app://sohoa/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await handle(new Request('app://sohoa/../package.json'))).status).toBe(404);
    expect((await handle(new Request('app://sohoa/%2e%2e/package.json'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://sohoa/archive/file/1'))).status).toBe(404);

    // a window signed in as the administrator, with one scan archived
    client = 501;
    core.openClient(client);
    const call = (m: string, payload: unknown) => core.call(client!, m, payload);
    await setUpThroughIpc(call);
    const scan = path.join(tempDir(), 'giay-phep.jpg');
    fs.writeFileSync(scan, await jpegScan({ title: 'Giấy phép' }));
    const imported = (await call('documents.import', { sources: [{ path: scan }] })) as any;
    const docId = await archivedDocument(call, imported.value.jobId);
    const file = await handle(new Request(`app://sohoa/archive/file/${docId}`));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(fs.readFileSync(scan));
    expect((await handle(new Request(`app://sohoa/archive/file/${docId}/00000000`))).status).toBe(404);
    expect((await handle(new Request('app://sohoa/archive/file/999'))).status).toBe(404);
    const csv = await handle(new Request('app://sohoa/export/coverage.csv?at=2021-06-30'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="so-hoa-.*2021-06-30\.csv"/);
    // the core's process gone: the window is told, not shown a missing file
    await core.stop();
    shared = null;
    const gone = await handle(new Request(`app://sohoa/archive/file/${docId}`));
    expect(gone.status).toBe(503);
    expect(await gone.text()).toContain('đã dừng');
  });
});

describe('preload', () => {
  it('exposes window.sohoa with one function per method, events, and file paths, never ipcRenderer', async () => {
    await import('../../../electron/preload');
    const api = electron.current.exposed.sohoa;
    expect(Object.keys(electron.current.exposed)).toEqual(['sohoa']);
    for (const m of METHODS) expect(typeof api[m]).toBe('function');
    expect(api.ipcRenderer).toBeUndefined();
    expect(api.shell).toBe('electron');
    expect(await api['auth.me']({})).toEqual({ channel: `${IPC_PREFIX}auth.me`, payload: {} });
    expect(() => api.on('secret', () => {})).toThrow(/unknown event/);
    const got: unknown[] = [];
    const off = api.on('job.updated', (p: unknown) => got.push(p));
    electron.current.rendererListeners.get(`${IPC_PREFIX}event:job.updated`)[0]({}, { id: 1 });
    off();
    expect(got).toEqual([{ id: 1 }]);
    expect(electron.current.rendererListeners.get(`${IPC_PREFIX}event:job.updated`)).toEqual([]);
    expect(api.pathForFile({ path: '/scans/a.jpg' })).toBe('/scans/a.jpg');
    expect(api.pathForFile({})).toBeNull();
  });
});

describe('main process', () => {
  it('opens the archive in the core process and one window; on a crash offers a restart; on quit lets the core close', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    process.env.SOHOA_DATA_DIR = dataDir;
    const e = electron.current;
    e.dialog.answer = 0; // "Khởi động lại"
    try {
      await import('../../../electron/app/main');
      await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1), { timeout: 60_000, interval: 100 });
    } finally {
      delete process.env.SOHOA_DATA_DIR;
    }
    expect(e.protocol.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(e.app.paths.userData).toBe(path.join('/fake/appData', 'sohoa-desk'));
    expect(e.protocol.handlers.has('app')).toBe(true);
    expect(e.handlers.size).toBe(METHODS.length);
    // the archive is opened by the forked core host, not by this process
    expect(e.utilityProcess.children).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, 'archive.sqlite'))).toBe(true);
    const win = FakeBrowserWindow.all[0];
    const call = (m: string) => e.handlers.get(`${IPC_PREFIX}${m}`)!({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, {});
    expect(await call('app.info')).toMatchObject({ ok: true, value: { shell: 'electron', firstRun: true } });

    // the core's process dies: the person is told in Vietnamese and offered a restart
    e.utilityProcess.children[0].kill();
    await vi.waitFor(() => expect(win.webContents.reloads).toBe(1), { timeout: 60_000, interval: 100 });
    expect(e.dialog.boxes).toHaveLength(1);
    expect(e.dialog.boxes[0]).toMatchObject({ message: expect.stringContaining('đã dừng đột ngột'), buttons: ['Khởi động lại', 'Thoát'] });
    expect(e.utilityProcess.children).toHaveLength(2);
    expect(await call('app.info')).toMatchObject({ ok: true, value: { shell: 'electron' } });

    // quitting waits for the core to close and its process to exit on its own
    const coreExit = exitOf(e.utilityProcess.children[1]);
    let prevented = false;
    e.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(await coreExit).toBe(0);
    await vi.waitFor(() => expect(e.app.exits).toEqual([0]), { timeout: 30_000, interval: 50 });
    expect(e.dialog.boxes).toHaveLength(1);
  });

  it('quits instead of restarting when the person chooses Thoát', async () => {
    const { offerRestart } = await import('../../../electron/app/core-restart');
    const { CoreProcess } = await import('../../../electron/app/core-process');
    const e = electron.current;
    e.dialog.answer = 1;
    const forks: unknown[] = [];
    const core = new CoreProcess({ entry: 'electron/app/core-host.cjs', dataDir: tempDir(), demo: false }, (...args) => {
      forks.push(args);
      return forkSource(...args);
    });
    const quits = e.app.quits;
    await offerRestart(core, null, 134);
    expect(e.app.quits).toBe(quits + 1);
    expect(forks).toEqual([]);
    expect(e.dialog.boxes.at(-1).detail).toContain('134');
    // what the core last wrote to stderr is in the dialog, not only its exit code
    vi.spyOn(core, 'lastOutput').mockReturnValue('Error: libvips-cpp.so.42: cannot open shared object file');
    await offerRestart(core, null, 1);
    expect(e.dialog.boxes.at(-1).detail).toContain('libvips-cpp.so.42: cannot open shared object file');
  });
});
