// What the worker threads do: the page clean-up (sharp plus pixel loops), the QR search (jsQR),
// pdf.js (parsing, rendering, text; the import's look at a PDF) and the searchable PDF
// (pdf-lib), each a plain function of plain data. The same table
// runs inline (SOHOA_INLINE_WORKERS=1) to measure what the workers take off the main thread.
import sharp from 'sharp';
import { inspectPdf } from '../capture/inspect-pdf';
import { cleanPageData, orientationImage, type CleanOptions } from '../ocr/clean';
import type { GreyImage } from '../ocr/clean-image';
import { firstQr } from '../ocr/qr';
import { openPdfForRender } from '../ocr/render-pdf';
import { buildSearchablePdf, type SearchablePage } from '../ocr/searchable-pdf';
import type { PdfMetadata } from '../ocr/pdf-metadata';

/** A page image as plain data: a file's bytes (which page of a TIFF, turned by its EXIF) or a rendering. */
export interface PageImage {
  bytes: Buffer;
  /** the page of a multi-page file, 0-based */
  page?: number;
  /** turn by the file's EXIF orientation first */
  exifTurn?: boolean;
  limitInputPixels?: number;
}

export function pageImage(img: PageImage): sharp.Sharp {
  const s = sharp(img.bytes, { ...(img.page !== undefined ? { page: img.page } : {}), ...(img.limitInputPixels ? { limitInputPixels: img.limitInputPixels } : {}) });
  return img.exifTurn ? s.rotate() : s;
}

type PdfDoc = Awaited<ReturnType<typeof openPdfForRender>>;
/** PDFs open in this thread, by the number their opener gave them. */
const openPdfs = new Map<number, PdfDoc>();

function openedPdf(id: number): PdfDoc {
  const doc = openPdfs.get(id);
  if (!doc) throw new Error(`PDF #${id} is not open in this thread`);
  return doc;
}

export const tasks = {
  clean: (img: PageImage, opts: CleanOptions) => cleanPageData(pageImage(img), opts),
  orientationImage: (img: PageImage, dpi: number | null) => orientationImage(pageImage(img), dpi),
  firstQr: async (inputs: GreyImage[]) => firstQr(inputs),
  inspectPdf: (bytes: Buffer, file: string) => inspectPdf(bytes, file),
  searchablePdf: (pages: SearchablePage[], meta: PdfMetadata) => buildSearchablePdf(pages, meta),
  pdfOpen: async (id: number, bytes: Buffer, file: string) => {
    const doc = await openPdfForRender(bytes, file);
    openPdfs.set(id, doc);
    return doc.pageCount;
  },
  pdfRender: (id: number, page: number, dpi: number) => openedPdf(id).render(page, dpi),
  pdfTextLines: (id: number, page: number, dpi: number) => openedPdf(id).textLines(page, dpi),
  pdfScanDpi: (id: number, page: number) => openedPdf(id).scanDpi(page),
  pdfClose: async (id: number) => {
    const doc = openPdfs.get(id);
    openPdfs.delete(id);
    await doc?.close();
  },
};

export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
