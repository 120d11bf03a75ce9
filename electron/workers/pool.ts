// A small pool of worker threads for the CPU work of the page pipeline. Workers start on first
// use, each runs several tasks at once (they await sharp and pdf.js), a task goes to the least
// busy worker or to the one holding its open PDF, and an idle pool does not keep the process
// alive. From the sources the thread starts through boot.mjs (tsx); bundled, from worker.cjs
// beside core-host.cjs, inside app.asar (Electron reads asar in worker threads since 18).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TaskMessage } from './entry';
import { restoreBuffers, type ErrorData } from './transfer';
import type { TaskName } from './tasks';

/** Two workers on the two-core machines the offices use: tesseract.js has a worker per core too. */
export const defaultWorkerCount = () => Math.max(1, Math.min(Number(process.env.SOHOA_CPU_WORKERS) || 2, os.availableParallelism?.() ?? os.cpus().length, 4));

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorData };

/** How a worker thread is started: the script and what it is told. */
export interface WorkerScript {
  url: URL;
  workerData?: { entry: string };
}

/**
 * The worker script for code at `here`: boot.mjs + `entry`.ts from the sources, else `bundle`.cjs
 * beside the bundle. Never from app.asar.unpacked: a script there resolves its modules among the
 * unpacked files only, so the unpacked sharp would miss detect-libc and semver left in the archive.
 */
export function workerScript(here = import.meta.url, entry = 'entry', bundle = 'worker'): WorkerScript {
  if (here.endsWith('.ts')) return { url: new URL('./boot.mjs', here), workerData: { entry: new URL(`./${entry}.ts`, here).href } };
  return { url: new URL(`./${bundle}.cjs`, here) };
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;

  readonly size: number;
  private readonly rebuildError: (e: ErrorData) => Error;
  private readonly script: WorkerScript;

  constructor(opts: { size?: number; rebuildError?: (e: ErrorData) => Error; script?: WorkerScript } = {}) {
    this.size = opts.size ?? defaultWorkerCount();
    this.rebuildError = opts.rebuildError ?? ((e) => Object.assign(new Error(e.message), { name: e.name }));
    this.script = opts.script ?? workerScript();
  }

  /** The worker a new task (or a PDF to hold open) should go to: an idle one, a new one, else the least busy. */
  pick(): Slot {
    const idle = this.slots.find((s) => s.pending.size === 0);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.start();
    return this.slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
  }

  /** Runs a task on a worker from pick(); Buffers in the result are Buffers again. */
  run(slot: Slot, name: TaskName, args: unknown[]): Promise<unknown> {
    if (!this.slots.includes(slot)) return Promise.reject(new Error('worker thread stopped'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.ref(); // a task in flight keeps the process alive, an idle pool does not
      slot.worker.postMessage({ id, name, args } satisfies TaskMessage);
    });
  }

  private start(): Slot {
    const worker = new Worker(this.script.url, { workerData: this.script.workerData });
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (r: Reply) => this.settle(slot, r));
    // a worker that dies fails its tasks and leaves the pool; new work starts a new one
    const fail = (e: Error) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      for (const p of slot.pending.values()) p.reject(e);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker thread stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private settle(slot: Slot, r: Reply): void {
    const p = slot.pending.get(r.id);
    if (!p) return;
    slot.pending.delete(r.id);
    if (slot.pending.size === 0) slot.worker.unref();
    if (r.ok) p.resolve(restoreBuffers(r.value));
    else p.reject(this.rebuildError(r.error));
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
