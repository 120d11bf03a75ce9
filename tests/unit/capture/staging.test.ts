// Uploads held for their sender: an hour at most, within a quota, swept when stale.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { STAGING_LIMITS, UploadStaging } from '../../../electron/capture/staging';
import { tempDir } from '../../helpers';

const body = (n: number) => Readable.from([Buffer.alloc(n, 7)]);
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('upload staging', () => {
  it('gives an upload back to its sender only, and only within the hour', async () => {
    const s = new UploadStaging(tempDir(), { ...STAGING_LIMITS, maxAgeMs: 200 });
    const id = await s.stage(body(10), 1, 1000);
    expect(fs.readFileSync(s.pathFor(id, 1))).toHaveLength(10);
    expect(code(() => s.pathFor(id, 2))).toBe('UPLOAD_NOT_FOUND');
    expect(code(() => s.pathFor('../../etc/passwd', 1))).toBe('UPLOAD_NOT_FOUND');
    await new Promise((r) => setTimeout(r, 250));
    expect(code(() => s.pathFor(id, 1))).toBe('UPLOAD_NOT_FOUND');
  });

  it('refuses uploads past the per-file limit and past the quota, keeping nothing of them', async () => {
    const dir = tempDir();
    const s = new UploadStaging(dir, { ...STAGING_LIMITS, perUserBytes: 100, totalBytes: 150 });
    await expect(s.stage(body(60), 1, 50)).rejects.toMatchObject({ code: 'FILE_TOO_BIG_BYTES' });
    await s.stage(body(60), 1, 1000);
    await expect(s.stage(body(60), 1, 1000)).rejects.toMatchObject({ code: 'UPLOAD_QUOTA' });
    // another user has room of their own, up to the total
    await s.stage(body(60), 2, 1000);
    await expect(s.stage(body(60), 3, 1000)).rejects.toMatchObject({ code: 'UPLOAD_QUOTA' });
    expect(fs.readdirSync(dir)).toHaveLength(2);
  });

  it('sweeps stale files of earlier runs but keeps those an unfinished job still reads', async () => {
    const dir = tempDir();
    const s = new UploadStaging(dir);
    const stale = path.join(dir, 'a'.repeat(32));
    const inUse = path.join(dir, 'b'.repeat(32));
    const fresh = path.join(dir, 'c'.repeat(32));
    for (const f of [stale, inUse, fresh]) fs.writeFileSync(f, 'x');
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(stale, hourAgo, hourAgo);
    fs.utimesSync(inUse, hourAgo, hourAgo);
    expect(s.sweep(new Set([inUse]))).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['b'.repeat(32), 'c'.repeat(32)]);
  });
});
