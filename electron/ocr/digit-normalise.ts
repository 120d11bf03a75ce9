// The digit the reader's network sees: the ink made upright (slant taken out by second
// moments), fitted into 20 × 20 and centred by mass in 28 × 28 as MNIST's digits are.
import type { InkImage } from './digit-cut';

const SIDE = 28;
const BOX = 20;

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
