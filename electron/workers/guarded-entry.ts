// A guarded worker thread's main (guarded-pool.ts): runs the tasks it is sent, one at a time,
// and answers each with its result or its error.
import { parentPort } from 'node:worker_threads';
import { guardedTasks, type GuardedTaskName } from './guarded-tasks';
import { errorData, packForTransfer, restoreBuffers } from './transfer';

const port = parentPort!;
port.on('message', async (m: { id: number; name: GuardedTaskName; args: unknown[] }) => {
  try {
    const run = guardedTasks[m.name] as (...a: unknown[]) => Promise<unknown>;
    const value = await run(...(restoreBuffers(m.args) as unknown[]));
    const transfer: ArrayBuffer[] = [];
    port.postMessage({ id: m.id, ok: true, value: packForTransfer(value, transfer) }, transfer);
  } catch (e) {
    port.postMessage({ id: m.id, ok: false, error: errorData(e) });
  }
});
