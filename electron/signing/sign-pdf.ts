// Signs a PDF as PAdES baseline B-B: a signature field and dictionary (SubFilter
// ETSI.CAdES.detached, time in /M) appended as an incremental update, the CMS over the
// byte ranges around /Contents, and an optional visible appearance (sign-appearance.ts); with
// a timestamp and `ltv`, the validation data in a DSS after it (ltv.ts).
import { createHash } from 'node:crypto';
import { EncryptedPDFError, PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFPage } from 'pdf-lib';
import { CoreError } from '../errors';
import { buildSignedData, type Signer } from './cms';
import { checkPdfStructure } from '../capture/pdf-structure';
import { openRevision, touch, writeIncrement, type Revision } from './incremental';
import type { Hash } from './oids';
import { requestTimestamp } from './tsa';
import { parseCms } from './cms-parse';
import { withLongTermData } from './ltv';
import { Outbound } from './outbound-fetch';
import { signerChain } from './signer-chain';
import { findSignerCert } from './verify-crypto';
import { certificationLevel } from './certification';
import { signatureAppearance } from './sign-appearance';
import { commonName, pdfDate } from './sign-names';
import type { SignOptions } from './sign-options';

export { commonName, isoVietnam } from './sign-names';

export type { AppearanceKind, CopyForm, SignOptions } from './sign-options';

const PLACEHOLDER = 9_999_999_999;

/** The document's form (made if missing, marked changed either way) and a field name not yet taken. */
function signatureForm(rev: Revision): { fields: PDFArray; name: string } {
  const { doc } = rev;
  const ctx = doc.context;
  const catalogRef = ctx.trailerInfo.Root as PDFRef;
  // the AcroForm, wherever it is
  let acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const acroRaw = doc.catalog.get(PDFName.of('AcroForm'));
  if (!acroForm) {
    acroForm = ctx.obj({ Fields: [] }) as PDFDict;
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(acroForm));
    touch(rev, catalogRef);
  } else if (acroRaw instanceof PDFRef) touch(rev, acroRaw);
  else touch(rev, catalogRef);
  let fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const fieldsRaw = acroForm.get(PDFName.of('Fields'));
  if (!fields) {
    fields = ctx.obj([]) as PDFArray;
    acroForm.set(PDFName.of('Fields'), fields);
  } else if (fieldsRaw instanceof PDFRef) touch(rev, fieldsRaw);
  const taken = new Set(fields.asArray().map((f) => (ctx.lookup(f) as PDFDict | undefined)?.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString)?.decodeText()));
  let n = 1;
  while (taken.has(`Signature${n}`)) n++;
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  return { fields, name: `Signature${n}` };
}

/** The signature field's widget on its page, in the form's fields and the page's annotations. */
function addWidget(rev: Revision, page: PDFPage, fields: PDFArray, name: string, sigRef: PDFRef, look: { rect: number[]; ap: PDFRef | null }) {
  const ctx = rev.doc.context;
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(name),
    V: sigRef,
    Rect: look.rect,
    F: 132, // print, locked
    P: page.ref,
    ...(look.ap ? { AP: { N: look.ap } } : {}),
  });
  const widgetRef = ctx.register(widget);
  fields.push(widgetRef);
  const annotsRaw = page.node.get(PDFName.of('Annots'));
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) {
    annots.push(widgetRef);
    touch(rev, annotsRaw instanceof PDFRef ? annotsRaw : page.ref);
  } else {
    page.node.set(PDFName.of('Annots'), ctx.obj([widgetRef]));
    touch(rev, page.ref);
  }
}

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
      ByteRange: [0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER],
      Contents: PDFHexString.of('0'.repeat(contentsSize * 2)),
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
  const signed = await fillSignature(out, opts.signer, hash, contentsSize, file, timestamp);
  return opts.ltv && opts.tsaUrl ? withLongTermData(signed, [...opts.signer.certificates, ...tsaCerts], net) : signed;
}

/** The TSA's own chain from its token, not whatever else the token carries. */
function tsaChain(token: Buffer): Buffer[] {
  const p = parseCms(token);
  const cert = findSignerCert(p, p.signedAttrsDer ?? p.eContent ?? Buffer.alloc(0));
  return cert ? signerChain(cert.raw, p.certificates) : [];
}

/** Finds the placeholders, fixes /ByteRange around /Contents, signs those bytes and writes the CMS in. */
async function fillSignature(pdf: Buffer, signer: Signer, hash: Hash, contentsSize: number, file: string, timestamp?: (sig: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const brText = `[ 0 ${PLACEHOLDER} ${PLACEHOLDER} ${PLACEHOLDER} ]`;
  const brAt = text.lastIndexOf(brText);
  const contentsAt = text.indexOf(`<${'0'.repeat(contentsSize * 2)}>`, brAt);
  if (brAt < 0 || contentsAt < 0) throw new CoreError('SIGN_FAILED', { file, detail: 'không đặt được chỗ cho chữ ký' });
  const contentsEnd = contentsAt + contentsSize * 2 + 2;
  const range = [0, contentsAt, contentsEnd, pdf.length - contentsEnd];
  const brNew = `[ ${range.join(' ')} ]`.padEnd(brText.length, ' ');
  pdf.write(brNew, brAt, 'latin1');
  const digest = createHash(hash).update(pdf.subarray(0, contentsAt)).update(pdf.subarray(contentsEnd)).digest();
  const cms = await buildSignedData({ contentDigest: digest, hash, signer, timestamp });
  if (cms.length > contentsSize) throw new CoreError('SIGN_FAILED', { file, detail: `chữ ký ${cms.length} byte vượt chỗ dành sẵn ${contentsSize} byte` });
  pdf.write(cms.toString('hex').toUpperCase(), contentsAt + 1, 'latin1');
  return pdf;
}
