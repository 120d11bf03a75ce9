// The sign job: documents signed with a key opened once (one PIN entry). The key lives in memory
// for the job only; the stored job holds no secret, so a job cut short by a restart stops.
import type { BlobStore } from '../../archive/blobs';
import type { Db } from '../../archive/db';
import type { JobContext, JobRunner } from '../../jobs/jobs';
import { signBatch, type OpenSigner, type SignBatch } from './service';
import { auditSignFailure } from './sign-outcome';
import { CoreError } from '../../errors';

export class SignJobs {
  private readonly signers = new Map<number, OpenSigner>();

  constructor(private readonly d: { db: Db; blobs: BlobStore; jobs: JobRunner }) {
    d.jobs.register('sign', (ctx, payload, done) => this.run(ctx, payload as SignBatch, done));
  }

  start(batch: SignBatch, signer: OpenSigner): number {
    const id = this.d.jobs.start('sign', batch, batch.documentIds.length, batch.userId);
    this.signers.set(id, signer);
    return id;
  }

  private async run(ctx: JobContext, batch: SignBatch, done: number) {
    const signer = this.signers.get(ctx.id);
    try {
      if (!signer) {
        const err = new CoreError('SIGN_INTERRUPTED');
        for (const id of batch.documentIds.slice(done)) {
          auditSignFailure(this.d.db, batch.userId, id, err);
          ctx.addOutcome({ file: `#${id}`, status: 'error', documentId: id, pages: 0, code: err.code, message: err.message, warnings: [] });
        }
        return;
      }
      await signBatch(this.d.db, this.d.blobs, signer, batch, ctx, done);
    } finally {
      signer?.close?.();
      this.signers.delete(ctx.id);
    }
  }
}
