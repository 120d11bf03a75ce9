// The training inputs, made off the training thread: worker threads draw each batch's office
// writing (digit-augment.ts) while the network learns from the one before. Every input is a pure
// function of its example and its own seed, so the run is the same whatever the thread count.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { cleanDigit, officeDigit, rng } from './digit-augment';
import { mnistSplits, type Example } from './digit-eval';

const N = 28 * 28;
/** one training input to make: the training example's index and its own seed */
export interface Job {
  i: number;
  seed: number;
}

/** The network's input for an example: office writing most of the time, MNIST as given sometimes. */
export async function inputFor(train: Example[], job: Job): Promise<Float32Array> {
  const r = rng(job.seed);
  const ex = train[job.i];
  if (r() < 0.12) return cleanDigit(ex.image);
  const neighbour = r() < 0.15 ? train[Math.floor(r() * train.length)].image : undefined;
  return officeDigit(ex.image, ex.label, r, neighbour);
}

async function makeAll(train: Example[], jobs: Job[]): Promise<Float32Array> {
  const out = new Float32Array(jobs.length * N);
  const made = await Promise.all(jobs.map((j) => inputFor(train, j)));
  made.forEach((x, k) => out.set(x, k * N));
  return out;
}

/** Makes batches of inputs on `threads` workers (0: on this thread), in the order asked. */
export class InputMaker {
  private workers: Worker[] = [];
  private waiting = new Map<number, { resolve: (data: Float32Array) => void; reject: (e: Error) => void }>();
  private next = 0;
  constructor(private train: Example[], threads: number) {
    for (let k = 0; k < threads; k++) {
      // tsx's loader is registered in the worker before the module loads (Node 20 does not pass --import on)
      const w = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`, { eval: true });
      w.on('message', (m: { id: number; data: Float32Array }) => {
        this.waiting.get(m.id)?.resolve(m.data);
        this.waiting.delete(m.id);
      });
      // a worker that fails or stops fails every batch still waiting, so training ends with the cause
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => {
        if (code !== 0 || this.waiting.size) this.failAll(new Error(`digit input worker stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }
  async make(jobs: Job[]): Promise<Float32Array[]> {
    const id = this.next++;
    const data = this.workers.length
      ? await new Promise<Float32Array>((resolve, reject) => {
          this.waiting.set(id, { resolve, reject });
          this.workers[id % this.workers.length].postMessage({ id, jobs });
        })
      : await makeAll(this.train, jobs);
    return jobs.map((_, k) => data.subarray(k * N, (k + 1) * N));
  }
  private failAll(e: Error): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { train } = mnistSplits();
  port.on('message', (m: { id: number; jobs: Job[] }) => {
    void makeAll(train, m.jobs).then((data) => port.postMessage({ id: m.id, data }, [data.buffer as ArrayBuffer]));
  });
}
