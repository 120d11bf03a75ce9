// The import job: files (or folders, expanded in file-name order) into the archive, one outcome
// each; with `ocr`, the imported documents are read in a second job.
import fs from 'node:fs';
import type { FileOutcome, ImportSource } from '../../shared/contract';
import type { BlobStore } from '../archive/blobs';
import type { Db } from '../archive/db';
import type { Client } from '../client';
import { CoreError } from '../errors';
import type { JobContext, JobRunner } from '../jobs/jobs';
import type { OcrJobs } from '../ocr/ocr-job';
import { expandPaths } from './expand-sources';
import { importFile, type FileRef } from './import-file';
import type { Sources, StagedRef } from './sources';

interface ImportPayload {
  refs: StagedRef[];
  userId: number | null;
  unitId: number | null;
  ocr?: boolean;
}

export class ImportJobs {
  constructor(
    private readonly d: { db: Db; blobs: BlobStore; jobs: JobRunner; sources: Sources; ocr: OcrJobs },
  ) {
    d.jobs.register('import', (ctx, payload, done) => this.run(ctx, payload as ImportPayload, done));
  }

  start(sources: ImportSource[], client: Pick<Client, 'userId' | 'localFiles'>, unitId: number | null, opts: { ocr?: boolean } = {}): number {
    const refs: StagedRef[] = [];
    for (const s of sources) {
      const ref = this.d.sources.resolve(s, client);
      refs.push(...('path' in s ? expandPaths([s.path]) : [ref]));
    }
    // the job owns its uploads from here: they leave the staging quota and are removed as read
    for (const s of sources) if ('stagedId' in s) this.d.sources.staging.release(s.stagedId);
    const userId = client.userId;
    return this.d.jobs.start('import', { refs, userId, unitId, ocr: !!opts.ocr } satisfies ImportPayload, refs.length, userId);
  }

  /** Uploads that unfinished import jobs still have to read (kept by the staging sweep). */
  stagedInUse(): Set<string> {
    const payloads = this.d.db.prepare("SELECT payload FROM jobs WHERE kind = 'import' AND state IN ('queued','running')").pluck().all() as string[];
    return new Set(payloads.flatMap((p) => (JSON.parse(p) as ImportPayload).refs.filter((r) => r.staged).map((r) => r.path)));
  }

  private async run(ctx: JobContext, p: ImportPayload, done: number) {
    const target = { db: this.d.db, blobs: this.d.blobs, userId: p.userId, unitId: p.unitId };
    for (const ref of p.refs.slice(done)) {
      if (ctx.cancelled) break;
      ctx.setCurrent(ref.name);
      // a folder may hold (or link to) the app's own data: refused file by file
      ctx.addOutcome(!ref.staged && this.d.sources.inArchive(ref.path) ? refusedOutcome(ref, new CoreError('PATH_IN_ARCHIVE', { file: ref.name })) : await importFile(target, ref));
      if (ref.staged) fs.rmSync(ref.path, { force: true });
    }
    ctx.setCurrent(null);
    for (const ref of p.refs) if (ref.staged) fs.rmSync(ref.path, { force: true });
    if (p.ocr && !ctx.cancelled) {
      const ids = this.d.jobs.outcomesOf(ctx.id).filter((o) => o.status === 'imported' && o.documentId).map((o) => o.documentId!);
      if (ids.length) this.d.ocr.start(ids, p.userId);
    }
  }
}

function refusedOutcome(ref: FileRef, err: CoreError): FileOutcome {
  return { file: ref.name, status: 'error', documentId: null, pages: 0, code: err.code, message: err.message, params: err.params, warnings: [] };
}
