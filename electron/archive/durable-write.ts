// The one way the app writes a file that must not be seen half-written: to a temporary
// name, fsynced, renamed into place, and the directory fsynced so the rename survives a crash.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** `mode` applies to a new file (0600 for a secret); the rename keeps it. */
export function writeFileDurably(dest: string, bytes: Uint8Array, tmpDir = path.dirname(dest), mode = 0o666): void {
  const tmp = path.join(tmpDir, `${path.basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, dest);
  fsyncDir(path.dirname(dest));
}

export function fsyncDir(dir: string): void {
  // Directory fsync makes the rename durable on Linux; Windows cannot open directories.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
