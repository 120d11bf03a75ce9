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
