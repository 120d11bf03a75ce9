// Contract handlers of reading and review: OCR jobs, the review queue and accepting tags.
import { IMPORTERS, account, me, type HandlerGroup } from '../call-context';
import { audit } from '../accounts/audit';
import { visibleDocument, visibleUnits } from '../accounts/scope';
import { getDocument, reviewQueue } from '../archive/documents';
import { proposeRegisterEntries } from '../coverage/proposals';
import { visibleEntry } from '../coverage/register-lookup';
import { ownJob } from '../jobs/handlers';
import { reviewDocument } from './review';

type M = 'ocr.start' | 'ocr.retry' | 'documents.review' | 'documents.proposals' | 'documents.toReview';

export const ocrHandlers: HandlerGroup<M> = {
  'ocr.start': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const { db, ocr } = ctx.services;
      for (const id of req.documentIds) visibleDocument(db, me(ctx), id);
      const jobId = ocr.start(req.documentIds, me(ctx).id, req.again);
      audit(db, me(ctx).id, 'ocr.start', { type: 'job', id: jobId }, { documents: req.documentIds.length, again: req.again });
      return { jobId };
    },
  },
  'ocr.retry': {
    access: IMPORTERS,
    run: (req, ctx) => {
      ownJob(ctx, req.jobId);
      return { jobId: ctx.services.ocr.retry(req.jobId, me(ctx).id) };
    },
  },
  'documents.review': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const { db } = ctx.services;
      const doc = visibleDocument(db, me(ctx), req.id);
      const entry = visibleEntry(db, me(ctx), req.dossierCode, doc.unitId);
      reviewDocument(db, account(ctx).id, req.id, req.fields, entry?.id ?? null, req.accept);
      return getDocument(db, req.id)!;
    },
  },
  'documents.proposals': {
    access: IMPORTERS,
    run: (req, ctx) => {
      visibleDocument(ctx.services.db, me(ctx), req.id);
      return { items: proposeRegisterEntries(ctx.services.db, req.id, visibleUnits(ctx.services.db, me(ctx)), 5, req.fields) };
    },
  },
  'documents.toReview': { access: IMPORTERS, run: (_req, ctx) => ({ ids: reviewQueue(ctx.services.db, visibleUnits(ctx.services.db, me(ctx))) }) },
};
