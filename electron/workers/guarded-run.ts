// The process's guarded worker threads (guarded-pool.ts) and their limits, shared by every
// caller: a core, the CLI, tests. The limits are set well above what a real register,
// catalogue or signed file needs, and far below what takes the machine down.
import { rebuildError } from './rebuild-error';
import { GuardedPool, type WorkLimits } from './guarded-pool';
import type { GuardedTaskName, GuardedTasks } from './guarded-tasks';

export const WORK_LIMITS = {
  /** a 1,000,000-row workbook parses in about a minute and under 1.5 GB */
  table: { memoryMb: 2048, timeMs: 180_000 } as WorkLimits,
  /** a signed PDF: seconds normally, whatever its signatures */
  verify: { memoryMb: 1024, timeMs: 120_000 } as WorkLimits,
};

let shared: GuardedPool | null = null;
const pool = () => (shared ??= new GuardedPool({ rebuildError }));

type Args<K extends GuardedTaskName> = Parameters<GuardedTasks[K]>;
type Result<K extends GuardedTaskName> = Awaited<ReturnType<GuardedTasks[K]>>;

/** Runs a guarded task in a thread of its own, under `limits`; `file` names the file in the errors. */
export function runGuarded<K extends GuardedTaskName>(name: K, opts: { limits: WorkLimits; file: string; signal?: AbortSignal }, ...args: Args<K>): Promise<Result<K>> {
  return pool().run(name, args, opts) as Promise<Result<K>>;
}

/** Stops the guarded threads (the next task starts new ones). */
export async function closeGuardedWorkers(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}
