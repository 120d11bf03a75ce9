// Uploads from the browser host, held under incoming/ until a call uses them. An upload
// belongs to the user who sent it, lives at most an hour and counts against a quota, so
// a client can neither use another's file nor fill the disk.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { CoreError } from '../errors';

export const STAGING_LIMITS = {
  maxAgeMs: 60 * 60 * 1000,
  /** bytes one user may have waiting at once */
  perUserBytes: 4 * 1024 ** 3,
  /** bytes all users together may have waiting */
  totalBytes: 16 * 1024 ** 3,
  sweepEveryMs: 10 * 60 * 1000,
};

const ID = /^[0-9a-f]{32}$/;

interface Staged {
  userId: number;
  size: number;
  at: number;
}

export class UploadStaging {
  private readonly entries = new Map<string, Staged>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly dir: string,
    private readonly limits = STAGING_LIMITS,
  ) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /**
   * Streams an upload to disk for this user; refuses it past the per-file limit or the quotas.
   * Each chunk is reserved before it is written, against every upload waiting or still
   * arriving (one thread: the check and the reservation cannot interleave), so parallel
   * uploads share the quota instead of each seeing it empty; a failed upload gives its
   * reservation back. A declared length is reserved at once, so an upload that cannot fit
   * is refused before its bytes arrive.
   */
  async stage(body: Readable, userId: number, maxBytes: number, declared?: number): Promise<string> {
    this.expire(Date.now());
    const tooBig = (size: number) => new CoreError('FILE_TOO_BIG_BYTES', { file: 'upload', size: Math.round(size / 2 ** 20), limit: Math.round(maxBytes / 2 ** 20) });
    if (declared !== undefined && declared > maxBytes) throw tooBig(declared);
    const id = randomBytes(16).toString('hex');
    const entry: Staged = { userId, size: 0, at: Date.now() };
    this.reserve(entry, declared ?? 0);
    this.entries.set(id, entry);
    let received = 0;
    const limit = new Transform({
      transform: (chunk: Buffer, _enc, next) => {
        received += chunk.length;
        if (received > maxBytes) return next(tooBig(received));
        try {
          if (received > entry.size) this.reserve(entry, received - entry.size);
        } catch (e) {
          return next(e as Error);
        }
        next(null, chunk);
      },
    });
    const out = fs.createWriteStream(path.join(this.dir, id), { flags: 'wx' });
    try {
      await pipeline(body, limit, out);
    } catch (e) {
      // the file may be opened after the failure: remove it once the stream has closed
      await finished(out).catch(() => undefined);
      this.discard(id);
      throw e;
    }
    entry.size = received; // a declared length longer than the body reserves no more than arrived
    return id;
  }

  /** Adds bytes to an upload's reservation if the sender's and everyone's quotas still hold them. */
  private reserve(entry: Staged, bytes: number): void {
    let mine = 0;
    let all = 0;
    for (const s of this.entries.values()) {
      all += s.size;
      if (s.userId === entry.userId) mine += s.size;
    }
    if (mine + bytes > this.limits.perUserBytes || all + bytes > this.limits.totalBytes) throw new CoreError('UPLOAD_QUOTA', { limit: Math.round(this.limits.perUserBytes / 2 ** 20) });
    entry.size += bytes;
  }

  /** Where this user's upload is; an unknown, expired or someone else's upload is not found. */
  pathFor(id: string, userId: number | null): string {
    const s = ID.test(id) ? this.entries.get(id) : undefined;
    if (!s || s.userId !== userId || Date.now() - s.at > this.limits.maxAgeMs) throw new CoreError('UPLOAD_NOT_FOUND');
    return path.join(this.dir, id);
  }

  /** Hands an upload to a job: it stops counting against the quota; the job removes the file. */
  release(id: string): void {
    this.entries.delete(id);
  }

  discard(id: string): void {
    if (!ID.test(id)) return;
    this.entries.delete(id);
    fs.rmSync(path.join(this.dir, id), { force: true });
  }

  /**
   * Removes expired uploads, and files left by earlier runs once they are an hour old,
   * except those an unfinished job still has to read (`inUse`).
   */
  sweep(inUse: Set<string>, now = Date.now()): number {
    this.expire(now);
    let removed = 0;
    for (const name of fs.readdirSync(this.dir)) {
      const file = path.join(this.dir, name);
      if (!ID.test(name) || this.entries.has(name) || inUse.has(file)) continue;
      try {
        if (now - fs.statSync(file).mtimeMs < this.limits.maxAgeMs) continue;
        fs.rmSync(file, { force: true });
        removed++;
      } catch {
        /* gone meanwhile */
      }
    }
    return removed;
  }

  /** Sweeps now and then every few minutes, without keeping the process alive. */
  sweepPeriodically(inUse: () => Set<string>): void {
    this.sweep(inUse());
    this.timer = setInterval(() => this.sweep(inUse()), this.limits.sweepEveryMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private expire(now: number): void {
    for (const [id, s] of this.entries) if (now - s.at > this.limits.maxAgeMs) this.discard(id);
  }
}
