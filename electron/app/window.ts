// The one application window, locked down: isolated, sandboxed, no Node in the page,
// no navigation away from app://, no new windows, no permission prompts.
import { app, BrowserWindow, type WebContents } from 'electron';

export const APP_ORIGIN = 'app://sohoa';
export const START_URL = `${APP_ORIGIN}/index.html`;

export function webPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
    // no DevTools in an installed build: nobody at the desk gets a console onto window.sohoa
    devTools: !app.isPackaged,
  };
}

export const isAppUrl = (url: string) => url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);

/** Applied to every web contents the app creates. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // no camera, microphone, notifications, geolocation, USB/HID/serial, clipboard reads…: asked or checked, the answer is no
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  contents.session.setDevicePermissionHandler(() => false);
}

export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'Số hóa Desk',
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: webPreferences(preload),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(START_URL);
  return win;
}
