// Electron main process: lifecycle, the window and IPC forwarding only. The archive and all
// work live in the core, which runs in its own utility process (core-host.ts).
import path from 'node:path';
import { app, BrowserWindow, dialog, protocol } from 'electron';
import { APP_FOLDER } from '../data-dir';
import { rendererDist } from '../paths';
import { CoreProcess } from './core-process';
import { offerRestart } from './core-restart';
import { registerIpc } from './ipc';
import { makeAppProtocolHandler } from './protocol';
import { createMainWindow, hardenContents } from './window';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // one archive folder for the app, the CLI and the browser host (see data-dir.ts)
  app.setPath('userData', path.join(app.getPath('appData'), APP_FOLDER));
  let win: BrowserWindow | null = null;
  let core: CoreProcess | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));

  const demo = process.argv.includes('--demo');
  app.whenReady().then(async () => {
    // the demo gets an archive of its own, so trying it never touches real records
    const dataDir = process.env.SOHOA_DATA_DIR || path.join(app.getPath('userData'), demo ? 'archive-demo' : 'archive');
    const logFile = path.join(app.getPath('logs'), 'core.log');
    const started = new CoreProcess({ entry: path.join(__dirname, 'core-host.cjs'), dataDir, demo, logFile });
    try {
      await started.start();
    } catch (e) {
      dialog.showErrorBox('Số hóa Desk', `Không mở được kho lưu trữ: ${(e as Error).message}`);
      app.exit(1);
      return;
    }
    core = started;
    const ipc = registerIpc(started);
    const mainClient = () => (win && !win.isDestroyed() ? win.webContents.id : null);
    protocol.handle('app', makeAppProtocolHandler(started, rendererDist(), mainClient));
    win = createMainWindow(path.join(__dirname, 'preload.cjs'));
    ipc.attach(win.webContents);
    win.on('closed', () => (win = null));
    started.onDied((code) => void offerRestart(started, win, code));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    // the core lets running jobs stop between files (they resume at the next start), then exits
    event.preventDefault();
    const c = core;
    core = null;
    void c.stop().finally(() => app.exit(0));
  });
}
