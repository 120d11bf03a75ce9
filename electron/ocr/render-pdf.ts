// Rasterises PDF pages with pdf.js (the renderer the document view uses) for OCR and previews.
import { IMPORT_LIMITS } from '../capture/limits';
import { CoreError } from '../errors';
import { pdfPageDpi } from './page-dpi';
import type { OcrLine } from './pool';
import { withAnnotationsDrawn } from './annotation-text';
import { isOwnText, isRealText, textLines, type TextItem } from './text-layer';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDoc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
// pdf.js's Node build draws on its own canvas package; its typings leave the factory out
interface NodeCanvasFactory {
  create(width: number, height: number): { canvas: { width: number; height: number; toBuffer(mime: 'image/png'): Buffer }; context: { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void } };
}
let pdfjs: Promise<PdfJs> | null = null;
export const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
}

/** Opens a PDF for page-by-page rendering; call close() when done. */
export async function openPdfForRender(bytes: Buffer, file: string) {
  const doc = await openDocument(bytes, file);
  // the text as issued: annotations' appearances (a number written in after signing) drawn in
  let textDoc: Promise<PdfDoc> | null = null;
  const issuedText = () =>
    (textDoc ??= withAnnotationsDrawn(bytes)
      .then((flat) => (flat ? openDocument(Buffer.from(flat), file) : doc))
      .catch(() => doc));
  /** One page of the open document, released after `work`. */
  const onPage = async <T>(n: number, work: (page: PdfPage) => Promise<T>): Promise<T> => {
    const page = await doc.getPage(n);
    try {
      return await work(page);
    } finally {
      page.cleanup();
    }
  };
  return {
    pageCount: doc.numPages as number,
    /** Renders page `n` (1-based) at `dpi`, keeping it under `maxPixels`. */
    render: (n: number, dpi: number, maxPixels = 60_000_000): Promise<RenderedPage> => onPage(n, (page) => renderPage(doc, page, dpi, maxPixels)),
    /** True when the page paints at least one image (a scan); false for text or vector pages. */
    hasImage: (n: number): Promise<boolean> =>
      onPage(n, async (page) => {
        const { OPS } = await loadPdfJs();
        const ops = await page.getOperatorList();
        const painters = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
        return ops.fnArray.some((f: number) => painters.has(f));
      }),
    /** The page's own text as lines in the pixels of a rendering at `dpi`; null when it has no real text. */
    textLines: async (n: number, dpi: number): Promise<OcrLine[] | null> => {
      // whether the page has text of its own is judged on its content alone (a scan's signature stamp is no text layer)
      const own = await onPage(n, async (page) => ((await pageTextLines(page, dpi)) && !(await overlaysImage(page)) ? true : false));
      if (!own) return null;
      const td = await issuedText();
      const page = await td.getPage(n);
      try {
        return await pageTextLines(page, dpi);
      } finally {
        page.cleanup();
      }
    },
    /** The true resolution of a scanned page: its largest image's pixels over the page size; null without images. */
    scanDpi: (n: number): Promise<number | null> => onPage(n, async (page) => pdfPageDpi(page, (await loadPdfJs()).OPS as unknown as Record<string, number>)),
    /** Page size in points, before any /Rotate. */
    async size(n: number): Promise<{ width: number; height: number }> {
      const page = await doc.getPage(n);
      const vp = page.getViewport({ scale: 1 });
      return { width: vp.width, height: vp.height };
    },
    close: async () => {
      const td = textDoc ? await textDoc : null;
      if (td && td !== doc) await td.destroy();
      await doc.destroy();
    },
  };
}

type PdfPage = Awaited<ReturnType<PdfDoc['getPage']>>;

async function openDocument(bytes: Buffer, file: string): Promise<PdfDoc> {
  const { getDocument } = await loadPdfJs();
  let doc: PdfDoc;
  try {
    doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  } catch (e) {
    if ((e as Error)?.name === 'PasswordException') throw new CoreError('PDF_ENCRYPTED', { file });
    throw new CoreError('FILE_CORRUPT', { file, detail: (e as Error).message });
  }
  if (doc.numPages > IMPORT_LIMITS.maxPdfPages) {
    await doc.destroy();
    throw new CoreError('PDF_TOO_MANY_PAGES', { file, pages: doc.numPages, limit: IMPORT_LIMITS.maxPdfPages });
  }
  return doc;
}

async function renderPage(doc: PdfDoc, page: PdfPage, dpi: number, maxPixels: number): Promise<RenderedPage> {
  const base = page.getViewport({ scale: 1 });
  let scale = dpi / 72;
  const px = base.width * base.height * scale * scale;
  if (px > maxPixels) scale *= Math.sqrt(maxPixels / px);
  const vp = page.getViewport({ scale });
  const { canvas, context } = (doc as unknown as { canvasFactory: NodeCanvasFactory }).canvasFactory.create(Math.ceil(vp.width), Math.ceil(vp.height));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, viewport: vp, canvas } as unknown as Parameters<typeof page.render>[0]).promise;
  return { png: canvas.toBuffer('image/png'), width: canvas.width, height: canvas.height, dpi: Math.round(scale * 72) };
}

async function pageTextLines(page: PdfPage, dpi: number): Promise<OcrLine[] | null> {
  const content = await page.getTextContent();
  // marked-content entries carry no text
  const items = content.items.filter((i) => 'str' in i && typeof i.str === 'string') as unknown as TextItem[];
  if (!isRealText(items.map((i) => i.str).join(' '))) return null;
  const vp = page.getViewport({ scale: dpi / 72 });
  const lines = textLines(items, vp.transform, dpi / 72);
  // spelling is judged on whole words: pdf.js splits a word where its font changes
  return isOwnText(lines.map((l) => l.text).join(' ')) ? lines : null;
}

/** Text drawn invisibly (render mode 3 or 7) on a page that paints an image: an OCR layer laid over a scan. */
async function overlaysImage(page: PdfPage): Promise<boolean> {
  const { OPS } = await loadPdfJs();
  const ops = await page.getOperatorList();
  const painters = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat]);
  const invisible = ops.fnArray.some((f: number, i: number) => f === OPS.setTextRenderingMode && (ops.argsArray[i]?.[0] === 3 || ops.argsArray[i]?.[0] === 7));
  return invisible && ops.fnArray.some((f: number) => painters.has(f));
}
