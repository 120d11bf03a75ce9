// Contract handlers of the unit catalogue: list, edit, import a catalogue or a merge list.
import { ADMIN, me, type HandlerGroup } from '../call-context';
import { audit } from '../accounts/audit';
import { importMerges } from '../coverage/merges';
import { parseJsonFile } from '../files';
import { importCatalogue, loadDemoCatalogue } from './catalogue-import';
import { getUnit, listUnits, saveUnit } from './units';

type M = 'units.list' | 'units.save' | 'units.import' | 'units.loadDemo' | 'units.merges';

export const unitHandlers: HandlerGroup<M> = {
  'units.list': { access: 'user', run: (req, ctx) => listUnits(ctx.services.db, req.at) },
  'units.save': {
    access: ADMIN,
    run: (req, ctx) => {
      const { db } = ctx.services;
      const id = db.transaction(() => {
        const id = saveUnit(db, req);
        audit(db, me(ctx).id, req.id ? 'units.update' : 'units.create', { type: 'unit', id }, { code: req.code, name: req.name });
        return id;
      })();
      return getUnit(db, id)!;
    },
  },
  'units.import': {
    access: ADMIN,
    run: async (req, ctx) => {
      const { name, bytes } = ctx.services.sources.read(req.source, ctx.client);
      return importCatalogue(ctx.services.db, name, bytes, { validFrom: req.validFrom, userId: me(ctx).id });
    },
  },
  'units.loadDemo': { access: ADMIN, run: (_req, ctx) => loadDemoCatalogue(ctx.services.db, me(ctx).id) },
  'units.merges': {
    access: ADMIN,
    run: (req, ctx) => {
      const { name, bytes } = ctx.services.sources.read(req.source, ctx.client);
      return importMerges(ctx.services.db, parseJsonFile(bytes, name), { effective: req.effective, userId: me(ctx).id, fileName: name });
    },
  },
};
