import { describe, expect, it } from 'vitest';
import { renderPdf, SAMPLE_DOCS } from '../../fixtures/admin-docs';
import { inkUnder } from '../../fixtures/ink';
import { copyBoxSize, copyLines, inkMapOfFirstPage, placeInWhiteSpace } from '../../../electron/signing/sign/copy-placement';


describe('copy signature placement', () => {
  it('puts "SAO Y" in white space at the top right of real layouts, never over the motto or text', async () => {
    const lines = copyLines('SAO Y', 'Ủy ban nhân dân huyện Như Xuân');
    const box = await copyBoxSize(lines);
    for (const doc of SAMPLE_DOCS.slice(0, 4)) {
      const { map, page } = await inkMapOfFirstPage(await renderPdf(doc));
      const place = placeInWhiteSpace(map, page, box);
      expect(place.clear).toBe(true);
      expect(inkUnder(map, page, place)).toBe(0);
      expect(place.x).toBeGreaterThan(page.width * 0.4); // the right side
      expect(place.y + place.h).toBeGreaterThan(page.height * 0.6); // the top part
    }
  });

  it('shrinks the box to fit a narrow band, and says so when there is no white space at all', () => {
    const page = { width: 100, height: 100 };
    const ink = new Uint8Array(100 * 100).fill(1);
    // a free band at the top right, too narrow for the full-size box
    for (let y = 20; y < 40; y++) for (let x = 50; x < 96; x++) ink[y * 100 + x] = 0;
    const place = placeInWhiteSpace({ ink, width: 100, height: 100 }, page, { w: 40, h: 12 });
    expect(place.clear).toBe(true);
    expect(place.scale).toBeLessThan(1);
    expect(inkUnder({ ink, width: 100, height: 100 }, page, place)).toBe(0);
    const none = placeInWhiteSpace({ ink: new Uint8Array(100 * 100).fill(1), width: 100, height: 100 }, page, { w: 40, h: 12 });
    expect(none.clear).toBe(false);
  });
});
