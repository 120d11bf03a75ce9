// The searchable PDF of a document, as OCRmyPDF makes it: each page shows the ORIGINAL image
// (JPEG and PNG data copied as they are, a scanned PDF's page copied whole), placed with the
// clean-up's turn, deskew and crop as a transform, under an invisible text layer (render
// mode 3) positioned from the OCR word boxes in an embedded Vietnamese font subset; with
// Info and XMP metadata and an sRGB output intent, aiming at PDF/A-2b.
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFHexString,
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import sharp from 'sharp';
import { assetPath } from '../paths';
import { thenApply, type PdfMatrix } from '../pdf-matrix';
import type { Geometry } from './clean';
import type { OcrLine } from './pool';
import { describePdf, type PdfMetadata } from './pdf-metadata';

/** Where a page's pixels come from. */
export type PageSource =
  | { kind: 'jpeg' | 'png'; bytes: Buffer }
  /** a TIFF page (or anything else sharp reads) that must be re-encoded: JPEG, or 1-bit PNG for bilevel */
  | { kind: 'raster'; bytes: Buffer; page: number }
  | { kind: 'pdf'; bytes: Buffer; page: number; renderDpi: number };

export interface SearchablePage {
  source: PageSource;
  geometry: Geometry;
  /** pixels per inch of the original image */
  dpi: number;
  lines: OcrLine[];
}

type M = PdfMatrix;
const translate = (x: number, y: number): M => [1, 0, 0, 1, x, y];
const scale = (sx: number, sy: number): M => [sx, 0, 0, sy, 0, 0];

/**
 * Original pixel (x right, y down) → OCR-image pixel: the clockwise quarter-turn, the trim,
 * the deskew about the centre (canvas grows to hold the corners), the crop.
 */
export function pixelTransform(g: Geometry): M {
  const { width: W, height: H } = g;
  const turn: M = {
    0: [1, 0, 0, 1, 0, 0] as M,
    90: [0, 1, -1, 0, H, 0] as M, // (x,y) → (H - y, x)
    180: [-1, 0, 0, -1, W, H] as M,
    270: [0, -1, 1, 0, 0, W] as M, // (x,y) → (y, W - x)
  }[g.rotation];
  let m = thenApply(turn, translate(-g.trim.left, -g.trim.top));
  if (g.skew) {
    const a = (g.skew * Math.PI) / 180;
    const [c, s] = [Math.cos(a), Math.sin(a)];
    // clockwise in y-down pixels: x' = x cos − y sin, y' = x sin + y cos
    m = thenApply(m, translate(-g.trim.width / 2, -g.trim.height / 2));
    m = thenApply(m, [c, s, -s, c, 0, 0]);
    m = thenApply(m, translate(g.canvas.width / 2, g.canvas.height / 2));
  }
  return thenApply(m, translate(-g.crop.left, -g.crop.top));
}

/**
 * fontkit with the text-layer font parsed once per process: pdf-lib parses the font for every
 * document otherwise, which costs as much as the rest of the PDF. Subsets are still made per
 * document from the shared (read-only) parsed font.
 */
let textFont: { bytes: Buffer; parsed: unknown } | null = null;
const cachingFontkit = {
  ...fontkit,
  create(data: Uint8Array, postscriptName?: string) {
    if (textFont && data === textFont.bytes) return textFont.parsed;
    return fontkit.create(data as Buffer, postscriptName);
  },
} as typeof fontkit;
function textFontBytes(): Buffer {
  if (!textFont) {
    const bytes = fs.readFileSync(assetPath('fonts', 'LiberationSans-Regular.ttf'));
    textFont = { bytes, parsed: fontkit.create(bytes) };
  }
  return textFont.bytes;
}

export async function buildSearchablePdf(pages: SearchablePage[], meta: PdfMetadata): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(cachingFontkit);
  const font = await pdf.embedFont(textFontBytes(), { subset: true });
  const sources = new Map<Buffer, PDFDocument>();
  for (const p of pages) {
    const s = 72 / p.dpi; // OCR pixels → points
    const pageW = p.geometry.crop.width * s;
    const pageH = p.geometry.crop.height * s;
    const page = pdf.addPage([pageW, pageH]);
    // OCR pixel (y down) → page point (y up)
    const toPage: M = thenApply(scale(s, -s), translate(0, pageH));
    const px = thenApply(pixelTransform(p.geometry), toPage);
    await drawSource(pdf, page, p, px, sources);
    // a page that has its own text layer keeps it: no second, invisible one
    drawText(page, font, p.lines.filter((l) => !l.words.every((w) => w.from === 'text')), toPage, s);
  }
  await describePdf(pdf, meta);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

