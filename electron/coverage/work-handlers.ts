// Contract handlers of the records staff's daily work: their worklist, the register's
// procedures for its filters, and each user's saved views.
import { account, IMPORTERS, me, type HandlerGroup } from '../call-context';
import { deleteView, listViews, saveView } from '../accounts/saved-views';
import { canSeeUnit, visibleUnits } from '../accounts/scope';
import { CoreError } from '../errors';
import { today } from './dates';
import { registerProcedures } from './register-filters';
import { unitWorklist } from './unit-worklist';

type M = 'work.list' | 'register.procedures' | 'views.list' | 'views.save' | 'views.delete';

export const workHandlers: HandlerGroup<M> = {
  'work.list': {
    access: [...IMPORTERS, 'unit_head'],
    run: (req, ctx) => {
      const { db } = ctx.services;
      if (req.unitId !== undefined && !canSeeUnit(db, me(ctx), req.unitId)) throw new CoreError('FORBIDDEN');
      // the caller's units (their unit; a head's also those below), or the one unit asked for
      const units = req.unitId !== undefined ? [req.unitId] : visibleUnits(db, me(ctx));
      return unitWorklist(db, units, req.at ?? today(), req.procedureCode);
    },
  },
  'register.procedures': { access: 'user', run: (_req, ctx) => registerProcedures(ctx.services.db, visibleUnits(ctx.services.db, me(ctx))) },
  'views.list': { access: 'user', run: (req, ctx) => listViews(ctx.services.db, account(ctx).id, req.screen) },
  'views.save': { access: 'user', run: (req, ctx) => saveView(ctx.services.db, account(ctx).id, req) },
  'views.delete': {
    access: 'user',
    run: (req, ctx) => {
      deleteView(ctx.services.db, account(ctx).id, req.id);
      return null;
    },
  },
};
