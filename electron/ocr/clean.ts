// Page clean-up before OCR, with sharp. The original stays untouched: the result is a
// geometry (quarter-turn, skew, crop) that the searchable PDF applies to the original
// image, plus a contrast-normalised grey image for OCR and a small colour preview.
// The steps: decode the page once and keep its red band → measure border and skew on a small
// upright copy → measure what border is left after the deskew, on that copy → turn, trim,
// deskew, crop and stretch the full page in one pass (warp.ts) → the copy recognition reads
// (read-size.ts), the preview (shrunk from the same decoded pixels) and the QR places.
import type sharp from 'sharp';
import { clampRect, colourPreview, grey, rawImage, turnBy, type GreyImage, type PageTurn, type Rect } from './clean-image';
import { darkBorder, estimateSkew, inkThreshold, inside, isBlank, speckled, stretch, type Box } from './page-analysis';
import { median3 } from './median';
import { pageDpi } from './page-dpi';
import { qrInputs } from './qr';
import { readScale, type ReadImage } from './read-size';
import { deskewCanvas, stretchTable, warpPage } from './warp';

export { clampRect, type GreyImage, type Rect } from './clean-image';
export { darkBorder, estimateSkew, isBlank, otsuLevel, speckled } from './page-analysis';

export interface Geometry {
  /** original size in pixels (after the file's own EXIF orientation) */
  width: number;
  height: number;
  /** clockwise quarter-turn that makes the page upright */
  rotation: 0 | 90 | 180 | 270;
  /** the part of the turned page kept before the deskew (a straight dark border cut off) */
  trim: Rect;
  /** small skew found, in degrees, counter-clockwise positive; corrected by turning clockwise */
  skew: number;
  /** size of the canvas after the turn and the deskew, in pixels */
  canvas: { width: number; height: number };
  /** the part of that canvas kept (dark scanner borders cut off) */
  crop: Rect;
}

/** What the clean-up finds, every part plain data (it crosses to and from worker threads). */
export interface CleanedPage {
  geometry: Geometry;
  blank: boolean;
  /** grey (red channel), contrast-normalised pixels of the kept part at full size: line boxes and re-reads are in its pixels */
  ocrImage: GreyImage;
  /** the same at the resolution recognition reads (no finer than READ_DPI), with its scale to ocrImage */
  readImage: ReadImage;
  /** colour JPEG of the kept part, 1240 px wide, for the review screen */
  preview: Buffer;
  /** the places a QR code may be, cut from the kept part at a 1000-pixel page width */
  qrInputs: GreyImage[];
}

export interface CleanPage extends CleanedPage {
  /** the page, small and not turned, for orientation detection, with its resolution (made on demand) */
  orientationImage: () => Promise<{ png: Buffer; dpi: number }>;
}

export interface CleanOptions {
  /** a turn chosen by the user; skips orientation detection */
  rotation?: 0 | 90 | 180 | 270;
  /** the original's resolution, when known */
  dpi?: number | null;
  /** keep the page as drawn (no trim, deskew or crop): a born-digital page whose text layer gives the boxes */
  asDrawn?: boolean;
}

export const PREVIEW_WIDTH = 1240;
/** the small copy every measurement (skew, border, blank, contrast) is made on */
const SMALL_SIDE = 1200;
/** orientation detection needs letters a little larger */
const OSD_SIDE = 1700;
const MIN_DESKEW = 0.3;

/** The page decoded once at full size: its red band, and where its colour comes from for the preview. */
interface DecodedPage {
  width: number;
  height: number;
  /** Everything but the preview works on the red band: red stamps and seals turn light there
   * while black print stays black — and it is a third of the pixels to move. */
  red: Buffer;
  /** the colour page for the preview, which shrinks it first */
  colour: () => sharp.Sharp;
  /** a grey or bilevel scan: one band, and a grey preview */
  isGrey: boolean;
}

