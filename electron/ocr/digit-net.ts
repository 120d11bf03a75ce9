// The hand-written digit reader's model: a small convolutional network, pure TypeScript,
// conv 3×3 → relu → max-pool 2 → conv 3×3 → relu → max-pool 2 → [dense → relu] → dense →
// softmax over the ten digits, on the 28 × 28 upright, mass-centred digit of digit-normalise.ts.
// Its weights are trained by scripts/train-digits.ts (fixed seed) and kept in
// assets/ocr/digit-net.bin.gz with the temperature that calibrates its probabilities and the
// threshold below which a reading goes to review, both set on a held-out split.
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { assetPath } from '../paths';

export const SIDE = 28;
const P1 = SIDE / 2;
const P2 = SIDE / 4;

/**
 * Where each layer's weights lie in the one Float32Array, for `c1` and `c2` feature maps and
 * `dense` hidden units before the output (0: the pooled maps feed the output, as the first
 * model had it; its file still reads).
 */
export function layoutOf(c1: number, c2: number, dense = 0) {
  const flat = c2 * P2 * P2;
  const d3 = dense || 10;
  const sizes = { w1: c1 * 9, b1: c1, w2: c2 * c1 * 9, b2: c2, w3: d3 * flat, b3: d3, w4: dense ? 10 * dense : 0, b4: dense ? 10 : 0 };
  let at = 0;
  const out = {} as Record<keyof typeof sizes, [number, number]>;
  for (const k of Object.keys(sizes) as (keyof typeof sizes)[]) {
    out[k] = [at, at + sizes[k]];
    at += sizes[k];
  }
  return { ...out, c1, c2, dense, hidden: flat, total: at };
}
export type Layout = ReturnType<typeof layoutOf>;

/** what training recorded about the model, shown by the build and used to flag readings */
export interface DigitNetInfo {
  /** feature maps of the two convolutions */
  channels: [number, number];
  /** hidden units of the dense layer before the output; absent: none */
  dense?: number;
  /** training passes over the training split, and their wall time on the machine that trained */
  epochs?: number;
  trainingSeconds?: number;
  seed: number;
  /** softmax temperature fitted on the calibration split */
  temperature: number;
  /** a digit read with a calibrated probability below this goes to review */
  threshold: number;
  /** held-out accuracy on MNIST test digits as given, and as office writing (augmented) */
  heldOut: { clean: number; office: number; count: number };
  /** the calibration split's errors flagged by `threshold`, and its right readings flagged */
  calibration: { wrongFlagged: number; rightFlagged: number; eceBefore: number; eceAfter: number; count: number };
  trainedOn: number;
  trainedAt: string;
}
export interface DigitNet {
  weights: Float32Array;
  info: DigitNetInfo;
  layout: Layout;
}

export const DIGIT_NET_FILE = () => assetPath('ocr', 'digit-net.bin.gz');

/** The file: gzip of [u32 length of the info JSON][info JSON][float32 weights, little-endian]. */
export function encodeDigitNet(net: Omit<DigitNet, 'layout'>): Buffer {
  const info = Buffer.from(JSON.stringify(net.info));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(info.length, 0);
  return gzipSync(Buffer.concat([head, info, Buffer.from(net.weights.buffer, net.weights.byteOffset, net.weights.byteLength)]), { level: 9 });
}

export function decodeDigitNet(file: Buffer): DigitNet {
  const b = gunzipSync(file);
  const n = b.readUInt32LE(0);
  const info = JSON.parse(b.subarray(4, 4 + n).toString()) as DigitNetInfo;
  const raw = b.subarray(4 + n);
  const weights = new Float32Array(raw.length / 4);
  for (let i = 0; i < weights.length; i++) weights[i] = raw.readFloatLE(i * 4);
  const layout = layoutOf(...info.channels, info.dense ?? 0);
  if (weights.length !== layout.total) throw new Error(`digit-net: ${weights.length} weights, expected ${layout.total}`);
  return { weights, info, layout };
}

let loaded: DigitNet | null = null;
export function loadDigitNet(file = DIGIT_NET_FILE()): DigitNet {
  return (loaded ??= decodeDigitNet(fs.readFileSync(file)));
}

/** The activations of one forward pass (training reads them back for the gradients). */
export interface Activations {
  input: Float32Array;
  a1: Float32Array; // conv1 after relu, C1 × 28 × 28
  h1: Float32Array; // pooled, C1 × 14 × 14
  i1: Int32Array; // where each pooled value came from in a1
  a2: Float32Array; // conv2 after relu, C2 × 14 × 14
  h2: Float32Array; // pooled, C2 × 7 × 7
  i2: Int32Array;
  f: Float32Array; // the dense layer after relu (empty without one)
  logits: Float32Array;
}

