// Contract handlers of jobs: a user sees and stops their own jobs, an admin every job.
import { me, type CallContext, type HandlerGroup } from '../call-context';
import { audit } from '../accounts/audit';
import { CoreError } from '../errors';

export const jobHandlers: HandlerGroup<'jobs.get' | 'jobs.list' | 'jobs.cancel'> = {
  'jobs.get': { access: 'user', run: (req, ctx) => ownJob(ctx, req.id) },
  'jobs.list': {
    access: 'user',
    run: (req, ctx) => ctx.services.jobs.list({ active: req.active, userId: me(ctx).role === 'admin' ? null : me(ctx).id }),
  },
  'jobs.cancel': {
    access: 'user',
    run: (req, ctx) => {
      ownJob(ctx, req.id);
      ctx.services.jobs.cancel(req.id);
      audit(ctx.services.db, me(ctx).id, 'jobs.cancel', { type: 'job', id: req.id });
      return ownJob(ctx, req.id);
    },
  },
};

/** A job the caller started (any job for an admin), or NOT_FOUND. */
export function ownJob(ctx: CallContext, id: number) {
  const { jobs } = ctx.services;
  const st = jobs.get(id);
  if (!st || (me(ctx).role !== 'admin' && jobs.createdBy(id) !== me(ctx).id)) throw new CoreError('NOT_FOUND', { what: `tác vụ #${id}` });
  return st;
}
