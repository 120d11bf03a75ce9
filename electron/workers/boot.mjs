// Starts a worker thread from the TypeScript sources (tests, the CLI, the browser host):
// tsx is registered in the thread first. The bundled app starts dist-electron/worker.cjs instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
