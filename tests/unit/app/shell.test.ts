// The Electron shell against a mocked `electron` module, with a real core behind it.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_PREFIX, METHODS } from '../../../shared/channels';
import { setUpCore, tempDir } from '../../helpers';
import { FakeBrowserWindow, FakeWebContents } from './electron-mock';

const electron = vi.hoisted(() => ({ current: null as any }));
vi.mock('electron', async () => {
  const { makeElectronMock } = await import('./electron-mock');
  electron.current = makeElectronMock();
  return electron.current;
});

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
  it('registers one handler per contract method, checks the sender, and keeps a sign-in per window', async () => {
    const { registerIpc } = await import('../../../electron/app/ipc');
    const { core } = await setUpCore('electron');
    registerIpc(core);
    const handlers: Map<string, Function> = electron.current.handlers;
    expect([...handlers.keys()].sort()).toEqual(METHODS.map((m) => `${IPC_PREFIX}${m}`).sort());

    const win = new FakeBrowserWindow({});
    const event = (wc: FakeWebContents, frame = wc.mainFrame) => ({ sender: wc, senderFrame: frame });
    const call = (m: string, payload: unknown, e = event(win.webContents)) => handlers.get(`${IPC_PREFIX}${m}`)!(e, payload);

    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { shell: 'electron' } });
    // a frame that is not our app:// main frame, or a window we did not make
    const foreignFrame = { url: 'https://evil.example/' };
    expect(await call('app.info', {}, { sender: win.webContents, senderFrame: foreignFrame } as any)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await call('app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    win.webContents.mainFrame.url = 'app://sohoa/index.html';
    expect(await call('app.info', {}, event(new FakeWebContents()))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // payloads are parsed
    expect(await call('documents.get', { id: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // sign-in belongs to the window that signed in
    expect(await call('auth.signIn', { username: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    expect(await call('auth.me', {})).toMatchObject({ ok: true, value: { username: 'admin' } });
    const other = new FakeBrowserWindow({});
    expect(await call('auth.me', {}, event(other.webContents))).toEqual({ ok: true, value: null });
    // job events reach the window that started the job
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'x.jpg'), 'broken');
    await call('documents.import', { sources: [{ path: path.join(dir, 'x.jpg') }] });
    await core.jobs.idle();
    expect(win.webContents.sent.some(([ch, st]: any) => ch === `${IPC_PREFIX}event:job.updated` && st.state === 'done')).toBe(true);
    expect(other.webContents.sent).toEqual([]);
    await core.close();
  });
});

describe('app:// protocol', () => {
  it('serves the renderer with the CSP, refuses paths outside it, and archive files only to a signed-in window', async () => {
    const { makeAppProtocolHandler } = await import('../../../electron/app/protocol');
    const { core, admin } = await setUpCore('electron');
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    let client: any = null;
    const handle = makeAppProtocolHandler(core, dir, () => client);
    const index = await handle(new Request('app://sohoa/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await handle(new Request('app://sohoa/../package.json'))).status).toBe(404);
    expect((await handle(new Request('app://sohoa/%2e%2e/package.json'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://sohoa/archive/file/1'))).status).toBe(404);
    client = admin;
    expect((await handle(new Request('app://sohoa/archive/file/999'))).status).toBe(404);
    await core.close();
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
  it('takes the single-instance lock, registers app:// as secure, opens the archive and one window', async () => {
    const dataDir = tempDir();
    process.env.SOHOA_DATA_DIR = dataDir;
    await import('../../../electron/app/main');
    await new Promise((r) => setTimeout(r, 50));
    const e = electron.current;
    expect(e.protocol.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(e.app.paths.userData).toBe(path.join('/fake/appData', 'sohoa-desk'));
    expect(e.protocol.handlers.has('app')).toBe(true);
    expect(FakeBrowserWindow.all).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, 'archive.sqlite'))).toBe(true);
    expect(e.handlers.size).toBe(METHODS.length);
    delete process.env.SOHOA_DATA_DIR;
  });
});
