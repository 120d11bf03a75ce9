import { PDFDocument, degrees } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf, renderScan, SAMPLE_DOCS } from '../../fixtures/admin-docs';
import { pagePng } from '../../fixtures/scans';
import { inkUnder } from '../../fixtures/ink';
import { copyBoxSize, copyLines, copyPlacement, inkMapOfFirstPage, placeInWhiteSpace, type InkMap } from '../../../electron/signing/sign/copy-placement';
import { areaAverage, inkMapFromPageImage, soleImagePlacement } from '../../../electron/signing/sign/page-image-ink';


/** A scan as the archive makes a PDF of it: the JPEG on a page of its own size at its resolution. */
async function scanPdf(jpeg: Buffer, dpi: number, place?: { x: number; y: number; w: number; h: number; rotate?: number }) {
  const pdf = await PDFDocument.create();
  const img = await pdf.embedJpg(jpeg);
  const w = (img.width / dpi) * 72;
  const h = (img.height / dpi) * 72;
  const page = pdf.addPage([w, h]);
  page.drawImage(img, place ? { x: place.x, y: place.y, width: place.w, height: place.h, rotate: degrees(place.rotate ?? 0) } : { x: 0, y: 0, width: w, height: h });
  return Buffer.from(await pdf.save());
}

describe('ink map from the page image', () => {
  it('agrees with the pdf.js rendering on a scanned page with the motto at the top right', async () => {
    const lines = copyLines('SAO Y', 'Ủy ban nhân dân huyện Như Xuân');
    const box = await copyBoxSize(lines);
    for (const dpi of [200, 300]) {
      const { image } = await renderScan(SAMPLE_DOCS[0], { dpi, jpegQuality: 85, skew: 0.5 });
      const pdf = await scanPdf(image, dpi);
      const fast = (await inkMapFromPageImage(pdf))!;
      const slow = await inkMapOfFirstPage(pdf);
      expect(fast).not.toBeNull();
      expect([fast.map.width, fast.map.height]).toEqual([slow.map.width, slow.map.height]);
      expect(fast.page.width).toBeCloseTo(slow.page.width, 3);
      // there is ink in the top-right quarter (the motto), where the box is wanted
      const topRight = { x: slow.page.width / 2, y: slow.page.height * 0.75, w: slow.page.width / 2, h: slow.page.height / 4 };
      expect(inkUnder(slow.map, slow.page, topRight)).toBeGreaterThan(500);
      const count = (m: InkMap) => m.ink.reduce((a, v) => a + v, 0);
      expect(Math.abs(count(fast.map) - count(slow.map))).toBeLessThan(count(slow.map) * 0.1);
      const pf = placeInWhiteSpace(fast.map, fast.page, box);
      const ps = placeInWhiteSpace(slow.map, slow.page, box);
      expect(pf.clear && ps.clear).toBe(true);
      expect(pf.scale).toBe(ps.scale);
      expect(Math.abs(pf.x - ps.x)).toBeLessThanOrEqual(4);
      expect(Math.abs(pf.y - ps.y)).toBeLessThanOrEqual(4);
      // each path's box holds no ink of the other's map
      expect(inkUnder(slow.map, slow.page, pf)).toBe(0);
      expect(inkUnder(fast.map, fast.page, ps)).toBe(0);
      // signing reads only the top of the scan, and finds the same place
      expect(await copyPlacement(pdf, lines)).toEqual(pf);
    }
  });

  it('leaves the paper around an image that does not fill the page white, as pdf.js draws it', async () => {
    const { image } = await renderScan(SAMPLE_DOCS[1], { dpi: 200, jpegQuality: 85 });
    const pdf = await scanPdf(image, 200, { x: 60, y: 120, w: 400, h: 560 });
    const fast = (await inkMapFromPageImage(pdf))!;
    const slow = await inkMapOfFirstPage(pdf);
    const outside = { x: 470, y: 0, w: fast.page.width - 470, h: fast.page.height };
    expect(inkUnder(fast.map, fast.page, outside)).toBe(0);
    expect(inkUnder(slow.map, slow.page, outside)).toBe(0);
    const inside = { x: 60, y: 120, w: 400, h: 560 };
    expect(inkUnder(fast.map, fast.page, inside)).toBeGreaterThan(inkUnder(slow.map, slow.page, inside) * 0.9);
    expect(inkUnder(fast.map, fast.page, inside)).toBeLessThan(inkUnder(slow.map, slow.page, inside) * 1.1);
  });

  it('declines pages that are not one upright JPEG, so they are rendered', async () => {
    const { image } = await renderScan(SAMPLE_DOCS[0], { dpi: 150, jpegQuality: 85 });
    expect(await inkMapFromPageImage(await renderPdf(SAMPLE_DOCS[0]))).toBeNull(); // text and rules
    expect(await inkMapFromPageImage(await scanPdf(image, 150, { x: 600, y: 0, w: 595, h: 842, rotate: 90 }))).toBeNull();
    const png = await PDFDocument.create();
    const p = png.addPage([595, 842]);
    p.drawImage(await png.embedPng(await pagePng({ title: 'PNG' })), { x: 0, y: 0, width: 595, height: 842 });
    expect(await inkMapFromPageImage(Buffer.from(await png.save()))).toBeNull(); // Flate, not JPEG
    const withText = await PDFDocument.load(await scanPdf(image, 150));
    withText.getPage(0).drawText('GHI CHÚ'.normalize('NFD').replace(/[^\x20-\x7e]/g, ''), { x: 400, y: 800, size: 12 });
    expect(await inkMapFromPageImage(Buffer.from(await withText.save()))).toBeNull();
    expect(await inkMapFromPageImage(Buffer.from('not a pdf'))).toBeNull();
  });

  it('averages partial pixels by their share, grey from RGB as luma', () => {
    // 3 → 2 across: the middle pixel is split half and half
    expect([...areaAverage(Uint8Array.from([0, 90, 180]), 3, 1, 1, 2, 1)]).toEqual([30, 150]);
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    expect([...areaAverage(rgb, 2, 2, 3, 1, 1)]).toEqual([Math.round((76.245 + 149.685 + 29.07 + 255) / 4)]);
    // only the first row of cells
    expect([...areaAverage(Uint8Array.from([10, 10, 20, 20]), 1, 4, 1, 1, 2, 1)]).toEqual([10]);
  });

  it('reads only q, Q, cm and one Do from the content', () => {
    expect(soleImagePlacement('q 1 0 0 1 0 0 cm 595 0 0 842 0 0 cm /Im1 Do Q')).toEqual({ name: 'Im1', m: [595, 0, 0, 842, 0, 0] });
    expect(soleImagePlacement('q 2 0 0 2 10 20 cm q 100 0 0 50 0 0 cm /Im1 Do Q Q')).toEqual({ name: 'Im1', m: [200, 0, 0, 100, 10, 20] });
    expect(soleImagePlacement('q 595 0 0 842 0 0 cm /Im1 Do Q /Im2 Do')).toBeNull();
    expect(soleImagePlacement('q 595 0 0 842 0 0 cm /Im1 Do Q BT /F1 12 Tf (x) Tj ET')).toBeNull();
    expect(soleImagePlacement('0 0 m 100 100 l S')).toBeNull();
  });
});
