// The bundles electron-builder packages, started on a stand-in Electron: the main process
// forks the bundled core host, which opens the archive; the window, app:// and an IPC call
// work through it; quitting lets the core close before the app exits.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers';

describe('dist-electron', () => {
  it('boots: single instance, the core in its utility process, app:// served, one locked-down window, a clean quit', { timeout: 180_000 }, () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'pipe' });
    // the main process carries no native module: the archive lives in the core host's bundle
    const main = fs.readFileSync('dist-electron/main.cjs', 'utf8');
    expect(main).not.toMatch(/better-sqlite3|require\("sharp"\)|tesseract/);
    expect(fs.readFileSync('dist-electron/core-host.cjs', 'utf8')).toMatch(/require\("better-sqlite3"\)/);

    const appData = tempDir();
    const out = execFileSync(process.execPath, ['--require', path.resolve('tests/fixtures/electron-stub.cjs'), 'dist-electron/main.cjs'], {
      env: { ...process.env, STUB_APPDATA: appData, SOHOA_DATA_DIR: '' },
      encoding: 'utf8',
    });
    const seen = JSON.parse(out.slice(out.indexOf('{"windows"')));
    expect(seen.error).toBeUndefined();
    expect(seen.timedOut).toBeUndefined();
    expect(seen.userData).toBe(path.join(appData, 'sohoa-desk'));
    expect(seen.forks).toEqual([{ file: path.join('dist-electron', 'core-host.cjs'), serviceName: 'Số hóa Desk core' }]);
    expect(fs.existsSync(path.join(appData, 'sohoa-desk', 'archive', 'archive.sqlite'))).toBe(true);
    expect(seen.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(seen.protocols).toEqual(['app']);
    expect(seen.handlers.length).toBeGreaterThan(20);
    expect(seen.windows).toHaveLength(1);
    expect(seen.windows[0].url).toBe('app://sohoa/index.html');
    expect(seen.windows[0].options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(seen.windows[0].options.webPreferences.preload).toMatch(/dist-electron[\\/]preload\.cjs$/);
    if (fs.existsSync('dist/renderer/index.html')) expect(seen.served).toMatchObject({ status: 200, csp: expect.stringContaining("script-src 'self'") });
    // a contract call from the window, answered by the core in its own process
    expect(seen.info).toMatchObject({ ok: true, value: { shell: 'electron', firstRun: true } });
    // quit: held until the core closed and its process exited by itself
    expect(seen.quitWaited).toBe(true);
    expect(seen.coreExit).toBe(0);
    expect(seen.exitCode).toBe(0);
  });
});
