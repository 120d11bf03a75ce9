// One file through the page pipeline: every page rasterised (PDF pages by pdf.js at 300 dpi),
// cleaned, OCRed in the worker pool and searched for a QR code. Pages run concurrently, as
// many as the pool has workers. Rendering, clean-up and QR search run in worker threads
// (electron/workers/): this thread only routes pages between them and tesseract.js.
import sharp from 'sharp';
import type { FileKind } from '../capture/sniff';
import type { CleanPage, Geometry, GreyImage } from './clean';
import { PageNotStarted, type OcrLine, type OcrPool, type OcrResult } from './pool';
import { rereadDigits, type DigitReading } from './digits';
import { rereadSignatureBlock } from './signature-reread';
import { pageDpi, paperResolution } from './page-dpi';
import { recognizeReadCopy } from './read-size';
import { cleanInWorker, firstQrInWorker, openPdfInWorker, type PageImage, type PdfPages } from '../workers/page-work';
import type { PageSource } from './searchable-pdf';

export const PDF_RENDER_DPI = 300;
/** a page read with less mean confidence than this may be turned: ask orientation detection */
const RETRY_BELOW = 60;
/** tesseract's orientation confidence worth acting on */
const MIN_OSD_CONFIDENCE = 1.5;

export interface PageOcr {
  index: number; // 1-based
  text: string;
  confidence: number;
  /** resolution of the original image: a scanned PDF page's is its image's pixels over the page size; null when unknown */
  dpi: number | null;
  /** pixel density of the image the geometry and line boxes refer to (a PDF page's rendering) */
  pixelDpi: number;
  /** the lines come from the PDF's own text layer, not from OCR */
  fromText: boolean;
  geometry: Geometry;
  blank: boolean;
  lines: OcrLine[];
  /** size of the OCR image, which the line boxes refer to */
  size: { width: number; height: number };
  preview: Buffer;
  qr: string | null;
  source: PageSource;
  /** hand-written or unsure digits read again, with what each reader made of them */
  digits: DigitReading[];
}

export interface PageRequest {
  /** 1-based page of the file */
  page: number;
  /** a turn the user chose instead of detection */
  rotation?: 0 | 90 | 180 | 270;
}

/** Cleans and reads the requested pages (all when omitted) of one file. */
export async function ocrFile(
  bytes: Buffer,
  kind: FileKind,
  file: string,
  pool: OcrPool,
  opts: { pages?: PageRequest[]; onPage?: (p: PageOcr) => void | Promise<void>; cancelled?: () => boolean; /** re-read unsure digits and a doubtful signature block (default) */ reread?: boolean } = {},
): Promise<PageOcr[]> {
  const pdf = kind === 'pdf' ? await openPdfInWorker(bytes, file) : null;
  try {
    const count = pdf ? pdf.pageCount : kind === 'tiff' ? (await sharp(bytes).metadata()).pages ?? 1 : 1;
    const wanted = opts.pages ?? Array.from({ length: count }, (_, i) => ({ page: i + 1 }));
    const results: PageOcr[] = [];
    let next = 0;
    const lane = async () => {
      while (next < wanted.length && !opts.cancelled?.()) {
        const req = wanted[next++];
        let r: PageOcr;
        try {
          r = await ocrPage(bytes, kind, req, pool, pdf, opts.reread ?? true, opts.cancelled);
        } catch (e) {
          if (e instanceof PageNotStarted) return; // stopped while waiting for a worker
          throw e;
        }
        results.push(r);
        await opts.onPage?.(r);
      }
    };
    await Promise.all(Array.from({ length: pool.lanes }, lane));
    return results.sort((a, b) => a.index - b.index);
  } finally {
    await pdf?.close();
  }
}

/** A page's image and what is known of it before the clean-up. */
interface PageInput {
  image: PageImage;
  /** the original's resolution (a scanned PDF page's image over the page size), null when unknown */
  dpi: number | null;
  /** a PDF page's rendering resolution */
  renderDpi: number | null;
  source: PageSource;
  /** the PDF page's own text, when it carries real text */
  text: OcrLine[] | null;
}

