// Contract handlers for the audit chain, backups and the sanity check. Admin only, checked by
// the core before these run; merged into the handler map in api.ts.
import type { MethodName } from '../../shared/channels';
import type { ParsedReq, Res } from '../../shared/contract';
import type { Role } from '../../shared/roles';
import { audit } from '../accounts/audit';
import { verifyAuditChain } from '../accounts/audit-chain';
import type { CallContext } from '../api';
import { latestMaintenanceReport, startMaintenance } from './maintenance';

type M = 'audit.verify' | 'maintenance.backup' | 'maintenance.check' | 'maintenance.reports';
type Entry<K extends MethodName> = { access: readonly Role[]; run: (req: ParsedReq<K>, ctx: CallContext) => Res<K> | Promise<Res<K>> };

const ADMIN = ['admin'] as const;

export const maintenanceHandlers: { [K in M]: Entry<K> } = {
  'audit.verify': { access: ADMIN, run: (_req, ctx) => verifyAuditChain(ctx.core.db) },
  'maintenance.backup': {
    access: ADMIN,
    run: (req, ctx) => {
      const jobId = startMaintenance(ctx.core, 'backup', { dir: req.dir }, ctx.user!.id);
      audit(ctx.core.db, ctx.user!.id, 'maintenance.backup', { type: 'job', id: jobId }, { dir: req.dir });
      return { jobId };
    },
  },
  'maintenance.check': {
    access: ADMIN,
    run: (req, ctx) => {
      const jobId = startMaintenance(ctx.core, 'check', { repair: req.repair }, ctx.user!.id);
      audit(ctx.core.db, ctx.user!.id, 'maintenance.check', { type: 'job', id: jobId }, { repair: req.repair });
      return { jobId };
    },
  },
  'maintenance.reports': {
    access: ADMIN,
    run: (_req, ctx) => ({ backup: latestMaintenanceReport(ctx.core.db, 'backup'), check: latestMaintenanceReport(ctx.core.db, 'check') }),
  },
};
