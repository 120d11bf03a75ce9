// Contract handlers of the archive: listing and opening documents, page changes, split and merge.
import { IMPORTERS, me, type CallContext, type HandlerGroup } from '../call-context';
import { visibleDocument, visibleUnits } from '../accounts/scope';
import { CoreError } from '../errors';
import { rebuildSearchable } from '../ocr/document-ocr';
import { getDocument, getVisibleDocument, listDocuments, pageOwner } from './documents';
import { deletePages, mergeDocuments, reorderPages, rotatePage, splitDocument } from './page-ops';

type M = 'documents.list' | 'documents.get' | 'pages.rotate' | 'pages.delete' | 'pages.reorder' | 'documents.split' | 'documents.merge';

export const archiveHandlers: HandlerGroup<M> = {
  'documents.list': { access: 'user', run: (req, ctx) => listDocuments(ctx.services.db, visibleUnits(ctx.services.db, me(ctx)), req) },
  'documents.get': {
    access: 'user',
    run: (req, ctx) => getVisibleDocument(ctx.services.db, me(ctx), req.id),
  },
  'pages.rotate': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const { db } = ctx.services;
      const owner = pageOwner(db, req.pageId);
      if (!owner) throw new CoreError('NOT_FOUND', { what: `trang #${req.pageId}` });
      visibleDocument(db, me(ctx), owner);
      const docId = rotatePage(db, me(ctx).id, req.pageId, req.rotation);
      return { jobId: ctx.services.ocr.start([docId], me(ctx).id) };
    },
  },
  'pages.delete': {
    access: IMPORTERS,
    run: (req, ctx) => changePages(ctx, req.documentId, () => deletePages(ctx.services.db, me(ctx).id, req.documentId, req.pageIds)),
  },
  'pages.reorder': {
    access: IMPORTERS,
    run: (req, ctx) => changePages(ctx, req.documentId, () => reorderPages(ctx.services.db, me(ctx).id, req.documentId, req.pageIds)),
  },
  'documents.split': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      visibleDocument(ctx.services.db, me(ctx), req.documentId);
      const ids = splitDocument(ctx.services.db, me(ctx).id, req.documentId, req.startPageIds);
      for (const id of ids) await rebuildSearchable(ctx.services, id);
      return { documentIds: ids };
    },
  },
  'documents.merge': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      for (const id of req.documentIds) visibleDocument(ctx.services.db, me(ctx), id);
      const id = mergeDocuments(ctx.services.db, me(ctx).id, req.documentIds);
      await rebuildSearchable(ctx.services, id);
      return getDocument(ctx.services.db, id)!;
    },
  },
};

/** A page change on a visible document, then its searchable PDF rebuilt; returns the document. */
async function changePages(ctx: CallContext, documentId: number, change: () => void) {
  visibleDocument(ctx.services.db, me(ctx), documentId);
  change();
  await rebuildSearchable(ctx.services, documentId);
  return getDocument(ctx.services.db, documentId)!;
}
