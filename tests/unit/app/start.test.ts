// `npm start` where the Electron binary is not installed (an offline install): one clear
// line, then the same UI through the browser host, which stops cleanly when told to.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const hasElectron = fs.existsSync(path.join(electronDir, 'path.txt'));

describe('scripts/start.mjs', () => {
  it.skipIf(hasElectron)('falls back to the browser host without the Electron binary', { timeout: 240_000 }, async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['scripts/start.mjs', '--no-open', '--data-dir', dataDir], {
      env: { ...process.env, SOHOA_NO_ELECTRON_DOWNLOAD: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const launchUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /đang chạy tại (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`start.mjs exited (${code}) before the host was up:\n${out}`)));
    });
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      expect(out.split('\n')[0]).toBe('Không có Electron (chưa tải được khi cài đặt ngoại tuyến) — mở Số hóa Desk qua trình duyệt thay thế.');
      // the printed address trades its token for the session cookie, then serves the UI
      const entry = await fetch(launchUrl, { redirect: 'manual' });
      expect(entry.status).toBe(302);
      const cookie = entry.headers.get('set-cookie')!.split(';')[0];
      const page = await fetch(new URL('/', launchUrl), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(fs.existsSync(path.join(dataDir, 'archive.sqlite'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    // start.mjs passes the signal on; the host closes the archive and both exit 0
    expect(await exit).toBe(0);
  });
});
