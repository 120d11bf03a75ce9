// Where the archive lives: the same folder Electron's app.getPath('userData') gives the
// desktop app, so the CLI and the browser host open the very archive the app uses.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'sohoa-desk';

/** Electron's appData: %APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere. */
export function appDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}

/** SOHOA_DATA_DIR overrides, for a second archive or a test run. */
export function defaultDataDir(env = process.env): string {
  return env.SOHOA_DATA_DIR || path.join(appDataDir(env), APP_FOLDER, 'archive');
}
