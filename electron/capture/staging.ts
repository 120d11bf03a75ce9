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

  /** Streams an upload to disk for this user; refuses it past the per-file limit or the quotas. */
  async stage(body: Readable, userId: number, maxBytes: number): Promise<string> {
    this.expire(Date.now());
    const waiting = (pred: (s: Staged) => boolean) => [...this.entries.values()].filter(pred).reduce((n, s) => n + s.size, 0);
    const mine = waiting((s) => s.userId === userId);
    const all = waiting(() => true);
    const room = Math.min(maxBytes, this.limits.perUserBytes - mine, this.limits.totalBytes - all);
    if (room <= 0) throw new CoreError('UPLOAD_QUOTA', { limit: Math.round(this.limits.perUserBytes / 2 ** 20) });
    const id = randomBytes(16).toString('hex');
    const dest = path.join(this.dir, id);
    const entry: Staged = { userId, size: 0, at: Date.now() };
    this.entries.set(id, entry);
    const limit = new Transform({
      transform(chunk: Buffer, _enc, next) {
        entry.size += chunk.length;
        if (entry.size <= room) return next(null, chunk);
        next(
          entry.size > maxBytes
            ? new CoreError('FILE_TOO_BIG_BYTES', { file: 'upload', size: Math.round(entry.size / 2 ** 20), limit: Math.round(maxBytes / 2 ** 20) })
            : new CoreError('UPLOAD_QUOTA', { limit: Math.round(quota / 2 ** 20) }),
        );
      },
    });
    const quota = this.limits.perUserBytes;
    const out = fs.createWriteStream(dest, { flags: 'wx' });
    try {
      await pipeline(body, limit, out);
    } catch (e) {
      // the file may be opened after the failure: remove it once the stream has closed
      await finished(out).catch(() => undefined);
      this.discard(id);
      throw e;
    }
    return id;
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
