// Signs a PDF as PAdES baseline B-B: a signature field and dictionary (SubFilter
// ETSI.CAdES.detached, time in /M) appended as an incremental update, the CMS over the
// byte ranges around /Contents, and an optional visible appearance on page 1.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  endText,
  EncryptedPDFError,
  moveText,
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  rgb,
  setFillingColor,
  setFontAndSize,
  showText,
  type PDFFont,
} from 'pdf-lib';
import { X509Certificate } from 'node:crypto';
import { CoreError } from '../errors';
import { assetPath } from '../paths';
import { buildSignedData, type Signer } from './cms';
import { openRevision, touch, writeIncrement, type Revision } from './incremental';
import type { Hash } from './oids';
import { requestTimestamp } from './tsa';
import { parseCms } from './cms-parse';
import { addDss, fetchCrls, fetchOcsps } from './ltv';
import { certificationLevel } from './certification';

export type AppearanceKind = 'copy' | 'personal' | 'issued' | 'none';
export type CopyForm = 'SAO Y' | 'SAO LỤC' | 'TRÍCH SAO';

export interface SignOptions {
  signer: Signer;
  hash?: Hash;
  appearance: AppearanceKind;
  /** DOMAIN.md rule 3: the copy form and the copying agency, for the agency's copy signature */
  copyForm?: CopyForm;
  agency?: string;
  /** where the copy signature goes (copy-placement.ts: free white space, never over ink) and its text scale */
  copyPlace?: { x: number; y: number; w: number; h: number; scale: number };
  /** the digitizing officer's name for a personal signature (rule 2); default: the certificate's CN */
  signerName?: string;
  reason?: string;
  location?: string;
  time?: Date;
  /**
   * Decree 30/2020 App. I, for documents issued electronically: the signer's signature image
   * (blue, transparent PNG) and the agency seal (red PNG, true size) overlapping a third of it
   * on its left, centred at `place` (page 1-based, x/y in points from the bottom-left).
   */
  issued?: { signatureImage: Buffer; sealImage: Buffer; place?: { page: number; x: number; y: number }; signatureWidthMm?: number; sealDiameterMm?: number };
  /** RFC 3161 time-stamping authority: with it the signature is PAdES B-T */
  tsaUrl?: string;
  /** with a timestamp, also store the chain and fetchable revocation lists in a DSS (PAdES B-LT) */
  ltv?: boolean;
  /** room for the CMS in bytes; a timestamp or a long chain needs more */
  contentsSize?: number;
  fileName?: string;
}

const PLACEHOLDER = 9_999_999_999;

