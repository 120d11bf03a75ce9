// One file through the page pipeline: every page rasterised (PDF pages by pdf.js at 300 dpi),
// cleaned, OCRed in the worker pool and searched for a QR code. Pages run concurrently, as
// many as the pool has workers.
import sharp from 'sharp';
import type { FileKind } from '../capture/sniff';
import { cleanPage, type CleanPage, type Geometry } from './clean';
import type { OcrLine, OcrPool } from './pool';
import { decodeQr } from './qr';
import { openPdfForRender } from './render-pdf';
import type { PageSource } from './searchable-pdf';

export const PDF_RENDER_DPI = 300;

export interface PageOcr {
  index: number; // 1-based
  text: string;
  confidence: number;
  /** resolution of the original image; a PDF page reports its render resolution */
  dpi: number | null;
  geometry: Geometry;
  blank: boolean;
  lines: OcrLine[];
  /** size of the OCR image, which the line boxes refer to */
  size: { width: number; height: number };
  preview: Buffer;
  qr: string | null;
  source: PageSource;
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
  opts: { pages?: PageRequest[]; onPage?: (p: PageOcr) => void | Promise<void>; cancelled?: () => boolean } = {},
): Promise<PageOcr[]> {
  const pdf = kind === 'pdf' ? await openPdfForRender(bytes, file) : null;
  try {
    const count = pdf ? pdf.pageCount : kind === 'tiff' ? (await sharp(bytes).metadata()).pages ?? 1 : 1;
    const wanted = opts.pages ?? Array.from({ length: count }, (_, i) => ({ page: i + 1 }));
    const results: PageOcr[] = [];
    let next = 0;
    const lane = async () => {
      while (next < wanted.length && !opts.cancelled?.()) {
        const req = wanted[next++];
        const r = await ocrPage(bytes, kind, req, pool, pdf);
        results.push(r);
        await opts.onPage?.(r);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, pool.size) }, lane));
    return results.sort((a, b) => a.index - b.index);
  } finally {
    await pdf?.close();
  }
}

async function ocrPage(bytes: Buffer, kind: FileKind, req: PageRequest, pool: OcrPool, pdf: Awaited<ReturnType<typeof openPdfForRender>> | null): Promise<PageOcr> {
  let input: sharp.Sharp;
  let dpi: number | null;
  let source: PageSource;
  if (pdf) {
    const r = await pdf.render(req.page, PDF_RENDER_DPI);
    input = sharp(r.png);
    dpi = r.dpi;
    source = { kind: 'pdf', bytes, page: req.page, renderDpi: r.dpi };
  } else {
    const page = kind === 'tiff' ? req.page - 1 : 0;
    input = sharp(bytes, { page, limitInputPixels: 150_000_000 }).rotate();
    const m = await sharp(bytes, { page }).metadata();
    dpi = m.density ? Math.round(m.density) : null;
    source = kind === 'tiff' ? { kind: 'raster', bytes, page } : { kind: kind as 'jpeg' | 'png', bytes };
  }
  const clean: CleanPage = await cleanPage(input, { rotation: req.rotation, dpi, detectOrientation: (png, d) => pool.orientation(png, d) });
  const [ocr, qr] = await Promise.all([
    clean.blank ? Promise.resolve({ text: '', confidence: 0, lines: [] }) : pool.recognize(clean.ocrImage, dpi),
    Promise.resolve().then(() => decodeQr(clean.qrInput)),
  ]);
  return {
    index: req.page,
    text: ocr.text.trim(),
    confidence: Math.round(ocr.confidence),
    dpi,
    geometry: clean.geometry,
    blank: clean.blank,
    lines: ocr.lines,
    size: { width: clean.geometry.crop.width, height: clean.geometry.crop.height },
    preview: clean.preview,
    qr,
    source,
  };
}
