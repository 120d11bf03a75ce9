// Contract handlers for the audit chain, backups and the sanity check. Admin only, checked by
// the core before these run; merged into the handler map in handlers.ts.
import { audit } from '../accounts/audit';
import { verifyAuditChain } from '../accounts/audit-chain';
import { ADMIN, type HandlerGroup } from '../call-context';
import { latestMaintenanceReport, startMaintenance } from './maintenance';

type M = 'audit.verify' | 'maintenance.backup' | 'maintenance.check' | 'maintenance.reports';
export const maintenanceHandlers: HandlerGroup<M> = {
  'audit.verify': { access: ADMIN, run: (_req, ctx) => verifyAuditChain(ctx.services.db) },
  'maintenance.backup': {
    access: ADMIN,
    run: (req, ctx) => {
      const jobId = startMaintenance(ctx.services, 'backup', { dir: req.dir }, ctx.user!.id, req.passphrase);
      audit(ctx.services.db, ctx.user!.id, 'maintenance.backup', { type: 'job', id: jobId }, { dir: req.dir });
      return { jobId };
    },
  },
  'maintenance.check': {
    access: ADMIN,
    run: (req, ctx) => {
      const jobId = startMaintenance(ctx.services, 'check', { repair: req.repair }, ctx.user!.id);
      audit(ctx.services.db, ctx.user!.id, 'maintenance.check', { type: 'job', id: jobId }, { repair: req.repair });
      return { jobId };
    },
  },
  'maintenance.reports': {
    access: ADMIN,
    run: (_req, ctx) => ({ backup: latestMaintenanceReport(ctx.services.db, 'backup'), check: latestMaintenanceReport(ctx.services.db, 'check') }),
  },
};
