import { describe, expect, it } from 'vitest';
import { pixelTransform } from '../../../electron/ocr/searchable-pdf';
import { deskewCanvas, insideRun, stretchTable, warpPage, type WarpPlan } from '../../../electron/ocr/warp';
import { readScale, READ_DPI } from '../../../electron/ocr/read-size';

// a white 600 × 400 page with one black 5 × 5 mark whose centre is at (x, y)
function pageWithMark(x: number, y: number) {
  const [W, H] = [600, 400];
  const data = Buffer.alloc(W * H, 255);
  for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) data[(y + dy) * W + x + dx] = 0;
  return { data, width: W, height: H };
}

const identity = stretchTable(1, 0);

describe('the one-pass turn, trim, deskew and crop', () => {
  for (const rotation of [0, 90, 180, 270] as const)
    for (const skew of [0, 2.4, -1.1]) {
      it(`puts a mark where the searchable PDF's transform says (turn ${rotation}°, deskew ${skew}°)`, () => {
        const page = pageWithMark(150, 120);
        const turned = rotation % 180 ? { w: 400, h: 600 } : { w: 600, h: 400 };
        const trim = { left: 10, top: 20, width: turned.w - 30, height: turned.h - 40 };
        const canvas = deskewCanvas(trim, skew);
        const plan: WarpPlan = { rotation, trim, skew, canvas, crop: { left: 5, top: 7, width: canvas.width - 12, height: canvas.height - 15 } };
        const out = warpPage(page, plan, identity);
        expect([out.width, out.height]).toEqual([plan.crop.width, plan.crop.height]);
        const [a, b, c, d, e, f] = pixelTransform({ width: 600, height: 400, ...plan });
        const [u, v] = [a * 150.5 + c * 120.5 + e, b * 150.5 + d * 120.5 + f].map(Math.floor);
        expect(out.data[v * out.width + u]).toBe(0);
        // and nowhere far from there
        let dark = 0;
        for (let i = 0; i < out.data.length; i++) if (out.data[i] < 128 && Math.hypot((i % out.width) - u, Math.floor(i / out.width) - v) > 5) dark++;
        expect(dark).toBe(0);
      });
    }

  it('leaves the corners the deskew opens, and paper cut off by the trim, white after the stretch', () => {
    const page = { data: Buffer.alloc(600 * 400, 0), width: 600, height: 400 }; // all ink
    const trim = { left: 100, top: 0, width: 500, height: 400 };
    const canvas = deskewCanvas(trim, 3);
    const out = warpPage(page, { rotation: 0, trim, skew: 3, canvas, crop: { left: 0, top: 0, ...canvas } }, stretchTable(0.5, 100));
    expect(out.data[0]).toBe(228); // white paper, stretched: 0.5 × 255 + 100
    expect(out.data[Math.floor(canvas.height / 2) * out.width + Math.floor(canvas.width / 2)]).toBe(100); // ink, stretched
  });

  it('finds the run of a row inside the trimmed page as checking every pixel does', () => {
    // rows of the maps warpPage walks: steep and shallow, both directions, edges hit exactly
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const cases: number[][] = [
      [0, 1, 50, 0, 0, 20, 80],
      [-3, 1, 50, 5, 0, 20, 80],
      [49.5, -1, 50, 0, 0.25, 20, 80],
      [10, 0, 50, 25, 0, 20, 80], // a row below the page: none of it
      [0, 0.5, 50, 19.99, -0.01, 20, 120],
    ];
    for (let i = 0; i < 300; i++) cases.push([rnd() * 80 - 20, rnd() * 2 - 1, 50, rnd() * 40 - 10, rnd() * 0.2 - 0.1, 20, 100]);
    for (const [x0, dx, w, y0, dy, h, n] of cases) {
      const inside = Array.from({ length: n }, (_, k) => x0 + k * dx >= 0 && y0 + k * dy >= 0 && x0 + k * dx < w && y0 + k * dy < h);
      const [from, to] = insideRun(x0, dx, w, y0, dy, h, n);
      expect(inside.map((_, k) => k >= from && k < to)).toEqual(inside);
    }
  });

  it('reads pages finer than READ_DPI at READ_DPI and coarser ones as they are', () => {
    expect(readScale(300) * 300).toBeCloseTo(READ_DPI);
    expect(readScale(150)).toBe(1);
  });
});
