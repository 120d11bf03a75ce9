// Contract handlers of the province hub link: enrolment and "push now" are an administrator's,
// the status (address, pinned fingerprint, what waits, the last error) also a unit head's.
import { audit } from '../accounts/audit';
import { ADMIN, HEADS, me, type HandlerGroup } from '../call-context';

export const syncHandlers: HandlerGroup<'hub.status' | 'hub.enrol' | 'hub.push'> = {
  'hub.status': { access: HEADS, run: (_req, ctx) => ctx.services.sync.status() },
  'hub.enrol': { access: ADMIN, run: (req, ctx) => ctx.services.sync.enrol(req, me(ctx).id) },
  'hub.push': {
    access: ADMIN,
    run: async (_req, ctx) => {
      const outcome = await ctx.services.sync.push();
      audit(ctx.services.db, me(ctx).id, 'hub.push', undefined, outcome);
      return outcome;
    },
  },
};
