// The resolution recognition reads a page at. tesseract's LSTM scales every text line to the
// same height, so pixels past about 200 dpi only feed its page layout analysis: on bench:ocr's
// 250–300 dpi pages, reading at 200 dpi cost a fifth less and read no worse (CER 0.74% against
// 0.96% at full size). The full-size image stays for the crops that are read again.
import type { GreyImage } from './clean-image';
import type { OcrLine, OcrPool, OcrResult } from './pool';

export const READ_DPI = 200;

/** The image recognition reads, and its size over the full-size OCR image's. */
export interface ReadImage extends GreyImage {
  scale: number;
}

/** How much a page at `dpi` is shrunk for recognition (1: read as it is). */
export const readScale = (dpi: number): number => Math.min(1, READ_DPI / dpi);

/** Recognises the read-size copy; the boxes come back in the full-size OCR image's pixels. */
export async function recognizeReadCopy(pool: OcrPool, image: ReadImage, fullDpi: number, cancelled?: () => boolean): Promise<OcrResult> {
  const r = await pool.recognize(image, fullDpi * image.scale, {}, cancelled);
  if (image.scale === 1) return r;
  const k = 1 / image.scale;
  const box = (b: OcrLine['bbox']) => ({ x0: b.x0 * k, y0: b.y0 * k, x1: b.x1 * k, y1: b.y1 * k });
  return { ...r, lines: r.lines.map((l) => ({ ...l, bbox: box(l.bbox), words: l.words.map((w) => ({ ...w, bbox: box(w.bbox) })) })) };
}
