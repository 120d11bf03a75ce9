import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileWebStream } from '../../../electron/app/file-stream';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-stream-'));
const file = path.join(dir, 'large.pdf');
const bytes = crypto.randomBytes(5 * 1024 * 1024 + 123);
fs.writeFileSync(file, bytes);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// open descriptors of this process that point at the test file
const openOnFile = () => fs.readdirSync('/proc/self/fd').filter((fd) => {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
  } catch {
    return false;
  }
}).length;

describe('fileWebStream', () => {
  it('streams the whole file, byte for byte, and closes it', async () => {
    const got = Buffer.from(await new Response(fileWebStream(file)).arrayBuffer());
    expect(got.equals(bytes)).toBe(true);
    expect(openOnFile()).toBe(0);
  });

  it('stops cleanly when the reader cancels half-way: no error escapes and the file is closed', async () => {
    const escaped: unknown[] = [];
    const onError = (e: unknown) => escaped.push(e);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    try {
      for (let i = 0; i < 20; i++) {
        const reader = fileWebStream(file).getReader();
        await reader.read();
        await reader.read();
        // cancel with a read still pending, as a closed viewer does
        const pending = reader.read();
        await reader.cancel('viewer closed');
        await pending;
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(escaped).toEqual([]);
      expect(openOnFile()).toBe(0);
    } finally {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    }
  });

  it('fails the stream, not the process, when the file is missing', async () => {
    await expect(new Response(fileWebStream(path.join(dir, 'gone.pdf'))).arrayBuffer()).rejects.toThrow(/ENOENT/);
  });
});
