// The ink map of a scanned page without rendering it: when page 1 paints nothing but one
// JPEG image, placed upright, the page at 72 dpi is that image scaled into its rectangle on
// white paper. sharp decodes the JPEG straight to that small size (libjpeg's shrink-on-load, then an area average),
// a few milliseconds where pdf.js decodes the full scan and draws it (~100 ms). Both average
// the scan down, so text, rules and the motto come out the same; they differ by a pixel at
// stroke edges (the placement keeps 4 pt clear around the box) and on lone specks of scanner
// noise, which pdf.js's sampling keeps or drops by chance. Anything else (text, vectors,
// masks, annotations, rotation, other filters) returns null: the caller renders.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFObject } from 'pdf-lib';
import sharp from 'sharp';
import { thenApply, type PdfMatrix } from '../../pdf-matrix';

/** Page pixels at 72 dpi that hold ink. */
export interface InkMap {
  /** 1 where there is ink, row by row */
  ink: Uint8Array;
  width: number;
  height: number;
}

/** Darker than this (0–255 grey) is ink: text, rules, the red motto lines. The one threshold for both paths. */
export const INK_BELOW = 200;

type Matrix = PdfMatrix;

/** The content of a page's /Contents (one stream or an array of them), decoded; null if a stream cannot be. */
function contentText(page: PDFDict): string | null {
  const raw = page.lookup(PDFName.of('Contents'));
  const streams = raw instanceof PDFArray ? raw.asArray().map((r) => page.context.lookup(r)) : raw ? [raw] : [];
  const parts: string[] = [];
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) return null;
    try {
      parts.push(Buffer.from(decodePDFRawStream(s).decode()).toString('latin1'));
    } catch {
      return null;
    }
  }
  return parts.join('\n');
}

/**
 * The one image the content paints and where (the matrix mapping its unit square), when the
 * content is only q, Q, cm and a single Do; null otherwise.
 */
export function soleImagePlacement(content: string): { name: string; m: Matrix } | null {
  const tokens = content.split(/[\s]+|(?=\/)/).filter(Boolean);
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const operands: string[] = [];
  let found: { name: string; m: Matrix } | null = null;
  for (const t of tokens) {
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) || t.startsWith('/')) {
      operands.push(t);
      continue;
    }
    if (t === 'q' && !operands.length) stack.push(ctm);
    else if (t === 'Q' && !operands.length && stack.length) ctm = stack.pop()!;
    else if (t === 'cm' && operands.length === 6 && operands.every((o) => !o.startsWith('/'))) ctm = thenApply(operands.map(Number), ctm);
    else if (t === 'Do' && operands.length === 1 && operands[0].startsWith('/') && !found) found = { name: operands[0].slice(1), m: ctm };
    else return null;
    operands.length = 0;
  }
  return operands.length ? null : found;
}

const numbers = (o: PDFObject | undefined) => (o instanceof PDFArray ? o.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN)) : null);

/** The page's JPEG if it is a plain one pdf.js would draw as it is (8-bit, grey or RGB, no mask or decode array). */
function plainJpeg(page: PDFDict, name: string): Buffer | null {
  const xobjects = (page.lookup(PDFName.of('Resources')) as PDFDict | undefined)?.lookup(PDFName.of('XObject'));
  const img = xobjects instanceof PDFDict ? xobjects.lookup(PDFName.of(name)) : undefined;
  if (!(img instanceof PDFRawStream)) return null;
  const d = img.dict;
  const filter = d.lookup(PDFName.of('Filter'));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
  if (d.lookup(PDFName.of('Subtype')) !== PDFName.of('Image') || only !== PDFName.of('DCTDecode')) return null;
  if (d.lookup(PDFName.of('BitsPerComponent'))?.toString() !== '8') return null;
  for (const k of ['SMask', 'Mask', 'Decode', 'ImageMask', 'SMaskInData', 'DecodeParms']) if (d.has(PDFName.of(k))) return null;
  const cs = d.lookup(PDFName.of('ColorSpace'));
  if (cs !== PDFName.of('DeviceRGB') && cs !== PDFName.of('DeviceGray')) return null;
  return Buffer.from(img.contents);
}

/** A page's box as [x0, y0, x1, y1], normalised; null if absent. */
function box(page: PDFDict, key: string): number[] | null {
  const b = numbers(page.lookup(PDFName.of(key)));
  if (!b || b.length !== 4 || b.some(Number.isNaN)) return null;
  return [Math.min(b[0], b[2]), Math.min(b[1], b[3]), Math.max(b[0], b[2]), Math.max(b[1], b[3])];
}

/** For each source pixel of a reduction from n to m (n ≥ m): its cell, and the share of it that falls there (the rest goes to the next). */
function cellsOf(n: number, m: number): { cell: Int32Array; share: Float32Array } {
  const cell = new Int32Array(n);
  const share = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor((i * m) / n);
    const edge = ((c + 1) * n) / m; // where cell c ends, in source pixels
    cell[i] = c;
    share[i] = edge >= i + 1 ? 1 : edge - i;
  }
  return { cell, share };
}

/**
 * The grey mean of an image (sw × sh, `channels` bytes a pixel, RGB weighted as luma) over each
 * cell of a w × h grid, partial pixels by their share: what pdf.js's halvings and final
 * smoothing come to. Needs sw ≥ w and sh ≥ h.
 */
