// A worker thread's main: runs the tasks it is sent, several at a time (they await sharp and
// pdf.js), and answers each with its result or its error.
import { parentPort } from 'node:worker_threads';
import { errorData, packForTransfer, restoreBuffers } from './transfer';
import { tasks, type TaskName } from './tasks';

export interface TaskMessage {
  id: number;
  name: TaskName;
  args: unknown[];
}

const port = parentPort!;
port.on('message', async (m: TaskMessage) => {
  try {
    const run = tasks[m.name] as (...a: unknown[]) => Promise<unknown>;
    const value = await run(...(restoreBuffers(m.args) as unknown[]));
    const transfer: ArrayBuffer[] = [];
    const packed = packForTransfer(value, transfer);
    port.postMessage({ id: m.id, ok: true, value: packed }, transfer);
  } catch (e) {
    port.postMessage({ id: m.id, ok: false, error: errorData(e) });
  }
});
