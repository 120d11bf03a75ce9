// The heavy steps of the page pipeline as the main thread calls them: clean-up, QR search,
// pdf.js and the searchable PDF run in the worker threads; what comes back is the same as
// running them here.
import type { CleanOptions, CleanPage } from '../ocr/clean';
import type { GreyImage } from '../ocr/clean-image';
import type { PdfMetadata } from '../ocr/pdf-metadata';
import type { openPdfForRender } from '../ocr/render-pdf';
import type { SearchablePage } from '../ocr/searchable-pdf';
import { runTask, workerSession } from './run';
import type { PageImage } from './tasks';

export type { PageImage } from './tasks';

/** Cleans a page in a worker; the orientation copy, rarely wanted, is made there on demand. */
export async function cleanInWorker(img: PageImage, opts: CleanOptions = {}): Promise<CleanPage> {
  const cleaned = await runTask('clean', img, opts);
  return { ...cleaned, orientationImage: () => runTask('orientationImage', img, opts.dpi ?? null) };
}

/** The first QR code in these places, searched in a worker; null when none reads. */
export function firstQrInWorker(inputs: GreyImage[]): Promise<string | null> {
  return inputs.length ? runTask('firstQr', inputs) : Promise.resolve(null);
}

type PdfDoc = Awaited<ReturnType<typeof openPdfForRender>>;
export type PdfPages = Pick<PdfDoc, 'pageCount' | 'render' | 'textLines' | 'scanDpi' | 'close'>;

let lastPdfId = 0;

/** A PDF opened by pdf.js in one worker, which renders and reads its pages; close() when done. */
export async function openPdfInWorker(bytes: Buffer, file: string): Promise<PdfPages> {
  const worker = workerSession();
  const id = ++lastPdfId;
  const pageCount = await worker.run('pdfOpen', id, bytes, file);
  return {
    pageCount,
    render: (page, dpi) => worker.run('pdfRender', id, page, dpi),
    textLines: (page, dpi) => worker.run('pdfTextLines', id, page, dpi),
    scanDpi: (page) => worker.run('pdfScanDpi', id, page),
    close: () => worker.run('pdfClose', id),
  };
}

/** The import's look at a PDF (structure, pages, thumbnails) in a worker: pdf-lib and pdf.js parse and render synchronously. */
export function inspectPdfInWorker(bytes: Buffer, file: string): ReturnType<typeof runTask<'inspectPdf'>> {
  return runTask('inspectPdf', bytes, file);
}

/** Builds a searchable PDF in a worker: pdf-lib lays out and subsets synchronously, about a tenth of a second a page. */
export function searchablePdfInWorker(pages: SearchablePage[], meta: PdfMetadata): Promise<Buffer> {
  return runTask('searchablePdf', pages, meta);
}
