// npm run train:digits — trains the hand-written digit reader's network (electron/ocr/digit-net.ts)
// on the `mnist` package's digits made to look like Vietnamese office writing (digit-augment.ts),
// calibrates it, and writes assets/ocr/digit-net.bin.gz. Reproducible: a fixed seed drives the
// weights, the order and every augmentation. Not run by the build (minutes on two cores): the
// build only checks the committed weights (scripts/check-digit-net.ts).
//   split, per digit, by index: i % 10 = 0 held out for the accuracy printed, 1 for calibration,
//   the rest trains. DIGIT_EPOCHS (default 4) sets the length, DIGIT_NET_OUT another output file.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DIGIT_NET_FILE, encodeDigitNet, forward, layoutOf, newActivations, softmax, type DigitNetInfo } from '../electron/ocr/digit-net';
import { cleanDigit, officeDigit, rng, type Rng } from './digit-augment';
import { Adam, backward } from './digit-backprop';

const require = createRequire(import.meta.url);
const SEED = 20261207;
const EPOCHS = Number(process.env.DIGIT_EPOCHS ?? 4);
const BATCH = 32;
const CHANNELS: [number, number] = [8, 16];
const LAYOUT = layoutOf(...CHANNELS);
const N = 28 * 28;

interface Example {
  image: Float32Array;
  label: number;
}
const splits: Record<'train' | 'calib' | 'test', Example[]> = { train: [], calib: [], test: [] };
for (let d = 0; d < 10; d++) {
  const raw: number[] = require(`mnist/src/digits/${d}.json`).data;
  for (let i = 0; i < Math.floor(raw.length / N); i++) {
    const ex = { image: Float32Array.from(raw.slice(i * N, (i + 1) * N)), label: d };
    splits[i % 10 === 0 ? 'test' : i % 10 === 1 ? 'calib' : 'train'].push(ex);
  }
}

function init(r: Rng): Float32Array {
  const w = new Float32Array(LAYOUT.total);
  const normal = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const he = (k: 'w1' | 'w2' | 'w3', fanIn: number) => {
    const [a, b] = LAYOUT[k];
    for (let i = a; i < b; i++) w[i] = normal() * Math.sqrt(2 / fanIn);
  };
  he('w1', 9);
  he('w2', 9 * LAYOUT.c1);
  he('w3', LAYOUT.hidden);
  return w;
}

/** The network's input for an example: office writing most of the time, MNIST as given sometimes. */
async function input(ex: Example, r: Rng, pool: Example[]): Promise<Float32Array> {
  if (r() < 0.12) return cleanDigit(ex.image);
  const neighbour = r() < 0.15 ? pool[Math.floor(r() * pool.length)].image : undefined;
  return officeDigit(ex.image, ex.label, r, neighbour);
}

