// The parts of a signature dictionary every signing shares: the form's field and widget for
// it, and the /ByteRange and /Contents placeholders filled once the bytes around them are final.
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFPage } from 'pdf-lib';
import { CoreError } from '../../errors';
import { touch, type Revision } from '../pdf/incremental';
import type { Hash } from '../cms/oids';

/** Stands in /ByteRange until the file's length is known (written as wide as any real offset). */
export const PLACEHOLDER = 9_999_999_999;

/** The /ByteRange and /Contents of a signature dictionary before they are filled. */
export const placeholders = (contentsSize: number) => ({ ByteRange: [0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER], Contents: PDFHexString.of('0'.repeat(contentsSize * 2)) });

/** The document's form (made if missing, marked changed either way) and a field name not yet taken. */
export function signatureForm(rev: Revision): { fields: PDFArray; name: string } {
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
export function addWidget(rev: Revision, page: PDFPage, fields: PDFArray, name: string, sigRef: PDFRef, look: { rect: number[]; ap: PDFRef | null }) {
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

/** Finds the placeholders, fixes /ByteRange around /Contents, has those bytes' digest signed (or stamped) and writes the CMS in. */
export async function fillContents(pdf: Buffer, hash: Hash, contentsSize: number, file: string, make: (digest: Buffer) => Promise<Buffer>): Promise<Buffer> {
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
  const cms = await make(digest);
  if (cms.length > contentsSize) throw new CoreError('SIGN_FAILED', { file, detail: `chữ ký ${cms.length} byte vượt chỗ dành sẵn ${contentsSize} byte` });
  pdf.write(cms.toString('hex').toUpperCase(), contentsAt + 1, 'latin1');
  return pdf;
}