export async function cleanPage(input: sharp.Sharp, opts: CleanOptions = {}): Promise<CleanPage> {
  const page = await decodePage(input);
  return { ...(await cleanDecoded(page, opts)), orientationImage: () => orientationCopy(page, opts.dpi) };
}

/** The clean-up without the on-demand orientation copy (what a worker hands back). */
export async function cleanPageData(input: sharp.Sharp, opts: CleanOptions = {}): Promise<CleanedPage> {
  return cleanDecoded(await decodePage(input), opts);
}

/** The small, unturned red-band copy orientation detection reads, decoded again from the input. */
export async function orientationImage(input: sharp.Sharp, dpi?: number | null): Promise<{ png: Buffer; dpi: number }> {
  return orientationCopy(await decodePage(input), dpi);
}

async function cleanDecoded(page: DecodedPage, opts: CleanOptions): Promise<CleanedPage> {
  // a page is assumed upright; the pipeline asks for orientation detection only when OCR
  // reads it badly, and cleans it again with the turn found
  const rotation = opts.rotation ?? 0;
  const outer = await measureOuter(page, rotation, !!opts.asDrawn);
  const turn = fullSizeTurn(page, rotation, outer);
  const canvas = deskewCanvas(turn.trim, turn.skew);
  const inner = await measureInner(outer, canvas, !!opts.asDrawn);
  const [inkScale, inkOffset] = stretch(inner.analysis);
  const red: GreyImage = { data: page.red, width: page.width, height: page.height };
  // turn, trim, deskew, crop and stretch in one pass; corners opened by the deskew are white
  const ocr = despeckle(red, warpPage(red, { rotation, trim: turn.trim, skew: turn.skew, canvas, crop: inner.crop }, stretchTable(inkScale, inkOffset)));
  const kept = { left: 0, top: 0, width: ocr.width, height: ocr.height };
  const [read, preview, qr] = await Promise.all([
    opts.asDrawn ? { ...ocr, scale: 1 } : readCopy(ocr, pageDpi(opts.dpi, page.width)),
    colourPreview(page.colour(), { width: page.width, height: page.height, rotation, trim: turn.trim, skew: turn.skew, crop: inner.crop }, PREVIEW_WIDTH, page.isGrey),
    qrInputs(ocr, inner.analysis, inner.border, kept),
  ]);
  return {
    geometry: { width: page.width, height: page.height, rotation, trim: turn.trim, skew: turn.skew, canvas, crop: inner.crop },
    blank: isBlank(inner.analysis, inner.border, inkThreshold(inkScale, inkOffset)),
    ocrImage: ocr,
    readImage: read,
    preview,
    qrInputs: qr,
  };
}

async function decodePage(input: sharp.Sharp): Promise<DecodedPage> {
  const m = await input.metadata();
  if (m.channels === 1) {
    // a grey or bilevel scan: one band is all there is, for the preview too
    const { data, info } = await input.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, red: data, colour: () => rawImage(data, info.width, info.height), isGrey: true };
  }
  // decoded once in colour: the red band is split off it, and the preview shrinks the same
  // pixels (decoding a JPEG again, even at half size, cost more than the full decode itself)
  const { data, info } = await input.flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const red = await rawImage(data, info.width, info.height, 3).extractChannel(0).raw().toBuffer();
  return { width: info.width, height: info.height, red, colour: () => rawImage(data, info.width, info.height, 3), isGrey: false };
}

/** The small upright copy, the dark border around the paper and the skew of the paper inside it. */
interface OuterMeasure {
  upright: GreyImage;
  border: Box;
  skew: number;
}

const wholeOf = (g: GreyImage): Box => ({ left: 0, top: 0, right: g.width, bottom: g.height });

