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
    const row = v * outW;
    // the pixels of this row inside the trimmed page (and so the image) form one run: the map
    // is affine; outside it, white paper
    const [from, to] = insideRun(o[2] + v * btx, atx, tw, o[3] + v * bty, aty, th, outW);
    out.fill(white, row, row + from);
    out.fill(white, row + to, row + outW);
    let sx = o[0] + v * bx;
    let sy = o[1] + v * by;
    // stepped to the run's start as the loop steps, so every pixel is sampled where it always was
    for (let k = 0; k < from; k++) {
      sx += ax;
      sy += ay;
    }
    if (!bilinear) {
      for (let k = row + from, end = row + to; k < end; k++) {
        out[k] = lut[src[Math.min(H - 1, sy | 0) * W + Math.min(W - 1, sx | 0)]];
        sx += ax;
        sy += ay;
      }
      continue;
    }
    // on a deskew, the four pixels around weighed (nearest neighbour moved strokes by half a
    // pixel, enough to turn a small-print digit into another)
    const maxX = W - 1.001;
    const maxY = H - 1.001;
    for (let k = row + from, end = row + to; k < end; k++) {
      const fx = sx < 0.5 ? 0 : sx - 0.5 > maxX ? maxX : sx - 0.5;
      const fy = sy < 0.5 ? 0 : sy - 0.5 > maxY ? maxY : sy - 0.5;
      const x0 = fx | 0;
      const y0 = fy | 0;
      const wx = fx - x0;
      const wy = fy - y0;
      const i = y0 * W + x0;
      const top = src[i] + (src[i + 1] - src[i]) * wx;
      const bottom = src[i + W] + (src[i + W + 1] - src[i + W]) * wx;
      out[k] = lut[(top + (bottom - top) * wy + 0.5) | 0];
      sx += ax;
      sy += ay;
    }
  }
  return { data: out, width: outW, height: outH };
}

/**
 * The run [from, to) of pixels k = 0 … n-1 whose point (x0 + k·dx, y0 + k·dy) lies in
 * [0, w) × [0, h): one interval, since the point moves on a straight line.
 */
export function insideRun(x0: number, dx: number, w: number, y0: number, dy: number, h: number, n: number): [number, number] {
  let lo = 0;
  let hi = n;
  const clip = (p: number, d: number, size: number) => {
    if (d === 0) {
      if (!(p >= 0 && p < size)) hi = lo;
      return;
    }
    // first and last k with 0 <= p + k·d < size
    const a = (0 - p) / d;
    const b = (size - p) / d;
    const [enter, leave] = d > 0 ? [Math.ceil(a), Math.ceil(b)] : [Math.floor(b) + 1, Math.floor(a) + 1];
    lo = Math.max(lo, enter);
    hi = Math.min(hi, leave);
  };
  clip(x0, dx, w);
  clip(y0, dy, h);
  // floating point at the run's ends: a pixel exactly on an edge is checked as the loop did
  const inside = (k: number) => x0 + k * dx >= 0 && y0 + k * dy >= 0 && x0 + k * dx < w && y0 + k * dy < h;
  while (lo < hi && !inside(lo)) lo++;
  while (hi > lo && !inside(hi - 1)) hi--;
  while (lo > 0 && inside(lo - 1)) lo--;
  while (hi < n && inside(hi)) hi++;
  return lo < hi ? [lo, hi] : [0, 0];
}

/** The contrast stretch v → a·v + b as a table, clamped to 0–255. */
export function stretchTable(a: number, b: number): Uint8Array {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(a * v + b)));
  return lut;
}
