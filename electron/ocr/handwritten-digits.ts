// A small handwritten-digit reader for the number and the day the văn thư writes in by hand
// (tesseract, trained on print, reads "21" as "4" and "190" as "490"). Digits are cut from the
// blank by connected ink components, described by their edge directions (digit-features.ts)
// and given the digit of the nearest example: every digit of the `mnist` package, with Vietnamese
// hands' flagged 1s and barred 7s added, which scripts/train-digits.ts encodes at build time.
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { assetPath } from '../paths';
import { otsuLevel } from './clean';
import { cutDigits, splitInto, type InkImage } from './digit-cut';
import { digitFeatures, FEATURES } from './digit-features';

export { cutDigits, digitFeatures, type InkImage };

export const DIGIT_MODEL = () => assetPath('ocr', 'digit-examples.bin.gz');

export interface DigitModel {
  labels: Uint8Array;
  /** the examples' features in 0..255, labels.length × FEATURES (kept as bytes: 5.6 MB, not 23) */
  examples: Uint8Array;
  /** the feature each column holds (the columns run most varying first) */
  order?: Uint16Array;
}

let model: DigitModel | null = null;
/** The examples, gzipped: a count, then per example its label (1 byte) and FEATURES bytes of 0..255. */
export function loadDigitModel(file = DIGIT_MODEL()): DigitModel {
  if (model) return model;
  const b = gunzipSync(fs.readFileSync(file));
  const n = b.readUInt32LE(0);
  const labels = new Uint8Array(n);
  const examples = new Uint8Array(n * FEATURES);
  for (let i = 0; i < n; i++) {
    const at = 4 + i * (1 + FEATURES);
    labels[i] = b[at];
    examples.set(b.subarray(at + 1, at + 1 + FEATURES), i * FEATURES);
  }
  return (model = byVariance({ labels, examples }));
}

/** The features reordered, most varying first: a far example's partial distance outgrows the best sooner. */
function byVariance(m: DigitModel): DigitModel {
  const n = m.labels.length;
  const sum = new Float64Array(FEATURES);
  const sq = new Float64Array(FEATURES);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < FEATURES; j++) {
      const v = m.examples[i * FEATURES + j];
      sum[j] += v;
      sq[j] += v * v;
    }
  const order = [...Array(FEATURES).keys()].sort((a, b) => sq[b] / n - (sum[b] / n) ** 2 - (sq[a] / n - (sum[a] / n) ** 2));
  const examples = new Uint8Array(m.examples.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < FEATURES; j++) examples[i * FEATURES + j] = m.examples[i * FEATURES + order[j]];
  return { labels: m.labels, examples, order: Uint16Array.from(order) };
}

/** The file `loadDigitModel` reads, from labels and features in 0..1. */
export function encodeDigitModel(labels: Uint8Array, features: Float32Array): Buffer {
  const n = labels.length;
  const b = Buffer.alloc(4 + n * (1 + FEATURES));
  b.writeUInt32LE(n, 0);
  for (let i = 0; i < n; i++) {
    const at = 4 + i * (1 + FEATURES);
    b[at] = labels[i];
    for (let j = 0; j < FEATURES; j++) b[at + 1 + j] = Math.round(Math.max(0, Math.min(1, features[i * FEATURES + j])) * 255);
  }
  return gzipSync(b, { level: 9 });
}

/** features summed between two checks against the best distance so far (FEATURES is a multiple) */
const ABANDON_EVERY = 14;
/** every STRIDE-th example is seen first, so each digit's best distance is tight early */
const STRIDE = 16;

/** The digit of the nearest example, and how sure: the margin between it and the nearest example of another digit. */
export function classifyDigit(f: Float32Array, m = loadDigitModel()): { digit: number; confidence: number; distances: number[] } {
  const q = m.order ? Float32Array.from(m.order, (j) => f[j] * 255) : Float32Array.from(f, (v) => v * 255);
  const best = new Float64Array(10).fill(Infinity);
  const { labels, examples } = m;
  // the exact nearest example per digit (the other digits' distances rank the alternatives a
  // day out of range falls back on), but an example is given up once it is farther than its digit's best
  const visit = (i: number) => {
    const bound = best[labels[i]];
    let d = 0;
    const o = i * FEATURES;
    for (let j = 0; j < FEATURES && d < bound; j += ABANDON_EVERY)
      for (let k = j; k < j + ABANDON_EVERY; k++) {
        const t = q[k] - examples[o + k];
        d += t * t;
      }
    if (d < bound) best[labels[i]] = d;
  };
  for (let i = 0; i < labels.length; i += STRIDE) visit(i);
  for (let i = 0; i < labels.length; i++) if (i % STRIDE) visit(i);
  const dist = Array.from(best, (d) => Math.sqrt(d) / 255);
  let a = 0;
  for (let c = 1; c < 10; c++) if (dist[c] < dist[a]) a = c;
  let b2 = Infinity;
  for (let c = 0; c < 10; c++) if (c !== a) b2 = Math.min(b2, dist[c]);
  const confidence = b2 > 0 ? Math.max(0, Math.min(1, (b2 - dist[a]) / b2)) : 0;
  return { digit: a, confidence, distances: dist };
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

/** how much nearer to examples two halves must be than the whole: a barred 7 is wide, not two digits */
const SPLIT_GAIN = 0.7;

/**
 * One digit, or two written touching ("90"): a component about as wide as tall is read both
 * ways, and split when its two halves each look like a digit more than the whole does.
 */
function readOneOrTwo(d: InkImage): ReturnType<typeof classifyDigit>[] {
  const whole = classifyDigit(digitFeatures(d));
  if (d.width < d.height * 0.95) return [whole];
  const halves = splitInto(d, 2).map((p) => classifyDigit(digitFeatures(p)));
  const fit = (r: ReturnType<typeof classifyDigit>) => r.distances[r.digit];
  return (fit(halves[0]) + fit(halves[1])) / 2 < fit(whole) * SPLIT_GAIN ? halves : [whole];
}
