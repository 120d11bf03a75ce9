// Electron main process: lifecycle only. The archive and all work live in the core.
import path from 'node:path';
import { app, BrowserWindow, dialog, protocol } from 'electron';
import { Core } from '../core';
import { seedDemo } from '../coverage/demo';
import { APP_FOLDER } from '../data-dir';
import { toAppError } from '../errors';
import { rendererDist } from '../paths';
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
  let core: Core | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));

  const demo = process.argv.includes('--demo');
  app.whenReady().then(async () => {
    try {
      // the demo gets an archive of its own, so trying it never touches real records
      const dataDir = process.env.SOHOA_DATA_DIR || path.join(app.getPath('userData'), demo ? 'archive-demo' : 'archive');
      core = Core.open({ dataDir, shell: 'electron' });
      if (demo) await seedDemo(core);
    } catch (e) {
      dialog.showErrorBox('Số hóa Desk', `Không mở được kho lưu trữ: ${toAppError(e).message}`);
      app.exit(1);
      return;
    }
    const clientFor = registerIpc(core);
    protocol.handle('app', makeAppProtocolHandler(core, rendererDist(), () => (win && !win.isDestroyed() ? clientFor(win.webContents) : null)));
    win = createMainWindow(path.join(__dirname, 'preload.cjs'));
    win.on('closed', () => (win = null));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    // let running jobs stop between files; they resume at the next start
    event.preventDefault();
    const c = core;
    core = null;
    void c.close().finally(() => app.exit(0));
  });
}
