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
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 2 ** 20 })) {
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

/** Files up to this size are read whole (faster than a stream for the usual scan); bigger ones are streamed. */
const WHOLE_FILE = 32 * 2 ** 20;

export interface CopyOptions {
  /** mode of the new file (0600 for the database and keys) */
  mode?: number;
  /** refuse a source that is a symbolic link, not a regular file, or has other hard links (a backup being restored) */
  strictSource?: boolean;
}

/** A source that `strictSource` refuses: a link or a special file where a plain file was promised. */
export class UnsafeSource extends Error {}

const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0; // Windows has none; lstat before the copy covers it there

/** Opens src for reading; with `strict`, as the file itself (no link followed), single-linked and regular. */
function openSource(src: string, strict: boolean): { fd: number; size: number } {
  let fd: number;
  try {
    fd = fs.openSync(src, fs.constants.O_RDONLY | (strict ? O_NOFOLLOW : 0));
  } catch (e) {
    if (strict && (e as NodeJS.ErrnoException).code === 'ELOOP') throw new UnsafeSource('symbolic link');
    throw e;
  }
  const st = fs.fstatSync(fd);
  if (strict && (!st.isFile() || st.nlink !== 1)) {
    fs.closeSync(fd);
    throw new UnsafeSource(st.isFile() ? 'hard link' : 'not a regular file');
  }
  return { fd, size: st.size };
}

/**
 * Copies src to dest through a temporary file in tmpDir (fsynced, then renamed), hashing the
 * bytes as they pass; when `expected` is given and the bytes differ, nothing is renamed into
 * place and CopyMismatch is thrown. With `pending`, the fsyncs are left to the caller
 * (syncPending) at its commit point — the manifest of a backup, the final rename of a restore —
 * when the kernel has written most of it back already: before that point a crash leaves only
 * an unfinished backup (re-hashed on resume) or a hidden staging folder.
 */
export async function copyVerified(src: string, dest: string, tmpDir: string, expected?: string, pending?: Pending, opts: CopyOptions = {}): Promise<{ sha256: string; size: number }> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${path.basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  const source = openSource(src, !!opts.strictSource);
  try {
    let sha256: string;
    let size: number;
    if (source.size <= WHOLE_FILE) {
      const bytes = fs.readFileSync(source.fd);
      sha256 = createHash('sha256').update(bytes).digest('hex');
      size = bytes.length;
      if (expected && sha256 !== expected) throw new CopyMismatch(sha256);
      const fd = fs.openSync(tmp, 'wx', opts.mode ?? 0o666);
      try {
        fs.writeSync(fd, bytes);
        if (!pending) fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } else {
      const h = createHash('sha256');
      let n = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          h.update(chunk);
          n += chunk.length;
          cb(null, chunk);
        },
      });
      await pipeline(fs.createReadStream('', { fd: source.fd, autoClose: false, highWaterMark: 2 ** 20 }), tap, fs.createWriteStream(tmp, { flags: 'wx', mode: opts.mode ?? 0o666 }));
      if (!pending) fsyncFile(tmp);
      sha256 = h.digest('hex');
      size = n;
      if (expected && sha256 !== expected) throw new CopyMismatch(sha256);
    }
    fs.renameSync(tmp, dest);
    if (pending) {
      pending.files.push(dest);
      pending.dirs.add(path.dirname(dest));
    } else fsyncDir(path.dirname(dest));
    return { sha256, size };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    fs.closeSync(source.fd);
  }
}

export interface Pending {
  files: string[];
  dirs: Set<string>;
}
export const newPending = (): Pending => ({ files: [], dirs: new Set() });

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+'); // Windows flushes only a handle opened for writing
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Makes the copies made with `pending` durable: their bytes, then the renames into their
 * folders. Several fsyncs in flight at once let the file system commit them together
 * (about 4× faster than one by one here).
 */
export async function syncPending(p: Pending): Promise<void> {
  const files = p.files;
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const h = await fs.promises.open(files[next++], 'r+'); // Windows flushes only a handle opened for writing
      try {
        await h.sync();
      } finally {
        await h.close();
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  for (const d of p.dirs) fsyncDir(d);
  p.files = [];
  p.dirs.clear();
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