async function drawSource(pdf: PDFDocument, page: PDFPage, p: SearchablePage, px: M, sources: Map<Buffer, PDFDocument>) {
  const { width: W, height: H } = p.geometry;
  let name: PDFName;
  let unit: M; // the object's own space → original pixels
  if (p.source.kind === 'pdf') {
    let src = sources.get(p.source.bytes);
    if (!src) sources.set(p.source.bytes, (src = await PDFDocument.load(p.source.bytes, { updateMetadata: false })));
    const [embedded] = await pdf.embedPages([src.getPage(p.source.page - 1)]);
    const k = p.source.renderDpi / 72;
    name = page.node.newXObject('P', embedded.ref);
    // form space is in points, y up, from the page's lower-left
    unit = [k, 0, 0, -k, 0, embedded.height * k];
  } else {
    const ref = await embedImage(pdf, p.source);
    name = page.node.newXObject('Im', ref);
    unit = [W, 0, 0, -H, 0, H]; // unit square, y up → pixels, y down
  }
  const m = thenApply(unit, px);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...m), drawObject(name), popGraphicsState());
}

/** The image as an XObject, keeping the scanner's own compressed data where PDF can carry it. */
async function embedImage(pdf: PDFDocument, src: Exclude<PageSource, { kind: 'pdf' }>): Promise<PDFRef> {
  switch (src.kind) {
    case 'jpeg': {
      const meta = await sharp(src.bytes).metadata();
      // an EXIF-turned JPEG is shown turned by viewers but not by PDF: re-encode only then
      if (!meta.orientation || meta.orientation === 1) return (await pdf.embedJpg(src.bytes)).ref;
      return (await pdf.embedJpg(await sharp(src.bytes).rotate().jpeg({ quality: 90 }).toBuffer())).ref;
    }
    case 'png':
      return pngAsIs(pdf, src.bytes) ?? (await pdf.embedPng(src.bytes)).ref;
    case 'raster': {
      const img = sharp(src.bytes, { page: src.page }).rotate();
      const m = await img.metadata();
      if ((m.channels ?? 3) === 1 && m.bitsPerSample === 1) {
        const png = await img.png({ colours: 2, palette: false }).toColourspace('b-w').toBuffer();
        return pngAsIs(pdf, png) ?? (await pdf.embedPng(png)).ref;
      }
      return (await pdf.embedJpg(await img.flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer())).ref;
    }
  }
}

/**
 * A non-interlaced grey or RGB PNG without alpha goes in unchanged: its zlib data with the PNG
 * predictors is a valid FlateDecode stream (as img2pdf does). Null when the PNG is not such.
 */
function pngAsIs(pdf: PDFDocument, png: Buffer): PDFRef | null {
  let pos = 8;
  let ihdr: Buffer | null = null;
  const idat: Buffer[] = [];
  let plte: Buffer | null = null;
  while (pos + 8 <= png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') return null;
    pos += 12 + len;
  }
  if (!ihdr) return null;
  const [width, height, depth, colour, interlace] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[12]];
  if (interlace !== 0 || ![0, 2, 3].includes(colour) || depth > 8) return null;
  const colours = colour === 2 ? 3 : 1;
  let colourSpace: unknown = colour === 2 ? 'DeviceRGB' : 'DeviceGray';
  if (colour === 3) {
    if (!plte) return null;
    colourSpace = [PDFName.of('Indexed'), PDFName.of('DeviceRGB'), plte.length / 3 - 1, PDFHexString.of(plte.toString('hex'))];
  }
  const dict = pdf.context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: depth,
    ColorSpace: typeof colourSpace === 'string' ? colourSpace : pdf.context.obj(colourSpace as Parameters<typeof pdf.context.obj>[0]),
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colours, BitsPerComponent: depth, Columns: width },
  });
  return pdf.context.register(PDFRawStream.of(dict, Buffer.concat(idat)));
}

/** One invisible run per word, stretched to the word's box so selection matches the image. */
function drawText(page: PDFPage, font: PDFFont, lines: OcrLine[], toPage: M, s: number) {
  if (!lines.length) return;
  const fontName = page.node.newFontDictionary('F', font.ref);
  const ops = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of lines) {
    const size = Math.max(1, (line.bbox.y1 - line.bbox.y0) * s * 0.9);
    // baseline a fifth of the line height above its bottom (descenders)
    const baseY = line.bbox.y1 - (line.bbox.y1 - line.bbox.y0) * 0.2;
    line.words.forEach((w, i) => {
      const text = i < line.words.length - 1 ? `${w.text} ` : w.text;
      const natural = font.widthOfTextAtSize(text, size);
      const target = ((i < line.words.length - 1 ? line.words[i + 1].bbox.x0 : w.bbox.x1) - w.bbox.x0) * s;
      if (natural <= 0 || target <= 0) return;
      const x = w.bbox.x0 * toPage[0] + toPage[4];
      const y = baseY * toPage[3] + toPage[5];
      ops.push(setFontAndSize(fontName, size), setCharacterSqueeze((100 * target) / natural), setTextMatrix(1, 0, 0, 1, x, y), showText(font.encodeText(text)));
    });
  }
  ops.push(endText());
  page.pushOperators(...ops);
}
