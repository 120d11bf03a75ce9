// Appends objects to a PDF as an incremental update (ISO 32000-1 §7.5.6): the original bytes
// stay exactly as they were, so signatures already in the file remain valid. Objects are
// created and edited through pdf-lib's object model, then only the new and changed ones are
// written after the original, with their own cross-reference section and trailer.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { randomBytes } from 'node:crypto';

export interface Revision {
  doc: PDFDocument;
  original: Buffer;
  /** object numbers at or below this existed before */
  lastOriginal: number;
  changed: Set<PDFRef>;
}

export async function openRevision(original: Buffer): Promise<Revision> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  // pdf-lib does not count object and xref streams it consumed; the trailer's /Size does
  const lastOriginal = Math.max(doc.context.largestObjectNumber, trailerSize(original) - 1);
  doc.context.largestObjectNumber = lastOriginal;
  return { doc, original, lastOriginal, changed: new Set() };
}

/** /Size of the last trailer (classic) or cross-reference stream dictionary. */
export function trailerSize(pdf: Buffer): number {
  const at = lastStartxref(pdf);
  const head = pdf.subarray(at, Math.min(pdf.length, at + 64)).toString('latin1');
  let dictText: string;
  if (head.startsWith('xref')) {
    const t = pdf.indexOf('trailer', at, 'latin1');
    dictText = t < 0 ? '' : pdf.subarray(t, Math.min(pdf.length, t + 4096)).toString('latin1');
  } else {
    const s = pdf.indexOf('stream', at, 'latin1');
    dictText = pdf.subarray(at, s < 0 ? Math.min(pdf.length, at + 4096) : s).toString('latin1');
  }
  const m = /\/Size\s+(\d+)/.exec(dictText);
  return m ? Number(m[1]) : 0;
}

/** Marks an existing indirect object as modified, so the update rewrites it. */
export function touch(rev: Revision, ref: PDFRef): void {
  rev.changed.add(ref);
}

/** Byte offset of the last cross-reference section, from the file's final startxref. */
export function lastStartxref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? /startxref\s+(\d+)/g.exec(tail.slice(tail.lastIndexOf('startxref')));
  if (!m) throw new Error('không tìm thấy startxref');
  return Number(m[1]);
}

const serialize = (obj: PDFObject) => {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return Buffer.from(buf);
};

/** Writes the update: the original bytes, then new and changed objects, xref and trailer. */
export async function writeIncrement(rev: Revision): Promise<Buffer> {
  await rev.doc.flush(); // embeds fonts and images into the object table
  const ctx = rev.doc.context;
  const objects = ctx
    .enumerateIndirectObjects()
    .filter(([ref]) => ref.objectNumber > rev.lastOriginal || rev.changed.has(ref))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const parts: Buffer[] = [rev.original];
  let offset = rev.original.length;
  if (rev.original[rev.original.length - 1] !== 0x0a) {
    parts.push(Buffer.from('\n'));
    offset += 1;
  }
  const xref: [number, number, number][] = [];
  for (const [ref, obj] of objects) {
    const head = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1');
    const body = serialize(obj);
    const tail = Buffer.from('\nendobj\n', 'latin1');
    xref.push([ref.objectNumber, ref.generationNumber, offset]);
    parts.push(head, body, tail);
    offset += head.length + body.length + tail.length;
  }
  // one subsection per run of consecutive object numbers
  let table = 'xref\n';
  for (let i = 0; i < xref.length; ) {
    let j = i;
    while (j + 1 < xref.length && xref[j + 1][0] === xref[j][0] + 1) j++;
    table += `${xref[i][0]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) table += `${String(xref[k][2]).padStart(10, '0')} ${String(xref[k][1]).padStart(5, '0')} n\r\n`;
    i = j + 1;
  }
  const info = ctx.trailerInfo;
  const id0 = info.ID instanceof PDFArray ? info.ID.get(0) : undefined;
  const trailer = PDFDict.withContext(ctx);
  trailer.set(PDFName.of('Size'), ctx.obj(ctx.largestObjectNumber + 1));
  trailer.set(PDFName.of('Root'), info.Root as PDFRef);
  if (info.Info) trailer.set(PDFName.of('Info'), info.Info as PDFRef);
  trailer.set(PDFName.of('Prev'), ctx.obj(lastStartxref(rev.original)));
  const fresh = PDFHexString.of(randomBytes(16).toString('hex'));
  trailer.set(PDFName.of('ID'), ctx.obj([id0 ?? fresh, fresh]));
  parts.push(Buffer.from(`${table}trailer\n`, 'latin1'), serialize(trailer), Buffer.from(`\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
