// Signed PDFs by content hash. The store is an interface so an S3-compatible one can be added;
// the volume store keeps each blob once under blobs/ab/<sha256>, receives it in chunks into
// partial/<sha256> (so a cut upload resumes where it stopped), and renames it into place only
// when its SHA-256 matches the name, after an fsync.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface BlobStore {
  /** Bytes received so far for a blob not yet complete (0 when none). */
  received(sha256: string): Promise<number>;
  /** Appends a chunk at `offset` (must equal what was received); returns the new length. */
  append(sha256: string, offset: number, chunk: Buffer): Promise<number>;
  /** Checks the received bytes hash to the name and makes the blob readable; false when they do not (the partial is dropped). */
  finish(sha256: string): Promise<boolean>;
  exists(sha256: string): Promise<boolean>;
  read(sha256: string): fs.ReadStream;
}

const SHA = /^[0-9a-f]{64}$/;

export function volumeBlobStore(root: string): BlobStore {
  const whole = (sha: string) => {
    if (!SHA.test(sha)) throw new Error('bad hash');
    return path.join(root, 'blobs', sha.slice(0, 2), sha);
  };
  const partial = (sha: string) => {
    if (!SHA.test(sha)) throw new Error('bad hash');
    return path.join(root, 'partial', sha);
  };
  fs.mkdirSync(path.join(root, 'partial'), { recursive: true, mode: 0o700 });
  return {
    async received(sha) {
      return fs.promises.stat(partial(sha)).then((s) => s.size, () => 0);
    },
    async append(sha, offset, chunk) {
      const file = partial(sha);
      const fh = await fs.promises.open(file, 'a+', 0o600);
      try {
        const { size } = await fh.stat();
        if (size !== offset) return size;
        await fh.write(chunk, 0, chunk.length, offset);
        await fh.sync();
        return offset + chunk.length;
      } finally {
        await fh.close();
      }
    },
    async finish(sha) {
      const file = partial(sha);
      const hash = createHash('sha256');
      for await (const b of fs.createReadStream(file)) hash.update(b as Buffer);
      if (hash.digest('hex') !== sha) {
        await fs.promises.rm(file, { force: true });
        return false;
      }
      const target = whole(sha);
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await fs.promises.rename(file, target);
      const dir = await fs.promises.open(path.dirname(target), 'r');
      await dir.sync().finally(() => dir.close());
      return true;
    },
    async exists(sha) {
      return fs.promises.access(whole(sha)).then(() => true, () => false);
    },
    read(sha) {
      return fs.createReadStream(whole(sha));
    },
  };
}
