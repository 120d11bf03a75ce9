// Reading streams of a PDF the revision reader parses itself: pdf-lib's object parser made to
// find the end of a stream quickly, and a stream's decoded bytes.
import zlib from 'node:zlib';
import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, type PDFObject, type PDFRawStream } from 'pdf-lib';

/** The context parsed objects belong to; they are only read, never written out. */
export const readContext = PDFContext.create();

/**
 * pdf-lib's object parser, with a fast end-of-stream search for streams whose /Length is an
 * indirect reference (the parser cannot follow it and otherwise walks the data byte by byte).
 */
export function parser(bytes: Buffer) {
  const p = PDFObjectParser.forBytes(bytes, readContext);
  const stream = (p as unknown as { bytes: { offset(): number; moveTo(o: number): void } }).bytes;
  (p as unknown as { findEndOfStreamFallback: () => number }).findEndOfStreamFallback = () => {
    const start = stream.offset();
    const i = bytes.indexOf('endstream', start, 'latin1');
    if (i < 0) throw new Error('thiếu endstream');
    let end = i;
    if (bytes[end - 1] === 0x0a) end--;
    if (bytes[end - 1] === 0x0d) end--;
    stream.moveTo(i + 9);
    return Math.max(start, end);
  };
  return p;
}
const name = (s: string) => PDFName.of(s);
const num = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : undefined);

/** A stream's decoded bytes (Flate with PNG predictors; other filters left as they are). */
export function streamBytes(s: PDFRawStream): Buffer {
  const raw = Buffer.from(s.contents);
  const filter = s.dict.get(name('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray().map(String) : filter ? [String(filter)] : [];
  if (!filters.length) return raw;
  if (filters.length > 1 || filters[0] !== '/FlateDecode') throw new Error(`bộ lọc ${filters.join(',')} chưa được hỗ trợ`);
  let out: Buffer;
  try {
    out = zlib.inflateSync(raw);
  } catch {
    out = zlib.inflateSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  }
  const parms = s.dict.get(name('DecodeParms'));
  const p = parms instanceof PDFDict ? parms : parms instanceof PDFArray ? (parms.get(0) as PDFDict) : undefined;
  const predictor = num(p?.get(name('Predictor'))) ?? 1;
  if (predictor < 10) return out;
  const cols = (num(p?.get(name('Columns'))) ?? 1) * (num(p?.get(name('Colors'))) ?? 1);
  const row = cols + 1;
  const res = Buffer.alloc(Math.floor(out.length / row) * cols);
  for (let r = 0; r * row < out.length - cols; r++) {
    const type = out[r * row];
    for (let c = 0; c < cols; c++) {
      const x = out[r * row + 1 + c];
      const left = c > 0 ? res[r * cols + c - 1] : 0;
      const up = r > 0 ? res[(r - 1) * cols + c] : 0;
      const ul = r > 0 && c > 0 ? res[(r - 1) * cols + c - 1] : 0;
      let v = x;
      if (type === 1) v = x + left;
      else if (type === 2) v = x + up;
      else if (type === 3) v = x + ((left + up) >> 1);
      else if (type === 4) {
        const pa = Math.abs(up - ul), pb = Math.abs(left - ul), pc = Math.abs(left + up - 2 * ul);
        v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : ul);
      }
      res[r * cols + c] = v & 255;
    }
  }
  return res;
}