export function newActivations(L: Layout): Activations {
  return {
    input: new Float32Array(SIDE * SIDE),
    a1: new Float32Array(L.c1 * SIDE * SIDE),
    h1: new Float32Array(L.c1 * P1 * P1),
    i1: new Int32Array(L.c1 * P1 * P1),
    a2: new Float32Array(L.c2 * P1 * P1),
    h2: new Float32Array(L.hidden),
    i2: new Int32Array(L.hidden),
    f: new Float32Array(L.dense),
    logits: new Float32Array(10),
  };
}

/** A 3 × 3 convolution, zero padding, `cin` maps of side `s` into `cout`, then relu. */
export function conv3(inp: Float32Array, cin: number, s: number, w: Float32Array, wAt: number, b: Float32Array, bAt: number, cout: number, out: Float32Array): void {
  const n = s * s;
  for (let o = 0; o < cout; o++) {
    const oo = o * n;
    out.fill(b[bAt + o], oo, oo + n);
    for (let i = 0; i < cin; i++) {
      const xi = i * n;
      for (let ky = 0; ky < 3; ky++)
        for (let kx = 0; kx < 3; kx++) {
          const k = w[wAt + ((o * cin + i) * 3 + ky) * 3 + kx];
          const dy = ky - 1, dx = kx - 1;
          const y0 = Math.max(0, -dy), y1 = Math.min(s, s - dy);
          const x0 = Math.max(0, -dx), x1 = Math.min(s, s - dx);
          for (let y = y0; y < y1; y++) {
            const ro = oo + y * s, ri = xi + (y + dy) * s + dx;
            for (let x = x0; x < x1; x++) out[ro + x] += k * inp[ri + x];
          }
        }
    }
    for (let j = oo; j < oo + n; j++) if (out[j] < 0) out[j] = 0;
  }
}

/** 2 × 2 max-pooling of `c` maps of side `s`, remembering where each maximum came from. */
export function pool2(a: Float32Array, c: number, s: number, out: Float32Array, at: Int32Array): void {
  const h = s / 2;
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < h; x++) {
        let best = ch * s * s + 2 * y * s + 2 * x;
        for (const d of [1, s, s + 1]) if (a[ch * s * s + 2 * y * s + 2 * x + d] > a[best]) best = ch * s * s + 2 * y * s + 2 * x + d;
        const j = (ch * h + y) * h + x;
        out[j] = a[best];
        at[j] = best;
      }
}

/** The forward pass up to the logits, into `act` (whose `input` holds the digit). */
export function forward(w: Float32Array, L: Layout, act: Activations): Float32Array {
  conv3(act.input, 1, SIDE, w, L.w1[0], w, L.b1[0], L.c1, act.a1);
  pool2(act.a1, L.c1, SIDE, act.h1, act.i1);
  conv3(act.h1, L.c1, P1, w, L.w2[0], w, L.b2[0], L.c2, act.a2);
  pool2(act.a2, L.c2, P1, act.h2, act.i2);
  if (!L.dense) {
    dense(w, L.w3[0], L.b3[0], act.h2, act.logits);
    return act.logits;
  }
  dense(w, L.w3[0], L.b3[0], act.h2, act.f);
  for (let j = 0; j < act.f.length; j++) if (act.f[j] < 0) act.f[j] = 0;
  dense(w, L.w4[0], L.b4[0], act.f, act.logits);
  return act.logits;
}

/** out = W·inp + b, W row-major (one row of `inp.length` weights per output). */
function dense(w: Float32Array, wAt: number, bAt: number, inp: Float32Array, out: Float32Array): void {
  const n = inp.length;
  for (let c = 0; c < out.length; c++) {
    let s = w[bAt + c];
    const o = wAt + c * n;
    for (let j = 0; j < n; j++) s += w[o + j] * inp[j];
    out[c] = s;
  }
}

/** Softmax of logits divided by a temperature. */
export function softmax(logits: ArrayLike<number>, temperature = 1): number[] {
  const z = Array.from(logits, (v) => v / temperature);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** the layers' outputs, sized for the layout last read with */
let scratch: { layout: Layout; act: Activations } | null = null;
/** The calibrated probability of each digit for a normalised 28 × 28 digit. */
export function digitProbabilities(digit: Float32Array, net = loadDigitNet()): number[] {
  if (scratch?.layout !== net.layout) scratch = { layout: net.layout, act: newActivations(net.layout) };
  const act = scratch.act;
  act.input.set(digit);
  return softmax(forward(net.weights, net.layout, act), net.info.temperature);
}
