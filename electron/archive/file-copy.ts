// Streaming hash and verified, durable copy of archive files: blobs can be hundreds of MB,
// so nothing here holds a whole file in memory.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fsyncDir } from './durable-write';

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

export class CopyMismatch extends Error {
  constructor(readonly actual: string) {
    super(`content hash ${actual}`);
  }
}

/**
 * Copies src to dest through a temporary file in tmpDir (fsynced, then renamed, the folder
 * fsynced), hashing the bytes as they pass; when `expected` is given and the bytes differ,
 * nothing is renamed into place and CopyMismatch is thrown.
 */
export async function copyVerified(src: string, dest: string, tmpDir: string, expected?: string): Promise<{ sha256: string; size: number }> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${path.basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  const h = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  try {
    const out = fs.createWriteStream(tmp, { flags: 'wx' });
    await pipeline(fs.createReadStream(src), tap, out);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const sha256 = h.digest('hex');
    if (expected && sha256 !== expected) throw new CopyMismatch(sha256);
    fs.renameSync(tmp, dest);
    fsyncDir(path.dirname(dest));
    return { sha256, size };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Every regular file under root, as forward-slash paths relative to it. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(root, '');
  return out.sort();
}

/** A blob's place in the store, relative to the data folder: files/ab/cd/<sha256>. */
export const blobRelPath = (sha256: string) => `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
