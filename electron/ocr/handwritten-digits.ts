// A small handwritten-digit reader for the number and the day the văn thư writes in by hand
// (tesseract, trained on print, reads "21" as "4" and "190" as "490"). Digits are cut from the
// blank by connected ink components, normalised as MNIST digits are (longer side 20 px,
// centred by mass in 28 × 28, then 14 × 14), and matched against prototypes that
// scripts/train-digits.ts learns at build time from the digits of the `mnist` package.
import fs from 'node:fs';
import { assetPath } from '../paths';
import { otsuLevel } from './clean';
import { cutDigits, splitInto, type InkImage } from './digit-cut';

export { cutDigits, type InkImage };

export const FEATURE_SIDE = 14;
export const FEATURES = FEATURE_SIDE * FEATURE_SIDE;
export const DIGIT_MODEL = () => assetPath('ocr', 'digit-prototypes.bin');

/** MNIST-style features of one digit's ink: fitted into 20 × 20, centred by mass in 28 × 28, averaged down to 14 × 14. */
export function digitFeatures(img: InkImage): Float32Array {
  const { data, width: w, height: h } = deslant(img);
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (data[y * w + x] > 0.3) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  const out28 = new Float32Array(28 * 28);
  if (x1 < 0) return new Float32Array(FEATURES);
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const k = 20 / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * k));
  const th = Math.max(1, Math.round(bh * k));
  // area-average resample of the box into tw × th
  const small = new Float32Array(tw * th);
  for (let ty = 0; ty < th; ty++)
    for (let tx = 0; tx < tw; tx++) {
      const sx0 = x0 + (tx / tw) * bw, sx1 = x0 + ((tx + 1) / tw) * bw;
      const sy0 = y0 + (ty / th) * bh, sy1 = y0 + ((ty + 1) / th) * bh;
      let sum = 0, n = 0;
      for (let y = Math.floor(sy0); y < Math.ceil(sy1); y++)
        for (let x = Math.floor(sx0); x < Math.ceil(sx1); x++) {
          sum += data[y * w + x];
          n++;
        }
      small[ty * tw + tx] = n ? Math.min(1, sum / n) : 0;
    }
  let mx = 0, my = 0, m = 0;
  for (let y = 0; y < th; y++)
    for (let x = 0; x < tw; x++) {
      const v = small[y * tw + x];
      mx += v * x;
      my += v * y;
      m += v;
    }
  const ox = Math.round(14 - (m ? mx / m : tw / 2)) ;
  const oy = Math.round(14 - (m ? my / m : th / 2));
  for (let y = 0; y < th; y++)
    for (let x = 0; x < tw; x++) {
      const X = x + ox, Y = y + oy;
      if (X >= 0 && X < 28 && Y >= 0 && Y < 28) out28[Y * 28 + X] = small[y * tw + x];
    }
  const f = new Float32Array(FEATURES);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) f[(y >> 1) * FEATURE_SIDE + (x >> 1)] += out28[y * 28 + x] / 4;
  return f;
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
  const off = skew > 0 ? extra / 2 : extra / 2;
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

export interface DigitModel {
  labels: Uint8Array;
  protos: Float32Array; // labels.length × FEATURES
}

let model: DigitModel | null = null;
/** The prototypes: a count, then per prototype its label (1 byte) and FEATURES bytes of 0..255. */
export function loadDigitModel(file = DIGIT_MODEL()): DigitModel {
  if (model) return model;
  const b = fs.readFileSync(file);
  const n = b.readUInt32LE(0);
  const labels = new Uint8Array(n);
  const protos = new Float32Array(n * FEATURES);
  for (let i = 0; i < n; i++) {
    const at = 4 + i * (1 + FEATURES);
    labels[i] = b[at];
    for (let j = 0; j < FEATURES; j++) protos[i * FEATURES + j] = b[at + 1 + j] / 255;
  }
  return (model = { labels, protos });
}

