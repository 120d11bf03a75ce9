// Gradients of the digit network (electron/ocr/digit-net.ts) for one example's cross-entropy,
// added into `grad`, and Adam's update: written out by hand over Float32Arrays, as the network
// is small enough that this is faster than any framework's start-up.
import { SIDE, softmax, type Activations, type Layout } from '../electron/ocr/digit-net';

const P1 = SIDE / 2;

/** Gradient of a 3 × 3 convolution (after its relu) into its weights, bias and, if asked, input. */
function conv3Back(inp: Float32Array, cin: number, s: number, w: Float32Array, wAt: number, d: Float32Array, cout: number, g: Float32Array, gw: number, gb: number, dInp: Float32Array | null): void {
  const n = s * s;
  for (let o = 0; o < cout; o++) {
    const oo = o * n;
    let sb = 0;
    for (let j = oo; j < oo + n; j++) sb += d[j];
    g[gb + o] += sb;
    for (let i = 0; i < cin; i++) {
      const xi = i * n;
      for (let ky = 0; ky < 3; ky++)
        for (let kx = 0; kx < 3; kx++) {
          const dy = ky - 1, dx = kx - 1;
          const y0 = Math.max(0, -dy), y1 = Math.min(s, s - dy);
          const x0 = Math.max(0, -dx), x1 = Math.min(s, s - dx);
          const wi = ((o * cin + i) * 3 + ky) * 3 + kx;
          const k = w[wAt + wi];
          let sw = 0;
          for (let y = y0; y < y1; y++) {
            const ro = oo + y * s, ri = xi + (y + dy) * s + dx;
            for (let x = x0; x < x1; x++) sw += d[ro + x] * inp[ri + x];
            if (dInp) for (let x = x0; x < x1; x++) dInp[ri + x] += k * d[ro + x];
          }
          g[gw + wi] += sw;
        }
    }
  }
}

/** gradients of the layers' outputs, sized for the layout last used */
let scratch: { layout: Layout; dF: Float32Array; dH2: Float32Array; dA2: Float32Array; dH1: Float32Array; dA1: Float32Array } | null = null;

/** Gradient of out = W·inp + b: into W and b, and added into `dInp`. */
function denseBack(w: Float32Array, wAt: number, bAt: number, inp: Float32Array, d: ArrayLike<number>, g: Float32Array, dInp: Float32Array): void {
  const n = inp.length;
  for (let c = 0; c < d.length; c++) {
    const dl = d[c];
    if (dl === 0) continue;
    g[bAt + c] += dl;
    const o = wAt + c * n;
    for (let j = 0; j < n; j++) {
      g[o + j] += dl * inp[j];
      dInp[j] += dl * w[o + j];
    }
  }
}

/** Adds the gradient of −log p(label) at temperature 1 into `g`; returns the loss. */
export function backward(w: Float32Array, L: Layout, act: Activations, label: number, g: Float32Array): number {
  if (scratch?.layout !== L)
    scratch = { layout: L, dF: new Float32Array(L.dense), dH2: new Float32Array(L.hidden), dA2: new Float32Array(L.c2 * P1 * P1), dH1: new Float32Array(L.c1 * P1 * P1), dA1: new Float32Array(L.c1 * SIDE * SIDE) };
  const { dF, dH2, dA2, dH1, dA1 } = scratch;
  const p = softmax(act.logits);
  const dLogits = p.map((v, c) => v - (c === label ? 1 : 0));
  dH2.fill(0);
  if (L.dense) {
    // through the output layer and the dense layer's relu
    dF.fill(0);
    denseBack(w, L.w4[0], L.b4[0], act.f, dLogits, g, dF);
    for (let j = 0; j < dF.length; j++) if (act.f[j] <= 0) dF[j] = 0;
    denseBack(w, L.w3[0], L.b3[0], act.h2, dF, g, dH2);
  } else denseBack(w, L.w3[0], L.b3[0], act.h2, dLogits, g, dH2);
  // through pool 2 and relu 2
  dA2.fill(0);
  for (let j = 0; j < L.hidden; j++) if (act.a2[act.i2[j]] > 0) dA2[act.i2[j]] = dH2[j];
  dH1.fill(0);
  conv3Back(act.h1, L.c1, P1, w, L.w2[0], dA2, L.c2, g, L.w2[0], L.b2[0], dH1);
  dA1.fill(0);
  for (let j = 0; j < dH1.length; j++) if (act.a1[act.i1[j]] > 0) dA1[act.i1[j]] = dH1[j];
  conv3Back(act.input, 1, SIDE, w, L.w1[0], dA1, L.c1, g, L.w1[0], L.b1[0], null);
  return -Math.log(Math.max(1e-12, p[label]));
}

/** Adam with decoupled weight decay (biases too: too small a net to matter). */
export class Adam {
  private m: Float32Array;
  private v: Float32Array;
  private t = 0;
  constructor(n: number, private decay = 1e-4) {
    this.m = new Float32Array(n);
    this.v = new Float32Array(n);
  }
  step(w: Float32Array, g: Float32Array, lr: number, batch: number): void {
    this.t++;
    const b1 = 0.9, b2 = 0.999;
    const c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i] / batch;
      this.m[i] = b1 * this.m[i] + (1 - b1) * gi;
      this.v[i] = b2 * this.v[i] + (1 - b2) * gi * gi;
      w[i] -= lr * ((this.m[i] / c1) / (Math.sqrt(this.v[i] / c2) + 1e-8) + this.decay * w[i]);
    }
    g.fill(0);
  }
}
