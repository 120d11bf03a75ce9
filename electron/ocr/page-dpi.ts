// The resolution of a page image, worked out one way everywhere.

/** A4 width in inches: a page image without a resolution is taken to be an A4 page wide. */
export const A4_WIDTH_IN = 8.27;

/** The pixel density of a page image: its own when known, else as if the image were A4 wide. */
export function pageDpi(dpi: number | null | undefined, widthPx: number): number {
  return dpi && dpi > 20 ? Math.round(dpi) : Math.round(widthPx / A4_WIDTH_IN);
}

/**
 * A scanned PDF page's true resolution: its image's pixels over the page size in inches. The
 * geometric mean of both sides, so an image placed turned on the page measures the same.
 */
export function imageDpi(imageW: number, imageH: number, pageWPt: number, pageHPt: number): number {
  return Math.round(Math.sqrt((imageW * imageH) / ((pageWPt / 72) * (pageHPt / 72))));
}

/** pdf.js page and operator codes, as far as measuring images needs them */
interface PdfJsPage {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  getViewport(o: { scale: number }): { width: number; height: number };
}

/** The true resolution of a scanned PDF page: its largest image's pixels over the page size; null without images. */
export async function pdfPageDpi(page: PdfJsPage, OPS: Record<string, number>): Promise<number | null> {
  const ops = await page.getOperatorList();
  let best: [number, number] | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const f = ops.fnArray[i];
    if (f !== OPS.paintImageXObject && f !== OPS.paintInlineImageXObject && f !== OPS.paintImageXObjectRepeat) continue;
    const a = ops.argsArray[i];
    // an inline image carries its size on its first argument, an XObject paint as the 2nd and 3rd
    const inline = a[0] as { width?: number; height?: number } | undefined;
    const [w, h] = (f === OPS.paintInlineImageXObject ? [inline?.width, inline?.height] : [a[1], a[2]]) as [number, number];
    if (w > 0 && h > 0 && (!best || w * h > best[0] * best[1])) best = [w, h];
  }
  if (!best) return null;
  const vp = page.getViewport({ scale: 1 });
  return imageDpi(best[0], best[1], vp.width, vp.height);
}

/** Standard papers, portrait, in inches: the sizes an office scans. */
export const PAPERS = [
  { name: 'A5', w: 5.83, h: 8.27 },
  { name: 'A4', w: 8.27, h: 11.69 },
  { name: 'A3', w: 11.69, h: 16.54 },
] as const;

/** Resolutions scanners offer: an inferred paper is the one giving the nearest of these. */
const SCAN_DPI = [150, 200, 240, 300, 400, 600];
/** A stated size whose long side exceeds A3's by this much is not a paper anyone scanned. */
const TOO_BIG = 1.2;
/** How far the image's sides may differ from the paper's proportions (scanner margins, crops). */
const ASPECT_SLACK = 0.04;

export interface PageResolution {
  /** pixels per inch to lay the page out with */
  dpi: number;
  /** the paper the size was inferred from, with what the file said; null when the file's own resolution holds */
  inferred: { paper: string; statedDpi: number } | null;
}

/**
 * The resolution of a page image when its file states one (null otherwise). Phones and many
 * scanner drivers write 72 dpi whatever the scan: a 2464 × 3508 A4 scan then measures
 * 87 × 124 cm. When the stated size is larger than any office paper, the page is taken as the
 * standard paper (A5, A4, A3, either way up) its proportions fit, at the usual scanning
 * resolution nearest; an image fitting none is laid out A4 wide.
 */
export function paperResolution(stated: number | null | undefined, widthPx: number, heightPx: number): PageResolution | null {
  if (!stated || stated <= 20 || widthPx <= 0 || heightPx <= 0) return null;
  const short = Math.min(widthPx, heightPx);
  const long = Math.max(widthPx, heightPx);
  if (long / stated <= PAPERS[PAPERS.length - 1].h * TOO_BIG) return { dpi: Math.round(stated), inferred: null };
  let best: { paper: string; dpi: number; off: number } | null = null;
  for (const p of PAPERS) {
    const across = short / p.w;
    const down = long / p.h;
    if (Math.abs(across / down - 1) > ASPECT_SLACK) continue;
    const dpi = Math.sqrt(across * down);
    const off = Math.min(...SCAN_DPI.map((s) => Math.abs(dpi / s - 1)));
    if (!best || off < best.off) best = { paper: p.name, dpi, off };
  }
  const statedDpi = Math.round(stated);
  if (best) return { dpi: Math.round(best.dpi), inferred: { paper: best.paper, statedDpi } };
  return { dpi: Math.round(Math.max(short / 8.27, long / 11.69)), inferred: { paper: 'A4', statedDpi } };
}
