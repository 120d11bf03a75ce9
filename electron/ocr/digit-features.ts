// What the handwritten-digit reader compares: a digit's ink made upright (slant taken out by
// second moments), fitted into 20 × 20 and centred by mass in 28 × 28 as MNIST's digits are,
// then described by where its edges run (a histogram of gradient directions per 4 × 4 cell).
// Edge directions, unlike raw pixels, hardly change with the pen: a felt-tip's thick stroke
// and MNIST's thin pencil give the same outline directions, so a 9 stays a 9.
import type { InkImage } from './digit-cut';

const SIDE = 28;
const BOX = 20;
const CELL = 4;
const BINS = 8;
export const FEATURES = (SIDE / CELL) ** 2 * BINS;

/** The ink fitted into 20 × 20 (area-averaged), centred by mass in 28 × 28. */
export function normalisedDigit(img: InkImage): Float32Array {
  const { data, width: w, height: h } = deslant(img);
  const out = new Float32Array(SIDE * SIDE);
  const box = inkBox(data, w, h);
  if (!box) return out;
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  const k = BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * k));
  const th = Math.max(1, Math.round(bh * k));
  const small = new Float32Array(tw * th);
  let mx = 0, my = 0, m = 0;
  for (let ty = 0; ty < th; ty++)
    for (let tx = 0; tx < tw; tx++) {
      const sx0 = box.x0 + (tx / tw) * bw, sx1 = box.x0 + ((tx + 1) / tw) * bw;
      const sy0 = box.y0 + (ty / th) * bh, sy1 = box.y0 + ((ty + 1) / th) * bh;
      let sum = 0, n = 0;
      for (let y = Math.floor(sy0); y < Math.ceil(sy1); y++)
        for (let x = Math.floor(sx0); x < Math.ceil(sx1); x++) {
          sum += data[y * w + x];
          n++;
        }
      const v = n ? Math.min(1, sum / n) : 0;
      small[ty * tw + tx] = v;
      mx += v * tx;
      my += v * ty;
      m += v;
    }
  const ox = Math.round(SIDE / 2 - (m ? mx / m : tw / 2));
  const oy = Math.round(SIDE / 2 - (m ? my / m : th / 2));
  for (let y = 0; y < th; y++)
    for (let x = 0; x < tw; x++) {
      const X = x + ox, Y = y + oy;
      if (X >= 0 && X < SIDE && Y >= 0 && Y < SIDE) out[Y * SIDE + X] = small[y * tw + x];
    }
  return out;
}

function inkBox(data: Float32Array, w: number, h: number): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (data[y * w + x] > 0.3) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/** The features of one digit's ink: gradient directions (8 signed bins) per 4 × 4 cell, square-root normalised. */
export function digitFeatures(img: InkImage): Float32Array {
  return edgeDirections(normalisedDigit(img));
}

export function edgeDirections(digit: Float32Array): Float32Array {
  const a = smooth(digit);
  const cells = SIDE / CELL;
  const f = new Float32Array(FEATURES);
  for (let y = 1; y < SIDE - 1; y++)
    for (let x = 1; x < SIDE - 1; x++) {
      const gx = a[y * SIDE + x + 1] - a[y * SIDE + x - 1];
      const gy = a[(y + 1) * SIDE + x] - a[(y - 1) * SIDE + x];
      const mag = Math.hypot(gx, gy);
      if (!mag) continue;
      const turn = (Math.atan2(gy, gx) + 2 * Math.PI) % (2 * Math.PI);
      const b = (turn / (2 * Math.PI)) * BINS;
      const b0 = Math.floor(b) % BINS;
      const t = b - Math.floor(b);
      const at = (Math.floor(y / CELL) * cells + Math.floor(x / CELL)) * BINS;
      f[at + b0] += mag * (1 - t);
      f[at + ((b0 + 1) % BINS)] += mag * t;
    }
  let norm = 0;
  for (const v of f) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < f.length; i++) f[i] = Math.sqrt(f[i] / norm);
  return f;
}

/** A 1-2-1 blur both ways, so the gradients follow the outline and not the pixel steps. */
function smooth(a: Float32Array): Float32Array {
  const k = [0.25, 0.5, 0.25];
  const t = new Float32Array(a.length);
  const o = new Float32Array(a.length);
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      let s = 0;
      for (let d = -1; d <= 1; d++) if (x + d >= 0 && x + d < SIDE) s += a[y * SIDE + x + d] * k[d + 1];
      t[y * SIDE + x] = s;
    }
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      let s = 0;
      for (let d = -1; d <= 1; d++) if (y + d >= 0 && y + d < SIDE) s += t[(y + d) * SIDE + x] * k[d + 1];
      o[y * SIDE + x] = s;
    }
  return o;
}

/** Upright by second moments: slanted hands and MNIST's upright digits compare alike. */
export function deslant(img: InkImage): InkImage {
  const { data, width: w, height: h } = img;
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      m += v;
      mx += v * x;
      my += v * y;
    }
  if (!m) return img;
  const cx = mx / m, cy = my / m;
  let mu11 = 0, mu02 = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      mu11 += v * (x - cx) * (y - cy);
      mu02 += v * (y - cy) * (y - cy);
    }
  const skew = mu02 ? Math.max(-1, Math.min(1, mu11 / mu02)) : 0;
  if (Math.abs(skew) < 0.05) return img;
  const extra = Math.ceil(Math.abs(skew) * h);
  const W = w + extra;
  const out = new Float32Array(W * h);
  const off = extra / 2;
  for (let y = 0; y < h; y++)
    for (let X = 0; X < W; X++) {
      // the pixel that lands at X once the slant is taken out
      const sx = X - off + skew * (y - cy);
      const x0 = Math.floor(sx);
      const t = sx - x0;
      const a = x0 >= 0 && x0 < w ? data[y * w + x0] : 0;
      const b = x0 + 1 >= 0 && x0 + 1 < w ? data[y * w + x0 + 1] : 0;
      out[y * W + X] = a * (1 - t) + b * t;
    }
  return { data: out, width: W, height: h };
}
