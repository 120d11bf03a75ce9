// Signs a PDF as PAdES baseline B-B: a signature field and dictionary (SubFilter
// ETSI.CAdES.detached, time in /M) appended as an incremental update, the CMS over the
// byte ranges around /Contents, and an optional visible appearance (sign-appearance.ts); with
// a timestamp and `ltv`, the validation data in a DSS after it (ltv.ts), and with
// `archiveTimestamp` a document timestamp after that (doc-timestamp.ts).
import { EncryptedPDFError, PDFHexString, PDFString } from 'pdf-lib';
import { CoreError } from '../../errors';
import { buildSignedData } from '../cms/cms';
import { addDocumentTimestamp } from '../long-term/doc-timestamp';
import { checkPdfStructure } from '../../capture/pdf-structure';
import { openRevision, writeIncrement, type Revision } from '../pdf/incremental';
import { addWidget, fillContents, placeholders, signatureForm } from './sign-field';
import { requestTimestamp } from './tsa';
import { parseCms } from '../cms/cms-parse';
import { withLongTermData } from '../long-term/ltv';
import { Outbound } from '../trust/outbound-fetch';
import { signerChain } from './signer-chain';
import { findSignerCert } from '../verify/verify-crypto';
import { certificationLevel } from '../pdf/certification';
import { signatureAppearance } from './sign-appearance';
import { commonName, pdfDate } from './sign-names';
import type { SignOptions } from './sign-options';

export { commonName, isoVietnam } from './sign-names';

export type { AppearanceKind, CopyForm, SignOptions } from './sign-options';

async function openForSigning(pdf: Buffer, file: string): Promise<Revision> {
  // a certification with P=1 forbids any further change, a signature included
  if (certificationLevel(pdf) === 1) throw new CoreError('DOC_CERTIFIED_LOCKED', { file });
  let rev: Revision;
  try {
    rev = await openRevision(pdf);
  } catch (e) {
    if ((e as Error)?.message === new EncryptedPDFError().message) throw new CoreError('PDF_ENCRYPTED', { file });
    throw new CoreError('FILE_CORRUPT', { file, detail: (e as Error).message });
  }
  // pdf-lib finds the page to sign by recursion: a looped page tree would exhaust the stack
  checkPdfStructure(rev.doc, file, Infinity);
  return rev;
}

export async function signPdf(pdf: Buffer, opts: SignOptions): Promise<Buffer> {
  const file = opts.fileName ?? 'PDF';
  const hash = opts.hash ?? opts.signer.preferredHash ?? 'sha256';
  const time = opts.time ?? new Date();
  const contentsSize = opts.contentsSize ?? (opts.tsaUrl ? 32768 : 16384);
  const rev = await openForSigning(pdf, file);
  const { doc } = rev;
  const page = opts.appearance === 'issued' ? doc.getPage(Math.min(doc.getPageCount(), opts.issued?.place?.page ?? doc.getPageCount()) - 1) : doc.getPage(0);
  const { fields, name } = signatureForm(rev);
  const certName = commonName(opts.signer.certificates[0]);
  const sigRef = doc.context.register(
    doc.context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ...placeholders(contentsSize),
      M: PDFString.of(pdfDate(time)),
      Name: PDFHexString.fromText(certName),
      ...(opts.reason ? { Reason: PDFHexString.fromText(opts.reason) } : {}),
      ...(opts.location ? { Location: PDFHexString.fromText(opts.location) } : {}),
    }),
  );
  addWidget(rev, page, fields, name, sigRef, await signatureAppearance(rev, page, opts, certName, time, file));

  const out = await writeIncrement(rev);
  // every request of this signing goes through one fetcher (one budget); the TSA named for it is allowed
  const net = opts.outbound ?? new Outbound();
  if (opts.tsaUrl) net.allow(new URL(opts.tsaUrl).host);
  let tsaCerts: Buffer[] = [];
  const timestamp = opts.tsaUrl
    ? async (sig: Buffer) => {
        const token = await requestTimestamp(opts.tsaUrl!, sig, hash, net);
        tsaCerts = tsaChain(token);
        return token;
      }
    : undefined;
  const signed = await fillContents(out, hash, contentsSize, file, (digest) => buildSignedData({ contentDigest: digest, hash, signer: opts.signer, timestamp }));
  if (!opts.ltv || !opts.tsaUrl) return signed;
  const longTerm = await withLongTermData(signed, [...opts.signer.certificates, ...tsaCerts], net);
  // B-LTA: a document timestamp over the file with its DSS, so the data itself is dated
  return opts.archiveTimestamp ? addDocumentTimestamp(longTerm, { tsaUrl: opts.tsaUrl, net, hash, file }) : longTerm;
}

/** The TSA's own chain from its token, not whatever else the token carries. */
function tsaChain(token: Buffer): Buffer[] {
  const p = parseCms(token);
  const cert = findSignerCert(p, p.signedAttrsDer ?? p.eContent ?? Buffer.alloc(0));
  return cert ? signerChain(cert.raw, p.certificates) : [];
}

