// Opens a PDF once: refuses encrypted or broken files, counts pages and renders a thumbnail
// of each with pdf.js (the same renderer the document view uses).
import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { CoreError } from '../errors';
import { unreadableFile } from './unreadable';
import type { InspectedPage } from './inspect-image';
import { IMPORT_LIMITS } from './limits';
import { checkPdfStructure } from './pdf-structure';
import { pdfPageDpi } from '../ocr/page-dpi';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
// pdf.js's Node build draws on its own canvas package; its typings leave the factory out
interface NodeCanvas {
  width: number;
  height: number;
  toBuffer(mime: 'image/png'): Buffer;
}
interface NodeCanvasFactory {
  create(width: number, height: number): { canvas: NodeCanvas; context: { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void } };
}
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export async function inspectPdf(bytes: Buffer, file: string): Promise<InspectedPage[]> {
  try {
    checkPdfStructure(await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false }), file);
  } catch (e) {
    if (e instanceof CoreError) throw e;
    // pdf-lib's errors are ES5 subclasses of Error that lose their class; match the message
    if ((e as Error)?.message === new EncryptedPDFError().message) throw new CoreError('PDF_ENCRYPTED', { file });
    throw unreadableFile(file, e);
  }
  const { getDocument } = await loadPdfJs();
  let doc;
  try {
    doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, stopAtErrors: true }).promise;
  } catch (e) {
    if ((e as Error)?.name === 'PasswordException') throw new CoreError('PDF_ENCRYPTED', { file });
    throw unreadableFile(file, e);
  }
  try {
    if (doc.numPages === 0) throw new CoreError('PDF_NO_PAGES', { file });
    const pages: InspectedPage[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const base = page.getViewport({ scale: 1 });
      const vp = page.getViewport({ scale: IMPORT_LIMITS.thumbWidth / base.width });
      const { canvas, context } = (doc as unknown as { canvasFactory: NodeCanvasFactory }).canvasFactory.create(Math.ceil(vp.width), Math.ceil(vp.height));
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: context, viewport: vp, canvas } as unknown as Parameters<typeof page.render>[0]).promise;
      const png: Buffer = canvas.toBuffer('image/png');
      const thumb = await sharp(png).jpeg({ quality: 80 }).toBuffer();
      pages.push({
        // page size in points; a scan's resolution is its image's pixels over that size
        width: Math.round(base.width),
        height: Math.round(base.height),
        dpi: await pdfPageDpi(page, (await loadPdfJs()).OPS as unknown as Record<string, number>),
        colour: await hasColour(thumb),
        thumb,
        preview: null,
      });
      page.cleanup();
    }
    return pages;
  } catch (e) {
    if (e instanceof CoreError) throw e;
    throw unreadableFile(file, e);
  } finally {
    await doc.destroy();
  }
}

/** True when any channel differs visibly from the others somewhere on the rendered page. */
async function hasColour(jpeg: Buffer): Promise<boolean> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels < 3) return false;
  let coloured = 0;
  for (let i = 0; i < data.length; i += 3) {
    const max = Math.max(data[i], data[i + 1], data[i + 2]);
    const min = Math.min(data[i], data[i + 1], data[i + 2]);
    if (max - min > 40) coloured++;
  }
  return coloured > (data.length / 3) * 0.001;
}
