// The desktop shell itself, where the Electron binary is installed (it cannot be downloaded
// on an offline machine; the browser-host specs cover the same renderer there).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(electronDir, 'path.txt');
const binary = fs.existsSync(pathFile) ? path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()) : null;
const missing = !binary || !fs.existsSync(binary);

test('the Electron window opens the app on app:// with a locked-down page', async () => {
  test.skip(missing, 'Electron binary not installed (offline install): the browser-host specs test the same renderer');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, SOHOA_DATA_DIR: dataDir } });
  const win = await app.firstWindow();
  expect(win.url()).toBe('app://sohoa/index.html');
  await expect(win.getByText('Thiết lập lần đầu')).toBeVisible();
  expect(await win.evaluate(() => typeof (window as any).require)).toBe('undefined');
  expect(await win.evaluate(() => typeof (window as any).sohoa['auth.me'])).toBe('function');
  // the archive is opened by the core's own utility process, not by the main process
  const utilities = await app.evaluate(({ app }) => app.getAppMetrics().filter((m) => m.type === 'Utility').map((m) => m.name ?? m.serviceName));
  expect(utilities).toContain('Số hóa Desk core');
  expect(await win.evaluate(() => (window as any).sohoa['app.info']({}))).toMatchObject({ ok: true, value: { shell: 'electron', firstRun: true } });
  await app.close();
});