async function measureOuter(page: DecodedPage, rotation: number, asDrawn: boolean): Promise<OuterMeasure> {
  const shrink = Math.min(1, SMALL_SIDE / Math.max(page.width, page.height));
  const small = await grey(rawImage(page.red, page.width, page.height).resize({ width: Math.round(page.width * shrink), kernel: 'linear' }));
  const upright = rotation ? await grey(rawImage(small.data, small.width, small.height).rotate(rotation)) : small;
  if (asDrawn) return { upright, border: wholeOf(upright), skew: 0 };
  // a scanner's dark border is straight: cut it first, then measure the skew of the paper inside
  const border = darkBorder(upright);
  // tesseract reads a fraction of a degree as well as straight: only a visible skew is worth
  // turning the whole page for
  const measured = estimateSkew(inside(upright, border));
  return { upright, border, skew: Math.abs(measured) >= MIN_DESKEW ? measured : 0 };
}

/** The outer border and skew, found on the small copy, as the full-size turn, trim and deskew. */
function fullSizeTurn(page: DecodedPage, rotation: number, outer: OuterMeasure): PageTurn {
  const turnedW = rotation % 180 ? page.height : page.width;
  const turnedH = rotation % 180 ? page.width : page.height;
  const scale = turnedW / outer.upright.width;
  const b = outer.border;
  const trim = clampRect(
    { left: Math.round(b.left * scale), top: Math.round(b.top * scale), width: Math.round((b.right - b.left) * scale), height: Math.round((b.bottom - b.top) * scale) },
    turnedW,
    turnedH,
  );
  return { turnedSize: { w: turnedW, h: turnedH }, rotation, trim, skew: outer.skew };
}

/** The small copy of the trimmed, deskewed paper, what is left of a border on it, and the crop it gives. */
interface InnerMeasure {
  analysis: GreyImage;
  border: Box;
  /** the kept part, in canvas pixels */
  crop: Rect;
}

async function measureInner(outer: OuterMeasure, canvas: { width: number; height: number }, asDrawn: boolean): Promise<InnerMeasure> {
  // what is left of a border after the deskew, on the small copy turned the same way
  const paper = inside(outer.upright, outer.border);
  const analysis = outer.skew ? await grey(turnBy(rawImage(paper.data, paper.width, paper.height), outer.skew)) : paper;
  const border = asDrawn ? wholeOf(analysis) : darkBorder(analysis);
  const scale = canvas.width / analysis.width;
  const crop = clampRect(
    { left: Math.round(border.left * scale), top: Math.round(border.top * scale), width: Math.round((border.right - border.left) * scale), height: Math.round((border.bottom - border.top) * scale) },
    canvas.width,
    canvas.height,
  );
  return { analysis, border, crop };
}

/**
 * Scanner specks: a 3×3 median removes them without eating strokes at 200–300 dpi, only where
 * the original shows specks (median.ts). The stretch is monotonic, so the median after it is the
 * median before it.
 */
function despeckle(original: GreyImage, kept: GreyImage): GreyImage {
  return speckled(original) ? median3(kept) : kept;
}

/** The kept part at the resolution recognition reads best (READ_DPI at most); the same image when it is already no finer. */
async function readCopy(ocr: GreyImage, dpi: number): Promise<ReadImage> {
  const scale = readScale(dpi);
  if (scale === 1) return { ...ocr, scale };
  const { data, info } = await rawImage(ocr.data, ocr.width, ocr.height).resize({ width: Math.max(1, Math.round(ocr.width * scale)) }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, scale: info.width / ocr.width };
}

// tesseract's orientation detection reads the resolution from the file itself
async function orientationCopy(page: DecodedPage, dpi?: number | null): Promise<{ png: Buffer; dpi: number }> {
  const shrink = Math.min(1, OSD_SIDE / Math.max(page.width, page.height));
  const copyDpi = Math.max(70, Math.round((dpi ?? 300) * shrink));
  const png = await rawImage(page.red, page.width, page.height).resize({ width: Math.round(page.width * shrink) }).withMetadata({ density: copyDpi }).png().toBuffer();
  return { png, dpi: copyDpi };
}
