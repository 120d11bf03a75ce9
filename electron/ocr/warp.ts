// The page's quarter-turn, trim, deskew, crop and contrast stretch as one pass over the pixels:
// every pixel of the kept part is looked up in the decoded red band and put through the
// stretch's table. Done in separate steps, each full-size step (turn, extract, affine, levels)
// copied the page again.
import type { GreyImage, Rect } from './clean-image';

/** The steps, in the original's pixels, as the Geometry of the clean-up records them. */
export interface WarpPlan {
  rotation: 0 | 90 | 180 | 270;
  /** kept part of the turned page before the deskew */
  trim: Rect;
  /** degrees, corrected by turning clockwise about the trimmed page's centre */
  skew: number;
  /** the canvas the deskew draws on */
  canvas: { width: number; height: number };
  /** kept part of that canvas: the output */
  crop: Rect;
}

/** The canvas a clockwise turn by `skew` degrees needs to hold the trimmed page's corners. */
export function deskewCanvas(trim: { width: number; height: number }, skew: number): { width: number; height: number } {
  if (!skew) return { width: trim.width, height: trim.height };
  const a = (Math.abs(skew) * Math.PI) / 180;
  const [c, s] = [Math.cos(a), Math.sin(a)];
  return { width: Math.round(trim.width * c + trim.height * s), height: Math.round(trim.width * s + trim.height * c) };
}

/**
 * Where a point of the output (crop pixels, continuous) comes from in the original, and
 * whether it lies in the trimmed page: the inverse of searchable-pdf's pixelTransform.
 */
function sourceOf(p: WarpPlan, W: number, H: number, u: number, v: number): [number, number, number, number] {
  let x = u + p.crop.left;
  let y = v + p.crop.top;
  if (p.skew) {
    const a = (p.skew * Math.PI) / 180;
    const [c, s] = [Math.cos(a), Math.sin(a)];
    const [dx, dy] = [x - p.canvas.width / 2, y - p.canvas.height / 2];
    [x, y] = [c * dx + s * dy + p.trim.width / 2, -s * dx + c * dy + p.trim.height / 2];
  }
  const [tx, ty] = [x, y]; // in the trimmed page
  const [X, Y] = [x + p.trim.left, y + p.trim.top]; // in the turned page
  const back = { 0: [X, Y], 90: [Y, H - X], 180: [W - X, H - Y], 270: [W - Y, X] }[p.rotation];
  return [back[0], back[1], tx, ty];
}

/**
 * The kept part of the page: `grey` (the original's red band, W × H) turned, trimmed, deskewed
 * and cropped per `plan`, each value mapped through `lut`; paper outside the page is white.
 */
export function warpPage(grey: GreyImage, plan: WarpPlan, lut: Uint8Array): GreyImage {
  const { width: W, height: H, data: src } = grey;
  const { width: outW, height: outH } = plan.crop;
  const out = Buffer.allocUnsafe(outW * outH);
  // the map is affine: a start per row and a step per pixel, for the source and the trimmed page
  const o = sourceOf(plan, W, H, 0.5, 0.5);
  const ox = sourceOf(plan, W, H, 1.5, 0.5);
  const oy = sourceOf(plan, W, H, 0.5, 1.5);
  const [ax, ay, atx, aty] = ox.map((v, i) => v - o[i]); // one pixel right
  const [bx, by, btx, bty] = oy.map((v, i) => v - o[i]); // one row down
  const [tw, th] = [plan.trim.width, plan.trim.height];
  const white = lut[255];
  const bilinear = plan.skew !== 0;
  for (let v = 0; v < outH; v++) {
    let sx = o[0] + v * bx;
    let sy = o[1] + v * by;
    let tx = o[2] + v * btx;
    let ty = o[3] + v * bty;
    for (let k = v * outW, end = k + outW; k < end; k++) {
      // inside the trimmed page (and so the image): its pixel, or between pixels on a deskew
      // the four around weighed (nearest neighbour moved strokes by half a pixel, enough to
      // turn a small-print digit into another); outside: white paper
      if (!(tx >= 0 && ty >= 0 && tx < tw && ty < th)) out[k] = white;
      else if (!bilinear) out[k] = lut[src[Math.min(H - 1, sy | 0) * W + Math.min(W - 1, sx | 0)]];
      else {
        const fx = Math.max(0, Math.min(W - 1.001, sx - 0.5));
        const fy = Math.max(0, Math.min(H - 1.001, sy - 0.5));
        const [x0, y0] = [fx | 0, fy | 0];
        const [wx, wy] = [fx - x0, fy - y0];
        const i = y0 * W + x0;
        const top = src[i] + (src[i + 1] - src[i]) * wx;
        const bottom = src[i + W] + (src[i + W + 1] - src[i + W]) * wx;
        out[k] = lut[(top + (bottom - top) * wy + 0.5) | 0];
      }
      sx += ax;
      sy += ay;
      tx += atx;
      ty += aty;
    }
  }
  return { data: out, width: outW, height: outH };
}

/** The contrast stretch v → a·v + b as a table, clamped to 0–255. */
export function stretchTable(a: number, b: number): Uint8Array {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(a * v + b)));
  return lut;
}