async function pageInput(bytes: Buffer, kind: FileKind, req: PageRequest, pdf: PdfPages | null): Promise<PageInput> {
  if (pdf) {
    const r = await pdf.render(req.page, PDF_RENDER_DPI);
    return {
      image: { bytes: r.png },
      dpi: await pdf.scanDpi(req.page),
      renderDpi: r.dpi,
      source: { kind: 'pdf', bytes, page: req.page, renderDpi: r.dpi },
      // a page that carries real text is tagged from it; the rendering is only its picture
      text: req.rotation === undefined ? await pdf.textLines(req.page, r.dpi) : null,
    };
  }
  const page = kind === 'tiff' ? req.page - 1 : 0;
  const m = await sharp(bytes, { page }).metadata();
  return {
    image: { bytes, page, exifTurn: true, limitInputPixels: 150_000_000 },
    // a stated resolution that makes the page larger than any paper is replaced by the paper's
    dpi: paperResolution(m.density, m.width ?? 0, m.pageHeight ?? m.height ?? 0)?.dpi ?? null,
    renderDpi: null,
    source: kind === 'tiff' ? { kind: 'raster', bytes, page } : { kind: kind as 'jpeg' | 'png', bytes },
    text: null,
  };
}

async function ocrPage(bytes: Buffer, kind: FileKind, req: PageRequest, pool: OcrPool, pdf: PdfPages | null, reread: boolean, cancelled?: () => boolean): Promise<PageOcr> {
  const input = await pageInput(bytes, kind, req, pdf);
  const { image, dpi, renderDpi, source } = input;
  // a scan without a resolution is taken as A4 width, so tesseract sizes its text sensibly
  const ocrDpi = (c: CleanPage) => renderDpi ?? pageDpi(dpi, c.geometry.width);
  if (input.text) return textPage(req, input as PageInput & { text: OcrLine[]; renderDpi: number });
  const cleanOpts = { dpi: renderDpi ?? dpi };
  let clean: CleanPage = await cleanInWorker(image, { ...cleanOpts, rotation: req.rotation });
  // the QR search runs in a worker thread while tesseract reads the page (a QR code reads in any orientation)
  const qrFirst = firstQrInWorker(clean.qrInputs);
  qrFirst.catch(() => {}); // awaited below; a page that fails first must not leave it unhandled
  // a stop before a worker takes the page leaves it unread; once read, the page is finished
  if (clean.blank && cancelled?.()) throw new PageNotStarted();
  let ocr: OcrResult = clean.blank ? { text: '', confidence: 0, lines: [] } : await recognizeReadCopy(pool, clean.readImage, ocrDpi(clean), cancelled);
  // pages are fed upright almost always: orientation detection runs only when the page reads
  // badly, and a turned page is cleaned and read again the right way up
  if (!clean.blank && req.rotation === undefined && ocr.confidence < RETRY_BELOW) {
    const small = await clean.orientationImage();
    const o = await pool.orientation(small.png, small.dpi);
    if (o.confidence >= MIN_OSD_CONFIDENCE && [90, 180, 270].includes(o.degrees)) {
      const turned = await cleanInWorker(image, { ...cleanOpts, rotation: o.degrees as 90 | 180 | 270 });
      const again = await recognizeReadCopy(pool, turned.readImage, ocrDpi(turned));
      if (again.confidence > ocr.confidence) [clean, ocr] = [turned, again];
    }
  }
  let digits: DigitReading[] = [];
  let signature = false;
  if (!clean.blank) {
    await rereadNumber(pool, clean.ocrImage, ocr.lines, ocrDpi(clean), clean.geometry.crop.height);
    if (reread) {
      digits = await rereadDigits(pool, clean.ocrImage, ocr.lines, ocrDpi(clean));
      signature = await rereadSignatureBlock(pool, clean.ocrImage, ocr.lines, ocrDpi(clean));
    }
  }
  const { width, height } = clean.geometry.crop;
  return {
    index: req.page,
    // what was read again is in the lines, not in tesseract's own text of the page
    text: readingOrder(ocr.lines, width, height) ?? (digits.some((d) => d.chosen) || signature ? ocr.lines.map((l) => l.text).join('\n') : ocr.text.trim()),
    confidence: Math.round(ocr.confidence),
    dpi,
    pixelDpi: ocrDpi(clean),
    fromText: false,
    geometry: clean.geometry,
    blank: clean.blank,
    lines: ocr.lines,
    size: { width, height },
    preview: clean.preview,
    qr: await qrFirst,
    source,
    digits,
  };
}

/**
 * The page's text column by column: below the header, a run of half-width lines on both sides
 * (a two-column body, or "Nơi nhận" beside the signature block) is read left column first,
 * where tesseract would give it line by line across. Null when there is no such run.
 */
