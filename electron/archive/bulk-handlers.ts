// Contract handlers of bulk edits on many documents and their undo.
import { IMPORTERS, me, type HandlerGroup } from '../call-context';
import { writableUnits } from '../accounts/scope';
import { bulkEdit, lastBulkEdit, undoBulkEdit } from './bulk-edit';

type M = 'documents.bulkEdit' | 'documents.bulkUndo' | 'documents.bulkLast';

export const bulkHandlers: HandlerGroup<M> = {
  'documents.bulkEdit': { access: IMPORTERS, run: (req, ctx) => bulkEdit(ctx.services.db, me(ctx).id, req, writableUnits(ctx.services.db, me(ctx))) },
  'documents.bulkUndo': {
    access: IMPORTERS,
    run: (req, ctx) => undoBulkEdit(ctx.services.db, me(ctx).id, req.editId, writableUnits(ctx.services.db, me(ctx)), me(ctx).role === 'admin'),
  },
  'documents.bulkLast': { access: IMPORTERS, run: (_req, ctx) => lastBulkEdit(ctx.services.db, me(ctx).id, writableUnits(ctx.services.db, me(ctx))) },
};
