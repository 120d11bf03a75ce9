// The main process's side of the core's utility process, against a real child: start-up
// and its failure, the child dying under waiting calls, restart, and the graceful stop.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { forkUtility, type FakeUtilityProcess } from '../../fixtures/utility-process.cjs';
import { tempDir } from '../../helpers';
import { exitOf, forkSource } from './core-child';

vi.mock('electron', async () => (await import('./electron-mock')).makeElectronMock());

// what main.ts forks from source (__dirname is electron/app); forkSource runs the .ts
const ENTRY = 'electron/app/core-host.cjs';

async function startCore(dataDir = tempDir()) {
  const { CoreProcess } = await import('../../../electron/app/core-process');
  const children: FakeUtilityProcess[] = [];
  const core = new CoreProcess({ entry: ENTRY, dataDir, demo: false }, (...args) => {
    const child = forkSource(...args);
    children.push(child);
    return child;
  });
  return { core, children };
}

describe('core process', () => {
  it('answers waiting and later calls with CORE_STOPPED when the child dies, reports it, and restarts with the windows it had', { timeout: 120_000 }, async () => {
    const { core, children } = await startCore();
    await core.start();
    core.openClient(7);
    expect(await core.call(7, 'app.info', {})).toMatchObject({ ok: true, value: { shell: 'electron' } });
    const died = new Promise<number>((resolve) => core.onDied(resolve));
    children[0].kill();
    // sent after the kill, so no reply can come: the call must still settle
    const waiting = core.call(7, 'app.info', {});
    expect(await waiting).toEqual({ ok: false, error: { code: 'CORE_STOPPED', message: expect.stringContaining('đã dừng') } });
    expect(await died).not.toBe(0);
    expect(core.running).toBe(false);
    expect(await core.call(7, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'CORE_STOPPED' } });
    expect(await core.asset(7, 'file', 1)).toMatchObject({ ok: false, error: { code: 'CORE_STOPPED' } });

    await core.start();
    expect(children).toHaveLength(2);
    // window 7's client was opened again in the new core (signed out: a new process, a new session)
    expect(await core.call(7, 'auth.me', {})).toEqual({ ok: true, value: null });
    expect(await core.call(8, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await core.stop();
  });

  it('stops gracefully: the core closes in its child, which exits by itself, and that is no death', { timeout: 120_000 }, async () => {
    const { core, children } = await startCore();
    await core.start();
    let died = false;
    core.onDied(() => (died = true));
    core.openClient(1);
    const exit = exitOf(children[0]);
    await core.stop();
    expect(await exit).toBe(0);
    expect(died).toBe(false);
    expect(await core.call(1, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'CORE_STOPPED' } });
    // stopping a stopped core is a no-op
    await core.stop();
  });

  it('rejects start with the core’s own error when the archive cannot be opened, and leaves no child behind', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir, 'archive.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    const { core, children } = await startCore(dir);
    const { CoreStartError } = await import('../../../electron/app/core-process');
    const failure = await core.start().then(
      () => null,
      (e: unknown) => e as InstanceType<typeof CoreStartError>,
    );
    expect(failure).toBeInstanceOf(CoreStartError);
    expect(failure!.error).toMatchObject({ code: 'DB_TOO_NEW', params: { found: 999 } });
    expect(children[0].pid).toBeUndefined();
    expect(core.running).toBe(false);
  });

  it('says why a core died at start: its stderr in the error and in the log, and an Electron error event heard', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const entry = path.join(dir, 'core-host.cjs');
    // a core whose bundle misses a module, as the packaged app's would
    fs.writeFileSync(entry, "require('detect-libc-missing');\n");
    const logFile = path.join(dir, 'logs', 'core.log');
    const { CoreProcess } = await import('../../../electron/app/core-process');
    const children: FakeUtilityProcess[] = [];
    const core = new CoreProcess({ entry, dataDir: tempDir(), demo: false, logFile }, (file, args, options) => {
      const child = forkUtility(file, args, { stdio: options.stdio as string[] });
      children.push(child);
      return child;
    });
    const failure = await core.start().then(() => null, (e: Error) => e);
    expect(failure?.message).toMatch(/mã thoát 1\):\n[\s\S]*Cannot find module 'detect-libc-missing'/);
    expect(fs.readFileSync(logFile, 'utf8')).toContain("Cannot find module 'detect-libc-missing'");
    expect(core.lastOutput()).toContain('detect-libc-missing');
    // Electron emits 'error' on a fatal V8 error: a listener is there (none would throw in the main process)
    expect(children[0].listenerCount('error')).toBe(1);
    children[0].emit('error', 'FatalError', 'v8::ToLocalChecked Empty MaybeLocal', '');
    expect(core.lastOutput()).toContain('FatalError at v8::ToLocalChecked');
  });
});