export function encodeDigitModel(m: DigitModel): Buffer {
  const n = m.labels.length;
  const b = Buffer.alloc(4 + n * (1 + FEATURES));
  b.writeUInt32LE(n, 0);
  for (let i = 0; i < n; i++) {
    const at = 4 + i * (1 + FEATURES);
    b[at] = m.labels[i];
    for (let j = 0; j < FEATURES; j++) b[at + 1 + j] = Math.round(Math.max(0, Math.min(1, m.protos[i * FEATURES + j])) * 255);
  }
  return b;
}

/** The digit and how sure: the margin between the nearest prototype and the nearest of another digit. */
export function classifyDigit(f: Float32Array, m = loadDigitModel()): { digit: number; confidence: number; distances: number[] } {
  const best = new Float64Array(10).fill(Infinity);
  for (let i = 0; i < m.labels.length; i++) {
    let d = 0;
    const o = i * FEATURES;
    for (let j = 0; j < FEATURES; j++) {
      const t = f[j] - m.protos[o + j];
      d += t * t;
    }
    if (d < best[m.labels[i]]) best[m.labels[i]] = d;
  }
  let a = 0;
  for (let c = 1; c < 10; c++) if (best[c] < best[a]) a = c;
  let b2 = Infinity;
  for (let c = 0; c < 10; c++) if (c !== a) b2 = Math.min(b2, best[c]);
  const confidence = b2 > 0 ? Math.max(0, Math.min(1, (Math.sqrt(b2) - Math.sqrt(best[a])) / Math.sqrt(b2))) : 0;
  return { digit: a, confidence, distances: Array.from(best, Math.sqrt) };
}

// ---- cutting digits out of a blank ---------------------------------------------------------

/** Otsu's threshold of grey pixels (0 = black): ink is what lies below it. */
export function otsu(px: Uint8Array | Buffer): number {
  return otsuLevel(px) + 1;
}

/** Reads the digits written in a blank; null when nothing is written there. */
export interface HandwrittenReading {
  text: string;
  confidence: number;
  /** the best reading whose value passes `accept` (a day of 1–31), the digits' distances summed */
  best(accept: (text: string) => boolean): string | null;
}

export function readHandwrittenDigits(grey: { data: Uint8Array | Buffer; width: number; height: number }): HandwrittenReading | null {
  const t = otsu(grey.data);
  // a blank that is only paper: Otsu splits paper grain, and nothing is dark
  let dark = 0;
  for (const v of grey.data) if (v < 110) dark++;
  if (dark < grey.width * grey.height * 0.004) return null;
  const digits = cutDigits(grey, Math.min(t, 160));
  if (!digits.length || digits.length > 5) return null;
  const read = digits.flatMap(readOneOrTwo);
  return {
    text: read.map((r) => r.digit).join(''),
    confidence: Math.min(...read.map((r) => r.confidence)),
    best(accept) {
      // every combination of each digit's three nearest classes (at most 27 for two digits)
      const top = read.map((r) => r.distances.map((d, digit) => ({ d, digit })).sort((x, y) => x.d - y.d).slice(0, 3));
      let out: { text: string; cost: number } | null = null;
      const walk = (i: number, text: string, cost: number) => {
        if (i === top.length) {
          if (accept(text) && (!out || cost < out.cost)) out = { text, cost };
          return;
        }
        for (const c of top[i]) walk(i + 1, text + c.digit, cost + c.d);
      };
      if (top.length <= 3) walk(0, '', 0);
      return (out as { text: string } | null)?.text ?? null;
    },
  };
}

/**
 * One digit, or two written touching ("90"): a component about as wide as tall is read both
 * ways, and split when its two halves each look like a digit more than the whole does.
 */
function readOneOrTwo(d: InkImage): ReturnType<typeof classifyDigit>[] {
  const whole = classifyDigit(digitFeatures(d));
  if (d.width < d.height * 0.95) return [whole];
  const halves = splitInto(d, 2).map((p) => classifyDigit(digitFeatures(p)));
  const fit = (r: ReturnType<typeof classifyDigit>) => r.distances[r.digit];
  return (fit(halves[0]) + fit(halves[1])) / 2 < fit(whole) * 0.8 ? halves : [whole];
}
