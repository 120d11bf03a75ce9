import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectPdf } from '../../../electron/capture/inspect-pdf';
import { imageDpi, pageDpi } from '../../../electron/ocr/page-dpi';
import { openPdfForRender } from '../../../electron/ocr/render-pdf';
import { renderPdf, SAMPLE_DOCS } from '../../fixtures/admin-docs';

/** An A4 page filled by one scanned image of `w` × `h` pixels. */
async function scannedA4(w: number, h: number, landscapeImage = false): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const jpg = await doc.embedJpg(await sharp({ create: { width: landscapeImage ? h : w, height: landscapeImage ? w : h, channels: 3, background: '#f4f4f0' } }).jpeg().toBuffer());
  const page = doc.addPage([595.28, 841.89]);
  page.drawImage(jpg, { x: 0, y: 0, width: 595.28, height: 841.89 });
  return Buffer.from(await doc.save());
}

describe('page resolution', () => {
  it('takes a page image without a resolution as A4 wide', () => {
    expect(pageDpi(null, 2480)).toBe(300);
    expect(pageDpi(150, 2480)).toBe(150);
    expect(imageDpi(827, 1170, 595.28, 841.89)).toBe(100);
  });

  it('measures a scanned PDF page by its image, not by the rendering', async () => {
    const pdf = await openPdfForRender(await scannedA4(827, 1170), 'scan-100dpi.pdf');
    try {
      expect(await pdf.scanDpi(1)).toBe(100);
    } finally {
      await pdf.close();
    }
    // the import sees it too, so a 100-dpi scan is warned about (Decree 30: at least 200 dpi)
    const [p] = await inspectPdf(await scannedA4(1654, 2339), 'scan-200dpi.pdf');
    expect(p.dpi).toBe(200);
    const [q] = await inspectPdf(await scannedA4(827, 1170), 'scan-100dpi.pdf');
    expect(q.dpi).toBe(100);
  });

  it('gives a born-digital page no scan resolution', async () => {
    const [p] = await inspectPdf(await renderPdf(SAMPLE_DOCS[0]), 'born-digital.pdf');
    expect(p.dpi).toBeNull();
  });
});
