// Uploads held for their sender: an hour at most, within a quota, swept when stale.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
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

  /** Five uploads of 1 KiB arriving interleaved, 128 bytes at a time, like five parallel requests. */
  async function fiveAtOnce(s: UploadStaging, declared?: number) {
    const streams = Array.from({ length: 5 }, () => new PassThrough());
    const results = Promise.allSettled(streams.map((b) => s.stage(b, 1, 1024, declared)));
    for (let i = 0; i < 8; i++) {
      for (const b of streams) if (!b.destroyed) b.write(Buffer.alloc(128, i));
      await new Promise((r) => setImmediate(r));
    }
    for (const b of streams) b.end();
    const settled = await results;
    const refused = settled.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    for (const e of refused) expect(e).toMatchObject({ code: 'UPLOAD_QUOTA' });
    return { accepted: settled.length - refused.length, refused: refused.length };
  }
  const stored = (dir: string) => fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);

  it('shares the quota between parallel uploads of one user: five declared 1 KiB uploads, room for four', async () => {
    const dir = tempDir();
    const s = new UploadStaging(dir, { ...STAGING_LIMITS, perUserBytes: 4096, totalBytes: 1 << 20 });
    expect(await fiveAtOnce(s, 1024)).toEqual({ accepted: 4, refused: 1 });
    expect(stored(dir)).toBe(4096);
    await expect(s.stage(body(1), 1, 1024)).rejects.toMatchObject({ code: 'UPLOAD_QUOTA' });
  });

  it('holds the quota for parallel uploads of unknown length too, chunk by chunk, and gives a refused one\'s bytes back', async () => {
    const dir = tempDir();
    const s = new UploadStaging(dir, { ...STAGING_LIMITS, perUserBytes: 4096, totalBytes: 1 << 20 });
    const { accepted, refused } = await fiveAtOnce(s);
    expect(refused).toBeGreaterThan(0);
    expect(fs.readdirSync(dir)).toHaveLength(accepted);
    expect(stored(dir)).toBeLessThanOrEqual(4096);
    // what the refused uploads had reserved is free again
    await expect(s.stage(body(4096 - stored(dir)), 1, 4096)).resolves.toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses an upload whose declared length does not fit before any of its bytes arrive', async () => {
    const dir = tempDir();
    const s = new UploadStaging(dir, { ...STAGING_LIMITS, perUserBytes: 100, totalBytes: 1000 });
    const first = new PassThrough();
    const pending = s.stage(first, 1, 1000, 80); // still arriving: its 80 bytes are held for it
    await expect(s.stage(new PassThrough(), 1, 1000, 40)).rejects.toMatchObject({ code: 'UPLOAD_QUOTA' });
    await expect(s.stage(new PassThrough(), 1, 50, 60)).rejects.toMatchObject({ code: 'FILE_TOO_BIG_BYTES' });
    first.end(Buffer.alloc(80));
    await pending;
    expect(fs.readdirSync(dir)).toHaveLength(1);
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
