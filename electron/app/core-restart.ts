// When the core's process dies on its own: the waiting calls have already been answered
// with CORE_STOPPED; this tells the person at the desk in plain Vietnamese and offers a restart.
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { CoreProcess } from './core-process';

export const RESTART = 'Khởi động lại';
export const QUIT = 'Thoát';

function crashMessage(code: number, said: string): MessageBoxOptions {
  return {
    type: 'error',
    title: 'Số hóa Desk',
    message: 'Bộ xử lý dữ liệu của Số hóa Desk đã dừng đột ngột.',
    detail:
      'Thao tác đang làm dở chưa được thực hiện; dữ liệu đã lưu trong kho không bị ảnh hưởng. ' +
      `Khi khởi động lại, các tác vụ nhập và nhận dạng dang dở sẽ chạy tiếp và bạn cần đăng nhập lại. (Mã thoát: ${code})` +
      (said ? `\n\nThông báo cuối của bộ xử lý:\n${said}` : ''),
    buttons: [RESTART, QUIT],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}

export async function offerRestart(core: CoreProcess, win: BrowserWindow | null, code: number): Promise<void> {
  console.error(`Số hóa Desk: the core's process exited (code ${code})`);
  const options = crashMessage(code, core.lastOutput());
  const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (response !== 0) return app.quit();
  try {
    await core.start();
  } catch (e) {
    dialog.showErrorBox('Số hóa Desk', `Không khởi động lại được bộ xử lý dữ liệu: ${(e as Error).message}`);
    app.exit(1);
    return;
  }
  // the new core holds no sign-in: the window starts again from the sign-in screen
  if (win && !win.isDestroyed()) win.webContents.reload();
}