async function train(w: Float32Array, r: Rng): Promise<void> {
  const act = newActivations(LAYOUT);
  const grad = new Float32Array(w.length);
  const adam = new Adam(w.length);
  const order = splits.train.map((_, i) => i);
  const steps = EPOCHS * Math.ceil(order.length / BATCH);
  let step = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const t0 = performance.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (let b = 0; b < order.length; b += BATCH) {
      const batch = order.slice(b, b + BATCH).map((i) => splits.train[i]);
      // one generator per example, seeded from the run's: the same inputs whatever sharp's timing
      const inputs = await Promise.all(batch.map((ex) => input(ex, rng(Math.floor(r() * 2 ** 32)), splits.train)));
      for (let k = 0; k < batch.length; k++) {
        act.input.set(inputs[k]);
        forward(w, LAYOUT, act);
        loss += backward(w, LAYOUT, act, batch[k].label, grad);
      }
      const lr = 1e-4 + (2.5e-3 - 1e-4) * 0.5 * (1 + Math.cos((Math.PI * step++) / steps));
      adam.step(w, grad, lr, batch.length);
      if (step % 50 === 0) console.log(`  step ${step}/${steps}: loss ${(loss / (b + batch.length)).toFixed(4)}`);
    }
    console.log(`epoch ${epoch + 1}/${EPOCHS}: loss ${(loss / order.length).toFixed(4)} · ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}

/** Logits of every example, as given or as office writing (a fixed seed per set). */
async function logitsOf(w: Float32Array, set: Example[], office: boolean, seed: number): Promise<{ logits: Float32Array[]; labels: number[] }> {
  const r = rng(seed);
  const act = newActivations(LAYOUT);
  const logits: Float32Array[] = [];
  for (const ex of set) {
    act.input.set(office ? await officeDigit(ex.image, ex.label, rng(Math.floor(r() * 2 ** 32)), r() < 0.15 ? set[Math.floor(r() * set.length)].image : undefined) : cleanDigit(ex.image));
    logits.push(Float32Array.from(forward(w, LAYOUT, act)));
  }
  return { logits, labels: set.map((e) => e.label) };
}

const argmax = (p: number[]) => p.indexOf(Math.max(...p));
const accuracy = (l: Float32Array[], y: number[]) => l.filter((x, i) => argmax(Array.from(x)) === y[i]).length / l.length;
const nll = (l: Float32Array[], y: number[], t: number) => l.reduce((s, x, i) => s - Math.log(Math.max(1e-12, softmax(x, t)[y[i]])), 0) / l.length;

/** Expected calibration error over ten bins of the top probability. */
function ece(l: Float32Array[], y: number[], t: number): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  l.forEach((x, i) => {
    const p = softmax(x, t);
    const top = Math.max(...p);
    const b = bins[Math.min(9, Math.floor(top * 10))];
    b.n++;
    b.conf += top;
    b.right += argmax(p) === y[i] ? 1 : 0;
  });
  return bins.reduce((s, b) => s + (b.n ? (b.n / l.length) * Math.abs(b.conf / b.n - b.right / b.n) : 0), 0);
}

/** The temperature that minimises the calibration split's negative log-likelihood (golden section on log T). */
function fitTemperature(l: Float32Array[], y: number[]): number {
  let a = Math.log(0.25), b = Math.log(8);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 40; k++) {
    const c = b - g * (b - a), d = a + g * (b - a);
    if (nll(l, y, Math.exp(c)) < nll(l, y, Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const r = rng(SEED);
  const w = init(r);
  console.log(`digit network: ${LAYOUT.total} weights · train ${splits.train.length}, calibration ${splits.calib.length}, held out ${splits.test.length} · ${EPOCHS} epochs · seed ${SEED}`);
  await train(w, r);
  // calibration: the calibration split as given and twice as office writing
  const parts = [await logitsOf(w, splits.calib, false, SEED + 1), await logitsOf(w, splits.calib, true, SEED + 2), await logitsOf(w, splits.calib, true, SEED + 3)];
  const cl = parts.flatMap((p) => p.logits);
  const cy = parts.flatMap((p) => p.labels);
  const temperature = fitTemperature(cl, cy);
  // the threshold that flags 90% of the calibration split's misreadings
  const tops = cl.map((x, i) => ({ p: Math.max(...softmax(x, temperature)), right: argmax(softmax(x, temperature)) === cy[i] }));
  const wrongP = tops.filter((x) => !x.right).map((x) => x.p).sort((a, b) => a - b);
  const threshold = wrongP.length ? wrongP[Math.min(wrongP.length - 1, Math.floor(wrongP.length * 0.9))] + 1e-6 : 0.5;
  const rights = tops.filter((x) => x.right);
  const clean = await logitsOf(w, splits.test, false, SEED + 4);
  const office = await logitsOf(w, splits.test, true, SEED + 5);
  const info: DigitNetInfo = {
    channels: CHANNELS,
    seed: SEED,
    temperature: Number(temperature.toFixed(4)),
    threshold: Number(threshold.toFixed(4)),
    heldOut: { clean: Number(accuracy(clean.logits, clean.labels).toFixed(4)), office: Number(accuracy(office.logits, office.labels).toFixed(4)), count: splits.test.length },
    calibration: {
      wrongFlagged: Number((wrongP.filter((p) => p < threshold).length / Math.max(1, wrongP.length)).toFixed(3)),
      rightFlagged: Number((rights.filter((x) => x.p < threshold).length / Math.max(1, rights.length)).toFixed(3)),
      eceBefore: Number(ece(cl, cy, 1).toFixed(4)),
      eceAfter: Number(ece(cl, cy, temperature).toFixed(4)),
      count: cl.length,
    },
    trainedOn: splits.train.length,
    trainedAt: new Date().toISOString().slice(0, 10),
  };
  const out = process.env.DIGIT_NET_OUT ?? DIGIT_NET_FILE();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, encodeDigitNet({ weights: w, info }));
  console.log(`held-out accuracy: ${(info.heldOut.clean * 100).toFixed(2)}% as given, ${(info.heldOut.office * 100).toFixed(2)}% as office writing (${info.heldOut.count} digits)`);
  console.log(`calibration: T = ${info.temperature}, ECE ${info.calibration.eceBefore} → ${info.calibration.eceAfter}; threshold ${info.threshold} flags ${(info.calibration.wrongFlagged * 100).toFixed(0)}% of misreadings, ${(info.calibration.rightFlagged * 100).toFixed(1)}% of right readings`);
  console.log(`→ ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

void main();
