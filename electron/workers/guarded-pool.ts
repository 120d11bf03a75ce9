// Worker threads for work that parses what a user sent (spreadsheets, signed PDFs): a thread
// runs one task at a time under a heap limit (resourceLimits) and a time limit, and the task
// can be cancelled; a task past a limit or cancelled ends its thread mid-parse, which gives
// its memory back. At most `size` threads live at once and the other tasks wait their turn, so
// a few large files at once cannot take the machine's memory. An idle thread is kept a little
// while for the next task with the same limits (starting one from the sources takes seconds),
// without keeping the process alive. Both this and the page pipeline's pool (pool.ts) start
// their threads the same way (workerScript).
import { Worker } from 'node:worker_threads';
import { CoreError } from '../errors';
import { workerScript, type WorkerScript } from './pool';
import { restoreBuffers, type ErrorData } from './transfer';

export interface WorkLimits {
  /** old-generation heap of the thread, MB */
  memoryMb: number;
  timeMs: number;
}

export interface GuardedOptions {
  limits: WorkLimits;
  /** the file the work is about, named in the errors */
  file: string;
  signal?: AbortSignal;
}

interface Job {
  message: { name: string; args: unknown[] };
  opts: GuardedOptions;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  memoryMb: number;
  /** settles the task it runs; null when idle */
  job: ((r: Reply | Error) => void) | null;
  idleTimer?: NodeJS.Timeout;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorData };

export class GuardedPool {
  private readonly waiting: Job[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 1;
  readonly size: number;
  private readonly idleMs: number;
  private readonly script: WorkerScript;
  private readonly rebuildError: (e: ErrorData) => Error;

  constructor(opts: { size?: number; idleMs?: number; script?: WorkerScript; rebuildError?: (e: ErrorData) => Error } = {}) {
    this.size = opts.size ?? 2;
    this.idleMs = opts.idleMs ?? 15_000;
    this.script = opts.script ?? workerScript(import.meta.url, 'guarded-entry', 'guarded-worker');
    this.rebuildError = opts.rebuildError ?? ((e) => Object.assign(new Error(e.message), { name: e.name }));
  }

  /** Runs task `name` on a thread of its own once one of the `size` places is free. */
  run(name: string, args: unknown[], opts: GuardedOptions): Promise<unknown> {
    if (opts.signal?.aborted) return Promise.reject(new CoreError('WORK_CANCELLED', { file: opts.file }));
    return new Promise((resolve, reject) => {
      const job: Job = { message: { name, args }, opts, resolve, reject };
      this.waiting.push(job);
      // cancelled while waiting: it never starts
      opts.signal?.addEventListener('abort', () => {
        const i = this.waiting.indexOf(job);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        reject(new CoreError('WORK_CANCELLED', { file: opts.file }));
      });
      this.next();
    });
  }

  /** Starts waiting tasks while there is room: an idle thread with the same heap limit, else a new one. */
  private next(): void {
    while (this.waiting.length) {
      const job = this.waiting[0];
      let slot = this.slots.find((s) => !s.job && s.memoryMb === job.opts.limits.memoryMb);
      if (!slot) {
        const idle = this.slots.find((s) => !s.job);
        if (this.slots.length >= this.size && !idle) return;
        if (this.slots.length >= this.size && idle) this.end(idle);
        slot = this.spawn(job.opts.limits.memoryMb);
      }
      this.waiting.shift();
      this.assign(slot, job);
    }
  }

  private spawn(memoryMb: number): Slot {
    const worker = new Worker(this.script.url, {
      workerData: this.script.workerData,
      // a deeper stack than the default 4 MB: read-excel-file recurses once per chunk of a sheet's XML
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(16, memoryMb / 16)), stackSizeMb: 16 },
    });
    const slot: Slot = { worker, memoryMb, job: null };
    worker.on('message', (r: Reply) => slot.job?.(r));
    // a thread that dies (out of memory, a crash) fails its task and leaves the pool
    const gone = (e: Error) => {
      this.forget(slot);
      slot.job?.(e);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`worker thread stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, job: Job): void {
    const { limits, file, signal } = job.opts;
    clearTimeout(slot.idleTimer);
    slot.worker.ref(); // a task in flight keeps the process alive, an idle thread does not
    const id = this.nextId++;
    const stop = (e: Error) => {
      this.end(slot);
      finish(e);
    };
    const timer = setTimeout(() => stop(new CoreError('WORK_TIMEOUT', { file, seconds: Math.round(limits.timeMs / 1000) })), limits.timeMs);
    const onAbort = () => stop(new CoreError('WORK_CANCELLED', { file }));
    signal?.addEventListener('abort', onAbort);
    const finish = (r: Reply | Error) => {
      if (!(r instanceof Error) && r.id !== id) return;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      slot.job = null;
      if (this.slots.includes(slot)) this.idle(slot);
      if (r instanceof Error) job.reject((r as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new CoreError('WORK_OUT_OF_MEMORY', { file, limit: limits.memoryMb }) : r);
      else if (r.ok) job.resolve(restoreBuffers(r.value));
      else job.reject(this.rebuildError(r.error));
      this.next();
    };
    slot.job = finish;
    slot.worker.postMessage({ id, ...job.message });
  }

  private idle(slot: Slot): void {
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => this.end(slot), this.idleMs);
    slot.idleTimer.unref();
  }

  private forget(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  /** Ends a thread, whatever it is doing. */
  private end(slot: Slot): void {
    this.forget(slot);
    void slot.worker.terminate();
  }

  /** Stops every thread (their tasks fail) and forgets the waiting tasks. */
  async close(): Promise<void> {
    for (const job of this.waiting.splice(0)) job.reject(new CoreError('WORK_CANCELLED', { file: job.opts.file }));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
