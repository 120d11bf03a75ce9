// Build step: encodes the handwritten-digit reader's examples (assets/ocr/digit-examples.bin.gz)
// from the digits the `mnist` package ships, every sample described as the reader describes
// what it cuts from a page. MNIST's hands are American: the flagged 1 and the barred 7 that
// Vietnamese hands write are added by drawing the flag or the bar onto MNIST's own 1s and 7s.
// Deterministic: the same package gives the same file.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { digitFeatures, FEATURES } from '../electron/ocr/digit-features';
import { DIGIT_MODEL, encodeDigitModel } from '../electron/ocr/handwritten-digits';

const require = createRequire(import.meta.url);
const SIDE = 28;

type Put = (img: Float32Array, x: number, y: number) => void;
const put: Put = (img, x, y) => {
  for (let dx = 0; dx <= 1; dx++)
    for (let dy = 0; dy <= 1; dy++) {
      const X = Math.round(x) + dx, Y = Math.round(y) + dy;
      if (X >= 0 && X < SIDE && Y >= 0 && Y < SIDE) img[Y * SIDE + X] = 1;
    }
};

/** The rows the ink spans, and the column where the top row's ink ends on the right. */
function extent(img: Float32Array): { top: number; bottom: number; topX: number } | null {
  let top = -1, bottom = -1, topX = 0;
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++)
      if (img[y * SIDE + x] > 0.5) {
        if (top < 0 || y === top) [top, topX] = [y, x];
        bottom = y;
      }
  return top < 0 ? null : { top, bottom, topX };
}

/** A 1 with a flag: a stroke from its top down to the left, `share` of its height long. */
function withFlag(img: Float32Array<ArrayBuffer>, share: number): Float32Array<ArrayBuffer> {
  const out = Float32Array.from(img);
  const e = extent(img);
  if (!e) return out;
  const len = Math.max(3, Math.round((e.bottom - e.top) * share));
  for (let k = 0; k <= len * 3; k++) put(out, e.topX - (k / 3) * 0.9, e.top + (k / 3) * 0.8);
  return out;
}

/** A 7 with a bar across its stem, `at` of the way down. */
function withBar(img: Float32Array<ArrayBuffer>, at: number): Float32Array<ArrayBuffer> {
  const out = Float32Array.from(img);
  const e = extent(img);
  if (!e) return out;
  const y = Math.round(e.top + (e.bottom - e.top) * at);
  const xs = [...Array(SIDE).keys()].filter((x) => img[y * SIDE + x] > 0.5);
  if (!xs.length) return out;
  const cx = (xs[0] + xs[xs.length - 1]) / 2;
  const half = (e.bottom - e.top) * 0.22;
  // two rows high, as thin as MNIST's pencil
  for (let x = Math.max(0, Math.round(cx - half)); x <= Math.min(SIDE - 1, Math.round(cx + half)); x++) for (const Y of [y, y + 1]) if (Y < SIDE) out[Y * SIDE + x] = 1;
  return out;
}

const labels: number[] = [];
const examples: Float32Array[] = [];
for (let d = 0; d < 10; d++) {
  const raw: number[] = require(`mnist/src/digits/${d}.json`).data;
  const n = Math.floor(raw.length / (SIDE * SIDE));
  const images = Array.from({ length: n }, (_, i) => Float32Array.from(raw.slice(i * SIDE * SIDE, (i + 1) * SIDE * SIDE)));
  if (d === 1) images.push(...images.map((im) => withFlag(im, 0.45)), ...images.map((im) => withFlag(im, 0.7)));
  if (d === 7) images.push(...images.map((im) => withBar(im, 0.45)), ...images.map((im) => withBar(im, 0.55)));
  for (const data of images) {
    labels.push(d);
    examples.push(digitFeatures({ data, width: SIDE, height: SIDE }));
  }
}
const all = new Float32Array(examples.length * FEATURES);
examples.forEach((p, i) => all.set(p, i * FEATURES));
const out = DIGIT_MODEL();
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, encodeDigitModel(Uint8Array.from(labels), all));
console.log(`digit examples: ${labels.length} → ${path.relative(process.cwd(), out)}`);
