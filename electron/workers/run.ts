// The process's worker threads for the page pipeline, shared by every caller (a core, the
// CLI, tests). SOHOA_INLINE_WORKERS=1 runs the same tasks on the calling thread instead: the
// yardstick for what the workers take off it (npm run bench:lag).
import { WorkerPool } from './pool';
import { tasks, type TaskName, type Tasks } from './tasks';
import { rebuildError } from './rebuild-error';

export { rebuildError } from './rebuild-error';

type Args<K extends TaskName> = Parameters<Tasks[K]>;
type Result<K extends TaskName> = Awaited<ReturnType<Tasks[K]>>;

export const inlineWork = () => process.env.SOHOA_INLINE_WORKERS === '1';

let shared: WorkerPool | null = null;
const pool = () => (shared ??= new WorkerPool({ rebuildError }));

function runInline<K extends TaskName>(name: K, args: Args<K>): Promise<Result<K>> {
  return (tasks[name] as unknown as (...a: Args<K>) => Promise<Result<K>>)(...args);
}

/** Runs a task on the least busy worker thread. */
export function runTask<K extends TaskName>(name: K, ...args: Args<K>): Promise<Result<K>> {
  if (inlineWork()) return runInline(name, args);
  const p = pool();
  return p.run(p.pick(), name, args) as Promise<Result<K>>;
}

export interface WorkerSession {
  run<K extends TaskName>(name: K, ...args: Args<K>): Promise<Result<K>>;
}

/** One worker for a series of tasks that share its state (a PDF opened there stays there). */
export function workerSession(): WorkerSession {
  if (inlineWork()) return { run: (name, ...args) => runInline(name, args) };
  const p = pool();
  const slot = p.pick();
  return { run: (name, ...args) => p.run(slot, name, args) as Promise<Result<typeof name>> };
}

/** Stops the worker threads (they start again on the next task). */
export async function closeWorkers(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}
