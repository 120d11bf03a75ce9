// Where a chosen file comes from: a local path (only for a client whose shell may name one) or
// an upload staged by the browser host. The archive's own data is never read in as a user's file.
import path from 'node:path';
import type { ImportSource } from '../../shared/contract';
import type { Client } from '../client';
import { CoreError } from '../errors';
import { isInside, readOrFail } from '../files';
import type { FileRef } from './import-file';
import type { UploadStaging } from './staging';

export interface StagedRef extends FileRef {
  staged?: boolean;
}

type Caller = Pick<Client, 'userId' | 'localFiles'>;

export class Sources {
  constructor(
    private readonly dataDir: string,
    readonly staging: UploadStaging,
  ) {}

  resolve(src: ImportSource, client: Caller): StagedRef {
    if ('stagedId' in src) return { path: this.staging.pathFor(src.stagedId, client.userId), name: src.name, staged: true };
    if (!client.localFiles) throw new CoreError('LOCAL_PATH_REFUSED');
    this.refuseArchivePath(src.path);
    return { path: path.resolve(src.path), name: src.path };
  }

  /** Whether a path is inside the archive's data dir (links resolved). */
  inArchive(file: string): boolean {
    return isInside(file, this.dataDir);
  }

  private refuseArchivePath(file: string): void {
    if (this.inArchive(file)) throw new CoreError('PATH_IN_ARCHIVE', { file: path.basename(file) });
  }

  discard(src: ImportSource): void {
    if ('stagedId' in src) this.staging.discard(src.stagedId);
  }

  /** A chosen file's name and bytes; an upload is used up by reading it unless `keep` (a preview before the import). */
  read(src: ImportSource, client: Caller, opts: { keep?: boolean } = {}): { name: string; bytes: Buffer } {
    const ref = this.resolve(src, client);
    const name = path.basename(ref.name);
    try {
      return { name, bytes: readOrFail(ref.path, name) };
    } finally {
      if (!opts.keep) this.discard(src);
    }
  }
}