/** 2021-04-19T08:30:00+07:00 — Vietnam keeps +07:00 all year. */
export function isoVietnam(d: Date): string {
  return `${new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}
const pdfDate = (d: Date) => {
  const s = isoVietnam(d);
  return `D:${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}+07'00'`;
};

export function commonName(certDer: Buffer): string {
  const subject = new X509Certificate(certDer).subject;
  return /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1] ?? subject.split('\n')[0];
}

export async function signPdf(pdf: Buffer, opts: SignOptions): Promise<Buffer> {
  const file = opts.fileName ?? 'PDF';
  const hash = opts.hash ?? opts.signer.preferredHash ?? 'sha256';
  const time = opts.time ?? new Date();
  const contentsSize = opts.contentsSize ?? (opts.tsaUrl ? 32768 : 16384);
  // a certification with P=1 forbids any further change, a signature included
  if (certificationLevel(pdf) === 1) throw new CoreError('DOC_CERTIFIED_LOCKED', { file });
  let rev: Revision;
  try {
    rev = await openRevision(pdf);
  } catch (e) {
    if ((e as Error)?.message === new EncryptedPDFError().message) throw new CoreError('PDF_ENCRYPTED', { file });
    throw new CoreError('FILE_CORRUPT', { file, detail: (e as Error).message });
  }
  const { doc } = rev;
  const ctx = doc.context;
  const page = opts.appearance === 'issued' ? doc.getPage(Math.min(doc.getPageCount(), opts.issued?.place?.page ?? doc.getPageCount()) - 1) : doc.getPage(0);
  const catalogRef = ctx.trailerInfo.Root as PDFRef;

  // the AcroForm, wherever it is, and a field name not yet taken
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

  const certName = commonName(opts.signer.certificates[0]);
  const sigDict = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER],
    Contents: PDFHexString.of('0'.repeat(contentsSize * 2)),
    M: PDFString.of(pdfDate(time)),
    Name: PDFHexString.fromText(certName),
    ...(opts.reason ? { Reason: PDFHexString.fromText(opts.reason) } : {}),
    ...(opts.location ? { Location: PDFHexString.fromText(opts.location) } : {}),
  });
  const sigRef = ctx.register(sigDict);

  const { width: pw, height: ph } = page.getSize();
  let rect = [0, 0, 0, 0];
  let ap: PDFRef | null = null;
  if (opts.appearance === 'issued') {
    if (!opts.issued) throw new CoreError('SIGN_FAILED', { file, detail: 'thiếu ảnh chữ ký và ảnh con dấu' });
    const mm = 72 / 25.4;
    const sigImg = await doc.embedPng(opts.issued.signatureImage);
    const sealImg = await doc.embedPng(opts.issued.sealImage);
    const sw = (opts.issued.signatureWidthMm ?? 45) * mm;
    const sh = (sw * sigImg.height) / sigImg.width;
    const seal = (opts.issued.sealDiameterMm ?? 36) * mm;
    // the seal covers about a third of the signature, on its left
    const w = seal + sw - sw / 3;
    const h = Math.max(seal, sh);
    const cx = opts.issued.place?.x ?? pw * 0.72;
    const cy = opts.issued.place?.y ?? ph * 0.25;
    rect = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
    const ops = [
      pushGraphicsState(),
      concatTransformationMatrix(sw, 0, 0, sh, seal - sw / 3, (h - sh) / 2),
      drawObject('Sig'),
      popGraphicsState(),
      pushGraphicsState(),
      concatTransformationMatrix(seal, 0, 0, seal, 0, (h - seal) / 2),
      drawObject('Seal'),
      popGraphicsState(),
    ];
    ap = ctx.register(ctx.formXObject(ops, { BBox: [0, 0, w, h], Resources: { XObject: { Sig: sigImg.ref, Seal: sealImg.ref } } }));
  } else if (opts.appearance !== 'none') {
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(fs.readFileSync(assetPath('fonts', 'LiberationSerif-Regular.ttf')), { subset: true });
    const lines =
      opts.appearance === 'copy'
        ? [opts.copyForm ?? 'SAO Y', opts.agency ?? certName, isoVietnam(time)]
        : [`Người số hóa: ${opts.signerName ?? certName}`, `Thời gian: ${isoVietnam(time)}`, 'Đã ký số'];
    const place = opts.appearance === 'copy' ? opts.copyPlace : undefined;
    const k = place?.scale ?? 1;
    const size = 10 * k;
    const w = Math.ceil(Math.max(...lines.map((l) => font.widthOfTextAtSize(l, size)))) + 8 * k;
    const h = (lines.length * 12 + 6) * k;
    // rule 3: the agency's copy signature top-right of page 1; rule 2: the scanner's top-left
    const margin = 28;
    const x = place ? place.x : opts.appearance === 'copy' ? pw - margin - w : margin;
    const y = place ? place.y : ph - margin - h;
    rect = [x, y, x + w, y + h];
    ap = appearanceStream(rev, font, lines, w, h, size, 12 * k);
  }
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(`Signature${n}`),
    V: sigRef,
    Rect: rect,
    F: 132, // print, locked
    P: page.ref,
    ...(ap ? { AP: { N: ap } } : {}),
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

  const out = await writeIncrement(rev);
  let tsaCerts: Buffer[] = [];
  const signed = await fillSignature(out, opts.signer, hash, contentsSize, file, opts.tsaUrl ? async (sig) => {
    const token = await requestTimestamp(opts.tsaUrl!, sig, hash);
    tsaCerts = parseCms(token).certificates;
    return token;
  } : undefined);
  if (!opts.ltv || !opts.tsaUrl) return signed;
  const chain = [...opts.signer.certificates, ...tsaCerts];
  return addDss(signed, { certs: chain, crls: await fetchCrls(chain), ocsps: await fetchOcsps(chain) });
}

function appearanceStream(rev: Revision, font: PDFFont, lines: string[], w: number, h: number, size: number, lineHeight = 12): PDFRef {
  const ops = [setFillingColor(rgb(0, 0, 0)), beginText(), setFontAndSize('F1', size), moveText((4 * size) / 10, h - (4 * size) / 10 - size)];
  lines.forEach((l, i) => {
    if (i > 0) ops.push(moveText(0, -lineHeight));
    ops.push(showText(font.encodeText(l)));
  });
  ops.push(endText());
  const stream = rev.doc.context.formXObject(ops, { BBox: [0, 0, w, h], Resources: { Font: { F1: font.ref } } });
  return rev.doc.context.register(stream);
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
