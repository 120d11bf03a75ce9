// The bundled main process (what electron-builder packages) starts on a stand-in Electron:
// the bundle resolves its assets, opens the archive and the window, and serves app://.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers';

describe('dist-electron/main.cjs', () => {
  it('boots: single instance, app:// registered and served, archive under userData, one locked-down window', () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'pipe' });
    const appData = tempDir();
    const out = execFileSync(process.execPath, ['--require', path.resolve('tests/fixtures/electron-stub.cjs'), 'dist-electron/main.cjs'], {
      env: { ...process.env, STUB_APPDATA: appData, SOHOA_DATA_DIR: '' },
      encoding: 'utf8',
    });
    const seen = JSON.parse(out);
    expect(seen.error).toBeUndefined();
    expect(seen.userData).toBe(path.join(appData, 'sohoa-desk'));
    expect(fs.existsSync(path.join(appData, 'sohoa-desk', 'archive', 'archive.sqlite'))).toBe(true);
    expect(seen.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(seen.protocols).toEqual(['app']);
    expect(seen.handlers.length).toBeGreaterThan(20);
    expect(seen.windows).toHaveLength(1);
    expect(seen.windows[0].url).toBe('app://sohoa/index.html');
    expect(seen.windows[0].options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(seen.windows[0].options.webPreferences.preload).toMatch(/dist-electron[\\/]preload\.cjs$/);
    if (fs.existsSync('dist/renderer/index.html')) expect(seen.served).toMatchObject({ status: 200, csp: expect.stringContaining("script-src 'self'") });
  });
});
