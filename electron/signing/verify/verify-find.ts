// Reading a signed PDF before its signatures are checked: the signature dictionaries found
// by their /ByteRange in the raw bytes, the CMS inside /Contents, /M dates, the Document
// Security Store of a revision and the form's signature field names.
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { PdfFile, pdfText, streamBytes, type Revision } from '../pdf/pdf-revisions';

export interface Found {
  byteRange: [number, number, number, number];
  /** offset of the '<' of this dictionary's own /Contents */
  contentsAt: number;
  objectNumber: number | null;
  dictText: string;
  /** the ByteRange is not two ranges (four numbers) */
  malformed?: boolean;
}

/** Signature dictionaries, found by their /ByteRange in the raw bytes (they can never sit in object streams). */
export function findSignatures(pdf: Buffer): Found[] {
  const text = pdf.toString('latin1');
  const out: Found[] = [];
  // any list of numbers: a ByteRange of one range (or five numbers) is a signature that fails, not no signature
  for (const m of text.matchAll(/\/ByteRange\s*\[([\d\s]*)\]/g)) {
    const nums = m[1].trim().split(/\s+/).filter(Boolean).map(Number);
    if (nums.length < 2) continue;
    const objStart = text.lastIndexOf(' obj', m.index);
    const head = /(\d+)\s+\d+\s*$/.exec(text.slice(Math.max(0, objStart - 20), objStart));
    const end = text.indexOf('endobj', m.index);
    const contents = /\/Contents\s*</.exec(text.slice(objStart, end < 0 ? undefined : end));
    const contentsAt = contents ? objStart + contents.index + contents[0].length - 1 : -1;
    // an edited copy of a ByteRange is its own signature: tell them apart by their own /Contents
    if (out.some((f) => f.contentsAt === contentsAt)) continue;
    // the same object written again by a later revision (a catalogue holding a certification's
    // dictionary directly, rewritten; DSS-2601) with the same ByteRange and the same CMS is that
    // one signature, as EU DSS reads it; what else the rewrite changed is the diff analysis's
    const objectNumber = head ? Number(head[1]) : null;
    if (objectNumber !== null && out.some((f) => f.objectNumber === objectNumber && f.byteRange.join() === nums.join() && sameCms(text, f.contentsAt, contentsAt))) continue;
    out.push({
      contentsAt,
      byteRange: nums.length === 4 ? (nums as Found['byteRange']) : [nums[0], nums[1], nums[0] + nums[1], 0],
      malformed: nums.length !== 4,
      objectNumber,
      dictText: text.slice(objStart, end < 0 ? m.index + 4096 : end).replace(/\/Contents\s*<[0-9A-Fa-f\s]*>/, ''),
    });
  }
  return out.sort((a, b) => a.byteRange[2] + a.byteRange[3] - (b.byteRange[2] + b.byteRange[3]));
}

/** The CMS in the /Contents at `a` and at `b` are the same bytes (case, spacing and padding aside). */
function sameCms(text: string, a: number, b: number): boolean {
  if (a < 0 || b < 0) return false;
  const hex = (at: number) => text.slice(at + 1, text.indexOf('>', at)).replace(/\s+/g, '').toLowerCase().replace(/(00)+$/, '');
  return hex(a) === hex(b);
}

export const pdfDate = (s: string | null | undefined): Date | null => {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(s ?? '');
  if (!m) return null;
  const [y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m.slice(1);
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se);
  const off = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60000 : 0;
  return new Date(utc - off);
};

/** DER length of a CMS inside zero-padded /Contents. */
export function trimDer(b: Buffer): Buffer {
  const l = b[1];
  // BER with indefinite length (some signers write it): the parser finds the end itself
  if (b[0] !== 0x30 || l === 0x80) return b;
  if (l < 0x80) return b.subarray(0, 2 + l);
  const n = l & 0x7f;
  return b.subarray(0, 2 + n + b.subarray(2, 2 + n).readUIntBE(0, n));
}

export const N = (s: string) => PDFName.of(s);

/** Certificates, CRLs and OCSP responses of the Document Security Store of one revision. */
export function dssOf(file: PdfFile, rev: Revision) {
  const dss = file.dict(rev, file.catalog(rev)?.get(N('DSS')));
  const read = (key: string) =>
    ((file.deref(rev, dss?.get(N(key))) as PDFArray | undefined)?.asArray?.() ?? []).flatMap((r: PDFObject) => {
      const s = file.deref(rev, r);
      if (!(s instanceof PDFRawStream)) return [];
      try {
        return [streamBytes(s)];
      } catch {
        return [];
      }
    });
  return { present: !!dss, certs: read('Certs'), crls: read('CRLs'), ocsps: read('OCSPs') };
}

/** Field names (as pdfsig shows them) of the signature dictionaries a revision's form points at. */
export function signatureFields(file: PdfFile, rev: Revision): Map<number, { name: string; field: PDFDict }> {
  const out = new Map<number, { name: string; field: PDFDict }>();
  const walk = (arr: PDFObject | undefined, prefix: string, depth: number) => {
    if (depth > 20) return;
    for (const r of (file.deref(rev, arr) as PDFArray | undefined)?.asArray?.() ?? []) {
      const f = file.dict(rev, r);
      if (!f) continue;
      const t = pdfText(file.deref(rev, f.get(N('T'))));
      const name = t === null ? prefix.replace(/\.$/, '') : `${prefix}${t}`;
      const v = f.get(N('V'));
      if (v instanceof PDFRef) out.set(v.objectNumber, { name, field: f });
      walk(f.get(N('Kids')), t === null ? prefix : `${name}.`, depth + 1);
    }
  };
  walk(file.dict(rev, file.catalog(rev)?.get(N('AcroForm')))?.get(N('Fields')), '', 0);
  return out;
}
