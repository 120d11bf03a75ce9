// Content-addressed file store: every archived byte lives once, under its SHA-256.
// Writes go to a temp file, are fsynced, then renamed into place, so a crash never
// leaves a half-written file under a real name.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db';
import { writeFileDurably } from './durable-write';

export class BlobStore {
  readonly root: string;
  readonly tmpDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
    this.tmpDir = path.join(dataDir, 'tmp');
    fs.mkdirSync(this.root, { recursive: true });
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[a-f0-9]{64}$/.test(sha256)) throw new Error('bad blob id');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** Stores bytes; returns their SHA-256 and whether this call created the file. */
  put(bytes: Uint8Array): { sha256: string; created: boolean } {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const dest = this.pathOf(sha256);
    if (fs.existsSync(dest)) return { sha256, created: false };
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    writeFileDurably(dest, bytes, this.tmpDir);
    return { sha256, created: true };
  }

  read(sha256: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256));
  }

  remove(sha256: string): void {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }
}

/**
 * Removes stored files no row of the archive records, and temp files, left by an import that
 * was killed between writing its files and committing its rows. Only files older than
 * `minAgeMs`: a younger one may belong to an import another process is running now.
 */
export function sweepOrphanBlobs(db: Db, store: BlobStore, minAgeMs = 60 * 60 * 1000, now = Date.now()): number {
  const recorded = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
  const old = (file: string) => {
    try {
      return now - fs.statSync(file).mtimeMs >= minAgeMs;
    } catch {
      return false;
    }
  };
  let removed = 0;
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  for (const a of list(store.root))
    for (const b of list(path.join(store.root, a)))
      for (const sha of list(path.join(store.root, a, b))) {
        const file = path.join(store.root, a, b, sha);
        if (/^[a-f0-9]{64}$/.test(sha) && !recorded.get(sha) && old(file)) {
          fs.rmSync(file, { force: true });
          removed++;
        }
      }
  for (const name of list(store.tmpDir)) {
    const file = path.join(store.tmpDir, name);
    if (old(file)) fs.rmSync(file, { force: true, recursive: true });
  }
  return removed;
}

export function recordBlob(db: Db, sha256: string, size: number, mime: string): void {
  db.prepare('INSERT OR IGNORE INTO blobs(sha256, size, mime) VALUES (?, ?, ?)').run(sha256, size, mime);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
