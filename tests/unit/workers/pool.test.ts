import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerScript } from '../../../electron/workers/pool';

describe('where a worker thread starts from', () => {
  it('from the sources: boot.mjs, which registers tsx and loads entry.ts', () => {
    const s = workerScript('file:///app/electron/workers/pool.ts');
    expect(s.url.href).toBe('file:///app/electron/workers/boot.mjs');
    expect(s.workerData?.entry).toBe('file:///app/electron/workers/entry.ts');
  });

  it('bundled: worker.cjs beside core-host.cjs, inside app.asar even when an unpacked copy exists', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-asar-'));
    const inAsar = path.join(root, 'resources', 'app.asar', 'dist-electron', 'core-host.cjs');
    const unpacked = path.join(root, 'resources', 'app.asar.unpacked', 'dist-electron', 'worker.cjs');
    fs.mkdirSync(path.dirname(unpacked), { recursive: true });
    fs.writeFileSync(unpacked, '');
    // from the unpacked folder, the unpacked sharp would not find detect-libc left in the archive
    expect(workerScript(pathToFileURL(inAsar).href).url.href).toBe(pathToFileURL(path.join(root, 'resources', 'app.asar', 'dist-electron', 'worker.cjs')).href);
    expect(workerScript(pathToFileURL(inAsar).href, 'guarded-entry', 'guarded-worker').url.href).toBe(pathToFileURL(path.join(root, 'resources', 'app.asar', 'dist-electron', 'guarded-worker.cjs')).href);
    expect(workerScript(pathToFileURL(path.join(root, 'dist-electron', 'main.cjs')).href).workerData).toBeUndefined();
  });
});
