// The text a PDF shows that is not in its pages' content: e-office systems write the number
// and the day into the blanks after the leader has signed, in a later signed revision, as the
// appearance (a form XObject) of a signature field or stamp. pdf.js's text content leaves
// annotations out, `pdftotext` and the printed page do not. For reading the text, a copy of
// the PDF is made (pdf-lib reads every revision, the last definition of an object wins) where
// each printable, visible annotation's normal appearance is drawn into its page's content
// where the reader would draw it (ISO 32000-1 §12.5.5); the file itself is never changed.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFPage } from 'pdf-lib';

const HIDDEN = 1 << 1;
const PRINT = 1 << 2;
const NO_VIEW = 1 << 5;

type Box = [number, number, number, number];

const nums = (a: PDFArray | undefined, n: number): number[] | null => {
  if (!a || a.size() < n) return null;
  const out = a.asArray().slice(0, n).map((x) => (x instanceof PDFNumber ? x.asNumber() : NaN));
  return out.every(Number.isFinite) ? out : null;
};

/** The bounding box of `b` once transformed by the matrix `m`. */
function transformBox(b: Box, m: number[]): Box {
  const pts = [
    [b[0], b[1]],
    [b[0], b[3]],
    [b[2], b[1]],
    [b[2], b[3]],
  ].map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The matrix that takes the appearance's transformed box onto the annotation's rectangle (§12.5.5 step 2). */
export function appearanceMatrix(rect: Box, bbox: Box, matrix: number[] = [1, 0, 0, 1, 0, 0]): number[] | null {
  const t = transformBox(bbox, matrix);
  const w = t[2] - t[0];
  const h = t[3] - t[1];
  if (!(w > 0 && h > 0)) return null;
  const sx = (rect[2] - rect[0]) / w;
  const sy = (rect[3] - rect[1]) / h;
  return [sx, 0, 0, sy, Math.min(rect[0], rect[2]) - t[0] * sx, Math.min(rect[1], rect[3]) - t[1] * sy];
}

/** Draws one page's shown annotation appearances into its content; true when one was drawn. */
function drawAnnotations(doc: PDFDocument, page: PDFPage): boolean {
  const annots = page.node.Annots();
  if (!annots) return false;
  const draws: string[] = [];
  for (let i = 0; i < annots.size(); i++) {
    const a = annots.lookup(i);
    if (!(a instanceof PDFDict)) continue;
    const flags = (a.lookup(PDFName.of('F')) as PDFNumber | undefined)?.asNumber?.() ?? 0;
    // only what is printed is part of the document as issued
    if (flags & HIDDEN || flags & NO_VIEW || !(flags & PRINT)) continue;
    const ap = a.lookup(PDFName.of('AP'));
    const n = ap instanceof PDFDict ? ap.get(PDFName.of('N')) : undefined;
    const stream = n instanceof PDFRef ? doc.context.lookup(n) : n;
    if (!(n instanceof PDFRef) || !(stream instanceof PDFStream || stream instanceof PDFRawStream)) continue; // a state dictionary (check box) holds no text
    const rect = nums(a.lookup(PDFName.of('Rect')) as PDFArray | undefined, 4);
    const bbox = nums(stream.dict.lookup(PDFName.of('BBox')) as PDFArray | undefined, 4);
    if (!rect || !bbox) continue;
    const m = appearanceMatrix(rect as Box, bbox as Box, nums(stream.dict.lookup(PDFName.of('Matrix')) as PDFArray | undefined, 6) ?? undefined);
    if (!m) continue;
    page.node.normalize();
    const name = page.node.newXObject('SohoaAnnot', n);
    draws.push(`q ${m.map((x) => +x.toFixed(5)).join(' ')} cm ${name.asString()} Do Q`);
  }
  if (!draws.length) return false;
  // the page's own content may leave its graphics state changed: it runs inside q … Q
  const before = doc.context.register(doc.context.stream('q'));
  const after = doc.context.register(doc.context.stream(`Q\n${draws.join('\n')}`));
  page.node.wrapContentStreams(before, after);
  return true;
}

/** A copy of the PDF with its annotations' shown text in the pages; null when none shows any. */
export async function withAnnotationsDrawn(pdf: Buffer | Uint8Array): Promise<Uint8Array | null> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: false, throwOnInvalidObject: false });
  let drawn = false;
  for (const page of doc.getPages()) drawn = drawAnnotations(doc, page) || drawn;
  return drawn ? doc.save({ useObjectStreams: false, updateFieldAppearances: false }) : null;
}
