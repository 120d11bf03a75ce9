// Contract handlers of the way back: the documents' trash and undo of the last page operation.
import { ADMIN, IMPORTERS, me, type HandlerGroup } from '../call-context';
import { visibleDocument, visibleUnits, writableUnits } from '../accounts/scope';
import { rebuildSearchable } from '../ocr/document-ocr';
import { undoLastPageOp, undoOffer } from './page-undo';
import { emptyTrash, listTrash, restoreDocuments, trashDocuments } from './trash';

type M = 'documents.trash' | 'trash.list' | 'trash.restore' | 'trash.empty' | 'pages.undoOffer' | 'pages.undo';

export const trashHandlers: HandlerGroup<M> = {
  'documents.trash': {
    access: IMPORTERS,
    run: (req, ctx) => {
      trashDocuments(ctx.services.db, me(ctx).id, req.ids, writableUnits(ctx.services.db, me(ctx)));
      return null;
    },
  },
  'trash.list': { access: IMPORTERS, run: (_req, ctx) => listTrash(ctx.services.db, visibleUnits(ctx.services.db, me(ctx))) },
  'trash.restore': {
    access: IMPORTERS,
    run: (req, ctx) => {
      restoreDocuments(ctx.services.db, me(ctx).id, req.ids, writableUnits(ctx.services.db, me(ctx)));
      return null;
    },
  },
  'trash.empty': { access: ADMIN, run: (req, ctx) => ({ removed: emptyTrash(ctx.services.db, me(ctx).id, req.ids) }) },
  'pages.undoOffer': {
    access: IMPORTERS,
    run: (req, ctx) => {
      visibleDocument(ctx.services.db, me(ctx), req.documentId);
      return undoOffer(ctx.services.db, req.documentId);
    },
  },
  'pages.undo': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      const { db } = ctx.services;
      const offer = undoOffer(db, req.documentId);
      // every document the operation touched that still exists must be the caller's to see
      const exists = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
      for (const id of offer?.documentIds ?? [req.documentId]) if (id === req.documentId || exists.get(id)) visibleDocument(db, me(ctx), id);
      const r = undoLastPageOp(db, me(ctx).id, req.documentId);
      for (const id of r.documentIds) await rebuildSearchable(ctx.services, id);
      return r;
    },
  },
};