export function readingOrder(lines: OcrLine[], width: number, height: number): string | null {
  // tesseract may join the two columns' lines across a narrow gutter: cut them there again
  const cut = lines.flatMap((l) => {
    const h = l.bbox.y1 - l.bbox.y0 || 1;
    const i = l.words.findIndex((w, k) => k > 0 && w.bbox.x0 - l.words[k - 1].bbox.x1 > h * 0.8 && l.words[k - 1].bbox.x1 < width * 0.55 && w.bbox.x0 > width * 0.45);
    if (i < 0) return [l];
    const part = (ws: typeof l.words): OcrLine => ({ text: ws.map((w) => w.text).join(' '), conf: l.conf, words: ws, bbox: { x0: ws[0].bbox.x0, y0: l.bbox.y0, x1: ws[ws.length - 1].bbox.x1, y1: l.bbox.y1 } });
    return [part(l.words.slice(0, i)), part(l.words.slice(i))];
  });
  const sorted = cut.sort((a, b) => a.bbox.y0 - b.bbox.y0);
  const side = (l: OcrLine) => (l.bbox.x1 < width * 0.55 ? 'left' : l.bbox.x0 > width * 0.45 ? 'right' : 'full');
  const out: string[] = [];
  let band: OcrLine[] = [];
  let changed = false;
  const flush = () => {
    const left = band.filter((l) => side(l) === 'left');
    const right = band.filter((l) => side(l) === 'right');
    if (left.length >= 3 && right.length >= 3) {
      out.push(...left.map((l) => l.text), ...right.map((l) => l.text));
      changed = true;
    } else out.push(...band.map((l) => l.text));
    band = [];
  };
  for (const l of sorted) {
    if (l.bbox.y0 > height * 0.2 && side(l) !== 'full') band.push(l);
    else {
      flush();
      out.push(l.text);
    }
  }
  flush();
  return changed ? out.join('\n') : null;
}

/** A page read from its text layer: drawn as it is (no deskew or crop), nothing recognised. */
async function textPage(req: PageRequest, input: PageInput & { text: OcrLine[]; renderDpi: number }): Promise<PageOcr> {
  const clean = await cleanInWorker(input.image, { rotation: 0, dpi: input.renderDpi, asDrawn: true });
  return {
    index: req.page,
    text: input.text.map((l) => l.text).join('\n'),
    confidence: 99,
    dpi: input.dpi,
    pixelDpi: input.renderDpi,
    fromText: true,
    geometry: clean.geometry,
    blank: false,
    lines: input.text,
    size: { width: clean.geometry.crop.width, height: clean.geometry.crop.height },
    preview: clean.preview,
    qr: await firstQrInWorker(clean.qrInputs),
    source: input.source,
    digits: [],
  };
}

/**
 * The number ("Số: 45/QĐ-UBND") matters most and is small print: when OCR was unsure of it,
 * it is read again from a crop at twice the size, which recovers dropped slashes and digits.
 */
async function rereadNumber(pool: OcrPool, page: GreyImage, lines: OcrLine[], dpi: number, height: number): Promise<void> {
  const image = () => sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } });
  for (const line of lines) {
    if (line.bbox.y0 > height * 0.35 || !/^S[ốoóồổỐÔ]/.test(line.text)) continue;
    // the left-column part only: stop at the gap before the place and date
    const h = line.bbox.y1 - line.bbox.y0 || 1;
    let end = 1;
    while (end < line.words.length && line.words[end].bbox.x0 - line.words[end - 1].bbox.x1 < h * 2.2) end++;
    const part = line.words.slice(0, end);
    if (!part.some((w) => /\d/.test(w.text) && w.conf < 70) && part.some((w) => /\//.test(w.text))) continue;
    const pad = Math.round(h * 0.6);
    const left = Math.max(0, Math.round(part[0].bbox.x0) - pad);
    const top = Math.max(0, Math.round(line.bbox.y0) - pad);
    const width = Math.min(page.width - left, Math.round(part[part.length - 1].bbox.x1) - left + pad);
    const cropH = Math.min(page.height - top, Math.round(h) + 2 * pad);
    const crop = await image().extract({ left, top, width, height: cropH }).resize({ width: width * 2 }).toColourspace('b-w').png().toBuffer();
    const again = await pool.recognize(crop, dpi * 2);
    const words = again.lines.flatMap((l) => l.words);
    const before = part.reduce((s, w) => s + w.conf, 0) / part.length;
    if (!words.length || again.confidence <= before || !/^S[ốoóồổỐÔ]/.test(words[0].text)) continue;
    const back = words.map((w) => ({ ...w, bbox: { x0: left + w.bbox.x0 / 2, y0: top + w.bbox.y0 / 2, x1: left + w.bbox.x1 / 2, y1: top + w.bbox.y1 / 2 } }));
    line.words.splice(0, end, ...back);
    line.text = line.words.map((w) => w.text).join(' ');
  }
}
