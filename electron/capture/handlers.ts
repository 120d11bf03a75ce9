// Contract handlers of capture: importing files, the scanner, and each unit's watched folder.
import { ADMIN, IMPORTERS, account, me, type HandlerGroup } from '../call-context';
import { audit } from '../accounts/audit';
import { targetUnit } from '../accounts/scope';
import { listScanners, scannerOptions } from './scanner';

type M = 'documents.import' | 'scanner.devices' | 'scanner.options' | 'scanner.scan' | 'hotfolder.get' | 'hotfolder.set';

export const captureHandlers: HandlerGroup<M> = {
  'documents.import': {
    access: IMPORTERS,
    run: (req, ctx) => ({ jobId: ctx.services.imports.start(req.sources, ctx.client, targetUnit(ctx.services.db, me(ctx), req.unitId), { ocr: req.ocr }) }),
  },
  'scanner.devices': { access: IMPORTERS, run: () => listScanners() },
  'scanner.options': { access: IMPORTERS, run: (req) => scannerOptions(req.device) },
  'scanner.scan': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      const user = account(ctx);
      const unitId = targetUnit(ctx.services.db, user, req.unitId);
      let source = req.source;
      if (req.duplex) {
        // a duplex feeder is a source of its own on most SANE drivers
        const duplex = (await scannerOptions(req.device)).sources.find((s) => /duplex/i.test(s));
        if (duplex) source = duplex;
      }
      const jobId = ctx.services.scans.start({ device: req.device, resolution: req.resolution, mode: req.mode, source, duplex: req.duplex }, user.id, unitId, req.ocr);
      audit(ctx.services.db, user.id, 'scanner.scan', { type: 'job', id: jobId }, { device: req.device, resolution: req.resolution, mode: req.mode, source });
      return { jobId };
    },
  },
  // one watched folder per unit; only an administrator points the app at a folder it will move files out of
  'hotfolder.get': { access: IMPORTERS, run: (req, ctx) => ctx.services.hotFolders.get(targetUnit(ctx.services.db, account(ctx), req.unitId)) },
  'hotfolder.set': {
    access: ADMIN,
    run: (req, ctx) => {
      const user = account(ctx);
      const unitId = targetUnit(ctx.services.db, user, req.unitId ?? undefined);
      audit(ctx.services.db, user.id, 'hotfolder.set', { type: 'unit', id: unitId }, { dir: req.dir, enabled: req.enabled });
      return ctx.services.hotFolders.set(unitId, req, user.id);
    },
  },
};
