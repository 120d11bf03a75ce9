// Contract handlers of signing, verification, token modules and the trust store.
import { ADMIN, SIGNERS, account, me, type CallContext, type HandlerGroup } from '../call-context';
import { audit } from '../accounts/audit';
import { visibleDocument } from '../accounts/scope';
import { getVisibleDocument } from '../archive/documents';
import { CoreError, toAppError } from '../errors';
import { auditSignFailure } from './sign/sign-outcome';
import { copyLines, copyPreview } from './sign/copy-placement';
import { documentPdf, latestSignedCopy } from './sign/document-pdf';
import { listTokens } from './sign/pkcs11';
import { openP12, openToken, type OpenSigner } from './sign/service';
import { addTokenModule, allowedModule, removeTokenModule, tokenModules } from './sign/token-modules';
import { addTrustAnchors, listBuiltIns, listTrustAnchors, removeTrustAnchor, setBuiltInEnabled } from './trust/trust-store';
import { setTsaUrl, tsaUrl } from './sign/tsa-setting';
import { allowedHosts, setAllowedHosts } from './trust/outbound-hosts';
import { verifyReportPdf } from './verify/verify-report-pdf';
import { verifyWithArchive } from './verify/verify-service';
import { startExtend } from './long-term/extend-job';

type M =
  | 'signing.modules'
  | 'signing.tokens'
  | 'signing.sign'
  | 'signing.verify'
  | 'signing.verifyReportPdf'
  | 'signing.extend'
  | 'signing.preview'
  | 'signing.config'
  | 'signing.setConfig'
  | 'signing.addModule'
  | 'signing.removeModule'
  | 'trust.list'
  | 'trust.add'
  | 'trust.remove'
  | 'trust.builtins'
  | 'trust.setBuiltIn';

export const signingHandlers: HandlerGroup<M> = {
  'signing.modules': { access: SIGNERS, run: (_req, ctx) => tokenModules(ctx.services.db) },
  'signing.tokens': {
    access: SIGNERS,
    run: (req, ctx) => listTokens(allowedModule(ctx.services.db, req.module)).map(({ label, serial, certificates }) => ({ label, serial, certificates })),
  },
  'signing.sign': {
    access: SIGNERS,
    run: (req, ctx) => {
      const { db } = ctx.services;
      for (const id of req.documentIds) visibleDocument(db, me(ctx), id);
      // the key is opened here, once: a wrong PIN or password fails the request before any job
      let signer: OpenSigner;
      try {
        if ('p12' in req.key) {
          const { name, bytes } = ctx.services.sources.read(req.key.p12.source, ctx.client);
          signer = openP12(bytes, req.key.p12.password, name);
        } else signer = openToken(allowedModule(db, req.key.pkcs11.module), req.key.pkcs11.token, req.key.pkcs11.pin, req.key.pkcs11.certificateId);
      } catch (e) {
        // a wrong PIN or password is an attempt too: audited for each document it was meant for
        const err = toAppError(e);
        for (const id of req.documentIds) auditSignFailure(db, account(ctx).id, id, err);
        throw e;
      }
      const tsa = req.timestamp ? tsaUrl(db) : null;
      if (req.timestamp && !tsa) throw new CoreError('BAD_REQUEST', { detail: 'chưa cấu hình máy chủ dấu thời gian' });
      const { documentIds, appearance, copyForm, agency, reason, longTerm, archiveTimestamp } = req;
      const jobId = ctx.services.signing.start({ documentIds, appearance, copyForm, agency, reason, tsaUrl: tsa, longTerm, archiveTimestamp, userId: account(ctx).id }, signer);
      return { jobId };
    },
  },
  // a job over the chosen documents (each one the caller sees) or all of the caller's signed ones
  'signing.extend': { access: SIGNERS, run: (req, ctx) => ({ jobId: startExtend(ctx.services, account(ctx), req) }) },
  'signing.verify': {
    access: 'user',
    run: async (req, ctx) => {
      const { doc, signed, verify } = verifiable(ctx, req.documentId);
      if (!signed && doc.kind !== 'pdf') return { file: doc.sourceName, valid: false, error: 'hồ sơ chưa được ký số', signatures: [] };
      return verify();
    },
  },
  'signing.verifyReportPdf': {
    access: 'user',
    run: async (req, ctx) => {
      const { doc, verify } = verifiable(ctx, req.documentId);
      const report = await verify();
      return { name: `kiem-tra-chu-ky-${doc.id}.pdf`, base64: (await verifyReportPdf([report])).toString('base64') };
    },
  },
  'signing.preview': {
    access: SIGNERS,
    run: async (req, ctx) => {
      visibleDocument(ctx.services.db, me(ctx), req.documentId);
      const { bytes } = await documentPdf(ctx.services.db, ctx.services.blobs, req.documentId);
      const { png, place } = await copyPreview(bytes, copyLines(req.copyForm, req.agency || me(ctx).unitName || ''));
      return { image: `data:image/png;base64,${png.toString('base64')}`, clear: place.clear };
    },
  },
  'signing.config': { access: 'user', run: (_req, ctx) => ({ tsaUrl: tsaUrl(ctx.services.db), allowHosts: allowedHosts(ctx.services.db) }) },
  'signing.setConfig': {
    access: ADMIN,
    run: (req, ctx) => {
      // the list first: a bad entry refuses the whole request before anything is saved
      if (req.allowHosts) setAllowedHosts(ctx.services.db, req.allowHosts, me(ctx).id);
      setTsaUrl(ctx.services.db, req.tsaUrl, me(ctx).id);
      return null;
    },
  },
  'signing.addModule': {
    access: ADMIN,
    run: (req, ctx) => {
      const list = addTokenModule(ctx.services.db, ctx.services.dataDir, req.label, req.path);
      audit(ctx.services.db, me(ctx).id, 'signing.addModule', { type: 'setting', id: 'signing.modules' }, { path: req.path });
      return list;
    },
  },
  'signing.removeModule': {
    access: ADMIN,
    run: (req, ctx) => {
      const list = removeTokenModule(ctx.services.db, req.path);
      audit(ctx.services.db, me(ctx).id, 'signing.removeModule', { type: 'setting', id: 'signing.modules' }, { path: req.path });
      return list;
    },
  },

  'trust.list': { access: 'user', run: (_req, ctx) => listTrustAnchors(ctx.services.db) },
  'trust.add': {
    access: ADMIN,
    run: (req, ctx) => {
      const { name, bytes } = ctx.services.sources.read(req.source, ctx.client);
      return { added: addTrustAnchors(ctx.services.db, bytes, name, me(ctx).id) };
    },
  },
  'trust.remove': {
    access: ADMIN,
    run: (req, ctx) => {
      removeTrustAnchor(ctx.services.db, req.id, me(ctx).id);
      return null;
    },
  },
  'trust.builtins': { access: 'user', run: (_req, ctx) => listBuiltIns(ctx.services.db) },
  'trust.setBuiltIn': {
    access: ADMIN,
    run: (req, ctx) => {
      setBuiltInEnabled(ctx.services.db, req.fingerprint, req.enabled, me(ctx).id);
      return null;
    },
  },
};

/** A document the caller may see and the file its signatures are read from: the latest signed copy, else its own (a PDF may come signed). */
function verifiable(ctx: CallContext, documentId: number) {
  const { db, blobs } = ctx.services;
  const doc = getVisibleDocument(db, me(ctx), documentId);
  const signed = latestSignedCopy(db, doc.id);
  return { doc, signed, verify: () => verifyWithArchive(db, blobs.read(signed ?? doc.sha256), { file: doc.sourceName }) };
}
