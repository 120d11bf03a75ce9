// Contract handlers of signature verification and the built-in trust anchors.
import type { MethodName } from '../../shared/channels';
import type { ParsedReq, Res } from '../../shared/contract';
import type { CallContext } from '../api';
import { canSeeUnit } from '../accounts/scope';
import { getDocument } from '../archive/documents';
import { CoreError } from '../errors';
import { latestSignedCopy } from './document-pdf';
import { listBuiltIns, setBuiltInEnabled } from './trust-store';
import { verifyReportPdf } from './verify-report-pdf';
import { verifyWithArchive } from './verify-service';

type Entry<M extends MethodName> = { access: 'user' | readonly ['admin']; run: (req: ParsedReq<M>, ctx: CallContext) => Promise<Res<M>> | Res<M> };

export const signingHandlers: { 'signing.verifyReportPdf': Entry<'signing.verifyReportPdf'>; 'trust.builtins': Entry<'trust.builtins'>; 'trust.setBuiltIn': Entry<'trust.setBuiltIn'> } = {
  'signing.verifyReportPdf': {
    access: 'user',
    run: async (req, ctx) => {
      const { db, blobs } = ctx.core;
      const doc = getDocument(db, req.documentId);
      if (!doc || !canSeeUnit(db, ctx.user!, doc.unitId)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${req.documentId}` });
      const signed = latestSignedCopy(db, doc.id);
      const report = await verifyWithArchive(db, blobs.read(signed ?? doc.sha256), { file: doc.sourceName });
      return { name: `kiem-tra-chu-ky-${doc.id}.pdf`, base64: (await verifyReportPdf([report])).toString('base64') };
    },
  },
  'trust.builtins': { access: 'user', run: (_req, ctx) => listBuiltIns(ctx.core.db) },
  'trust.setBuiltIn': {
    access: ['admin'] as const,
    run: (req, ctx) => {
      setBuiltInEnabled(ctx.core.db, req.fingerprint, req.enabled, ctx.user!.id);
      return null;
    },
  },
};