export function areaAverage(src: Uint8Array, sw: number, sh: number, channels: number, w: number, h: number, rowsOut = h): Uint8Array {
  const xs = cellsOf(sw, w);
  const ys = cellsOf(sh, h);
  // only the source rows the first `rowsOut` cells cover (the source may hold no more)
  const used = Math.min(sh, Math.ceil((rowsOut * sh) / h), Math.floor(src.length / (sw * channels)));
  const rows = new Float32Array((w + 1) * used); // horizontal sums, one spare cell a row
  for (let y = 0; y < used; y++) {
    const base = y * (w + 1);
    for (let x = 0, i = y * sw * channels; x < sw; x++, i += channels) {
      const v = channels === 1 ? src[i] : (src[i] * 299 + src[i + 1] * 587 + src[i + 2] * 114) / 1000;
      const c = base + xs.cell[x];
      const a = v * xs.share[x];
      rows[c] += a;
      rows[c + 1] += v - a;
    }
  }
  const sums = new Float32Array(w * (h + 1));
  for (let y = 0; y < used; y++) {
    const c = ys.cell[y] * w;
    const f = ys.share[y];
    for (let x = 0, r = y * (w + 1); x < w; x++, r++) {
      const v = rows[r];
      const a = v * f;
      sums[c + x] += a;
      sums[c + w + x] += v - a;
    }
  }
  const out = new Uint8Array(w * rowsOut);
  const area = (sw / w) * (sh / h);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.round(sums[i] / area));
  return out;
}

/**
 * The JPEG in grey at `w` × `h`: libjpeg decodes it at 1/2, 1/4 or 1/8 straight away when
 * that still leaves at least `w` × `h`, and the rest is an area average. null if it is not a
 * plain grey or RGB JPEG.
 */
async function decodeSmall(jpeg: Buffer, w: number, h: number, rowsOut: number): Promise<Uint8Array | null> {
  try {
    const meta = await sharp(jpeg).metadata();
    if (meta.format !== 'jpeg' || (meta.channels !== 1 && meta.channels !== 3) || meta.space === 'cmyk' || !meta.width || !meta.height) return null;
    let f = 1;
    while (f < 8 && meta.width / (f * 2) >= w && meta.height / (f * 2) >= h) f *= 2;
    const img = sharp(jpeg, { failOn: 'none' });
    const sw = Math.ceil(meta.width / f);
    const sh = Math.ceil(meta.height / f);
    if (f > 1) img.resize(sw, sh, { fit: 'fill', kernel: 'nearest' });
    // the rows below what is asked for are never decoded (libvips reads the JPEG top down)
    const need = Math.min(sh, Math.ceil((rowsOut * sh) / h) + 1);
    if (need < sh) img.extract({ left: 0, top: 0, width: sw, height: need });
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    if (info.width < w || sh < h) return null; // a scan coarser than 72 dpi: pdf.js enlarges it
    return areaAverage(data, info.width, sh, info.channels, w, h, rowsOut);
  } catch {
    return null;
  }
}

/**
 * Page 1's ink map from its sole JPEG image, with its size in points; null when page 1 is not
 * such a scan. With `topShare` below 1 only that top share of the page is read (the rest of
 * the map is left as paper): the placement searches the top only.
 */
export async function inkMapFromPageImage(pdf: Buffer | PDFDocument, topShare = 1): Promise<{ map: InkMap; page: { width: number; height: number } } | null> {
  let doc: PDFDocument;
  try {
    doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false });
  } catch {
    return null; // encrypted or damaged: the renderer says which
  }
  if (doc.getPageCount() < 1) return null;
  const page = doc.getPage(0).node;
  const media = box(page, 'MediaBox');
  const crop = box(page, 'CropBox');
  if (!media || (crop && crop.some((v, i) => Math.abs(v - media[i]) > 0.01))) return null;
  if (((page.lookup(PDFName.of('Rotate')) as PDFNumber | undefined)?.asNumber() ?? 0) % 360 !== 0) return null;
  const annots = page.lookup(PDFName.of('Annots'));
  if (annots && !(annots instanceof PDFArray && annots.size() === 0)) return null;
  const content = contentText(page);
  const placed = content === null ? null : soleImagePlacement(content);
  if (!placed) return null;
  const [a, b, c, d, e, f] = placed.m;
  if (b !== 0 || c !== 0 || a <= 0 || d <= 0) return null; // turned, skewed or flipped: render
  const jpeg = plainJpeg(page, placed.name);
  if (!jpeg) return null;
  const width = Math.ceil(media[2] - media[0]);
  const height = Math.ceil(media[3] - media[1]);
  // the image's rectangle in pixels of the 72-dpi page, top-left origin
  const left = Math.round(e - media[0]);
  const top = Math.round(media[3] - (f + d));
  const w = Math.round(a);
  const h = Math.round(d);
  if (w < 1 || h < 1) return null;
  const rowsOut = Math.max(0, Math.min(h, Math.ceil(height * topShare) - top));
  const grey = rowsOut > 0 ? await decodeSmall(jpeg, w, h, rowsOut) : new Uint8Array(0);
  if (!grey) return null;
  const ink = new Uint8Array(width * height);
  for (let y = Math.max(0, top); y < Math.min(height, top + rowsOut); y++) {
    const row = (y - top) * w - left;
    for (let x = Math.max(0, left); x < Math.min(width, left + w); x++) ink[y * width + x] = grey[row + x] < INK_BELOW ? 1 : 0;
  }
  return { map: { ink, width, height }, page: { width: media[2] - media[0], height: media[3] - media[1] } };
}
