// Contract handlers for restore in the app and the daily backup (admin only). Restore runs
// the very checks of `sohoa restore` (restore.ts, backup-verify.ts): the signed manifest and
// the archive key's fingerprint, which the admin must type or confirm (never taken on trust
// from the backup itself) and the backup passphrase that opens its sealed keys, into a new or
// empty folder beside the live archive.
import path from 'node:path';
import { audit } from '../accounts/audit';
import { ADMIN, me, type HandlerGroup } from '../call-context';
import { CoreError, toAppError } from '../errors';
import { isInside } from '../files';
import { backupStatus, schedulerFor, setSchedule } from './backup-schedule';
import { restoreArchive } from './restore';
import { checkPassphrase } from './sealed-keys';

type M = 'maintenance.restore' | 'maintenance.schedule' | 'maintenance.status';

export const restoreHandlers: HandlerGroup<M> = {
  'maintenance.restore': {
    access: ADMIN,
    run: async (req, ctx) => {
      const { db, dataDir } = ctx.services;
      const target = path.resolve(req.target);
      try {
        if (isInside(target, path.resolve(dataDir)) || isInside(path.resolve(dataDir), target)) throw new CoreError('RESTORE_INSIDE_ARCHIVE', { dir: target });
        // only a fingerprint the admin gave: no fingerprint, no restore (RESTORE_KEY_UNCONFIRMED names the backup's)
        const r = await restoreArchive(req.dir, target, { fingerprint: req.fingerprint || undefined, passphrase: req.passphrase || undefined });
        audit(db, me(ctx).id, 'maintenance.restore', undefined, { from: path.resolve(req.dir), to: r.dataDir, keyFingerprint: r.keyFingerprint, files: r.files });
        return r;
      } catch (e) {
        const err = toAppError(e);
        audit(db, me(ctx).id, 'maintenance.restoreRefused', undefined, { from: path.resolve(req.dir), to: target, code: err.code });
        throw e;
      }
    },
  },
  'maintenance.schedule': {
    access: ADMIN,
    run: (req, ctx) => {
      const scheduler = schedulerFor(ctx.services);
      // a new passphrase is checked before anything is saved; none keeps the one held (or SOHOA_BACKUP_PASSPHRASE)
      const secret = req.schedule && req.passphrase ? checkPassphrase(req.passphrase) : null;
      if (req.schedule && !secret && !scheduler.hasPassphrase()) checkPassphrase(undefined);
      setSchedule(ctx.services.db, ctx.services.dataDir, req.schedule, me(ctx).id);
      if (secret) scheduler.setPassphrase(secret);
      if (!req.schedule) scheduler.setPassphrase(null);
      // the first backup into a new folder starts now, not at the next tick
      if (req.schedule) void scheduler.tick().catch((e) => console.warn(`Số hóa Desk: sao lưu hằng ngày: ${toAppError(e).message}`));
      return backupStatus(ctx.services.db, Date.now(), scheduler);
    },
  },
  'maintenance.status': { access: ADMIN, run: (_req, ctx) => backupStatus(ctx.services.db, Date.now(), schedulerFor(ctx.services)) },
};
