// The "extend" job of the app: the signed copies an officer chose (or every one of their units)
// brought to B-LTA one at a time, with progress, time left and Stop. It holds no secret (the
// archive's TSA signs), so a job cut short by a restart continues where it stopped.
import type { FileOutcome } from '../../../shared/contract';
import { audit } from '../../accounts/audit';
import { visibleDocument } from '../../accounts/scope';
import { getUser, type UserRecord } from '../../accounts/users';
import type { BlobStore } from '../../archive/blobs';
import type { Db } from '../../archive/db';
import { SIGNERS } from '../../call-context';
import { CoreError, toAppError } from '../../errors';
import type { JobContext, JobRunner } from '../../jobs/jobs';
import { tsaUrl } from '../sign/tsa-setting';
import { extendArchived, signedDocuments, type ExtendOutcome } from './extend-archive';

interface ExtendBatch {
  documentIds: number[];
  marginDays?: number;
  userId: number;
}
type Target = { db: Db; blobs: BlobStore; jobs: JobRunner };

export function registerExtendJobs(core: Target): void {
  core.jobs.register('extend', (ctx, payload, done) => runExtend(core, ctx, payload as ExtendBatch, done));
}

/** Starts the job over the chosen documents (each one the caller sees) or all of theirs; audited. */
export function startExtend(core: Target, caller: UserRecord, req: { documentIds?: number[]; marginDays?: number }): number {
  if (!tsaUrl(core.db)) throw new CoreError('BAD_REQUEST', { detail: 'chưa cấu hình máy chủ dấu thời gian' });
  // two runs would each add a copy to the same documents
  const busy = core.db.prepare("SELECT id FROM jobs WHERE kind = 'extend' AND state IN ('queued', 'running') LIMIT 1").pluck().get() as number | undefined;
  if (busy !== undefined) throw new CoreError('EXTEND_BUSY', { job: busy });
  for (const id of req.documentIds ?? []) visibleDocument(core.db, caller, id);
  const ids = req.documentIds ?? signedDocuments(core.db, caller);
  if (!ids.length) throw new CoreError('BAD_REQUEST', { detail: 'không có hồ sơ đã ký số nào để gia hạn' });
  const batch: ExtendBatch = { documentIds: ids, marginDays: req.marginDays, userId: caller.id };
  const jobId = core.jobs.start('extend', batch, ids.length, caller.id);
  audit(core.db, caller.id, 'signing.extend', { type: 'job', id: jobId }, { documents: ids.length, ...(req.marginDays === undefined ? {} : { marginDays: req.marginDays }) });
  return jobId;
}

const STATUS: Record<ExtendOutcome['status'], FileOutcome['status']> = { extended: 'signed', current: 'duplicate', unsigned: 'error', error: 'error' };

function toOutcome(title: string, o: ExtendOutcome): FileOutcome {
  const failed = o.status === 'unsigned' ? new CoreError('NOT_SIGNED') : o.status === 'error' ? { code: o.code ?? 'INTERNAL', message: o.message ?? '', params: o.params } : null;
  return {
    file: title,
    status: STATUS[o.status],
    documentId: o.documentId,
    pages: 0,
    code: failed?.code ?? null,
    message: failed?.message ?? null,
    ...(failed?.params ? { params: failed.params } : o.lastExpires ? { params: { lastExpires: o.lastExpires.slice(0, 10) } } : {}),
    warnings: o.warnings,
    ...(o.notices ? { notices: o.notices } : {}),
  };
}

async function runExtend(core: Target, ctx: JobContext, batch: ExtendBatch, done: number): Promise<void> {
  // the officer's scope as it is now: an account removed or moved meanwhile extends nothing outside it
  const caller = getUser(core.db, batch.userId);
  const signer = caller?.active && (SIGNERS as readonly string[]).includes(caller.role) ? caller : null;
  const titleOf = core.db.prepare('SELECT title FROM documents WHERE id = ?').pluck();
  for (const id of batch.documentIds.slice(done)) {
    if (ctx.cancelled) break;
    const title = (titleOf.get(id) as string | undefined) ?? `#${id}`;
    ctx.setCurrent(title);
    let o: ExtendOutcome;
    try {
      if (!signer) throw new CoreError('FORBIDDEN');
      [o] = await extendArchived(core.db, core.blobs, signer, [id], { marginDays: batch.marginDays });
    } catch (e) {
      const err = toAppError(e);
      o = { documentId: id, status: 'error', lastExpires: null, message: err.message, code: err.code, params: err.params, warnings: [] };
    }
    ctx.addOutcome(toOutcome(title, o));
  }
}
