// Build step: learns the handwritten-digit prototypes (assets/ocr/digit-prototypes.bin) from
// the digits the `mnist` package ships: every sample normalised as the reader normalises what
// it cuts from a page, then k-means per digit. Deterministic (no random start).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { DIGIT_MODEL, digitFeatures, encodeDigitModel, FEATURES } from '../electron/ocr/handwritten-digits';

const require = createRequire(import.meta.url);
const PER_DIGIT = Number(process.env.DIGIT_PROTOTYPES ?? 60);
const ROUNDS = 10;

function kmeans(samples: Float32Array[], k: number): Float32Array[] {
  // start from samples spread evenly through the set
  let centres = Array.from({ length: k }, (_, i) => Float32Array.from(samples[Math.floor((i * samples.length) / k)]));
  for (let r = 0; r < ROUNDS; r++) {
    const sums = centres.map(() => new Float64Array(FEATURES));
    const counts = new Array(k).fill(0);
    for (const s of samples) {
      let best = 0, bd = Infinity;
      for (let c = 0; c < k; c++) {
        let d = 0;
        for (let j = 0; j < FEATURES; j++) d += (s[j] - centres[c][j]) ** 2;
        if (d < bd) [bd, best] = [d, c];
      }
      counts[best]++;
      for (let j = 0; j < FEATURES; j++) sums[best][j] += s[j];
    }
    centres = centres.map((c, i) => (counts[i] ? Float32Array.from(sums[i], (v) => v / counts[i]) : c));
  }
  return centres;
}

/** A 1 with a flag: a stroke from its top down to the left, a third of its height long. */
function withFlag(img: Float32Array, share: number): Float32Array {
  const out = Float32Array.from(img);
  let top = -1, bottom = -1, tx = 0;
  for (let y = 0; y < 28 && top < 0; y++) for (let x = 0; x < 28; x++) if (img[y * 28 + x] > 0.5) [top, tx] = [y, x];
  for (let y = 27; y >= 0 && bottom < 0; y--) for (let x = 0; x < 28; x++) if (img[y * 28 + x] > 0.5) bottom = y;
  if (top < 0) return out;
  const len = Math.max(3, Math.round((bottom - top) * share));
  for (let k = 0; k <= len * 3; k++) {
    const x = tx - (k / 3) * 0.9;
    const y = top + (k / 3) * 0.8;
    for (let dx = 0; dx <= 1; dx++)
      for (let dy = 0; dy <= 1; dy++) {
        const X = Math.round(x) + dx, Y = Math.round(y) + dy;
        if (X >= 0 && X < 28 && Y >= 0 && Y < 28) out[Y * 28 + X] = 1;
      }
  }
  return out;
}

const labels: number[] = [];
const protos: Float32Array[] = [];
for (let d = 0; d < 10; d++) {
  const raw: number[] = require(`mnist/src/digits/${d}.json`).data;
  const n = Math.floor(raw.length / 784);
  const images: Float32Array[] = Array.from({ length: n }, (_, i) => Float32Array.from(raw.slice(i * 784, (i + 1) * 784)));
  // Vietnamese hands write a 1 with a long up-stroke (a "flag") that MNIST's 1s rarely have
  if (d === 1) images.push(...images.map((im) => withFlag(im, 0.45)), ...images.map((im) => withFlag(im, 0.7)));
  const samples = images.map((data) => digitFeatures({ data, width: 28, height: 28 }));
  for (const c of PER_DIGIT ? kmeans(samples, PER_DIGIT) : samples) {
    labels.push(d);
    protos.push(c);
  }
}
const all = new Float32Array(protos.length * FEATURES);
protos.forEach((p, i) => all.set(p, i * FEATURES));
const out = DIGIT_MODEL();
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, encodeDigitModel({ labels: Uint8Array.from(labels), protos: all }));
console.log(`digit prototypes: ${labels.length} → ${path.relative(process.cwd(), out)}`);
