// The core's own process. Electron's main process forks the bundle of this file
// (dist-electron/core-host.cjs) as a utilityProcess, so synchronous SQLite, PDF rendering
// and signing never block the process that paints the window. It opens the Core, keeps one
// Client per window and answers the messages of core-protocol.ts over process.parentPort.
import type { ParentPort } from 'electron';
import { fail, ok, type Result } from '../../shared/result';
import { Core, type Client } from '../core';
import { seedDemo } from '../coverage/demo';
import { CoreError, toAppError } from '../errors';
import { coreStopped, type FromCore, type RequestMessage, type ToCore } from './core-protocol';

/** The two halves of process.parentPort the host uses (tests give it a Node IPC adapter). */
export interface HostPort {
  postMessage(message: FromCore): void;
  on(event: 'message', listener: (e: { data: ToCore }) => void): unknown;
}

export class CoreHost {
  private core: Core | null = null;
  private readonly clients = new Map<number, { client: Client; unsubscribe: () => void }>();

  constructor(
    private readonly port: HostPort,
    private readonly exit: (code: number) => void,
  ) {}

  async handle(msg: ToCore): Promise<void> {
    switch (msg.type) {
      case 'open':
        return this.open(msg.dataDir, msg.demo);
      case 'client.open':
        return this.openClient(msg.clientId);
      case 'client.close':
        return this.closeClient(msg.clientId);
      case 'close':
        return this.close();
      default:
        return this.reply(msg.id, await this.answer(msg));
    }
  }

  /** A value structured clone cannot carry is reported to the caller, not left to crash the host. */
  private reply(id: number, result: Result<unknown>): void {
    try {
      this.port.postMessage({ type: 'reply', id, result });
    } catch (e) {
      this.port.postMessage({ type: 'reply', id, result: fail(toAppError(e)) });
    }
  }

  private async open(dataDir: string, demo: boolean): Promise<void> {
    if (this.core) return this.port.postMessage({ type: 'ready' });
    try {
      const core = Core.open({ dataDir, shell: 'electron' });
      this.core = core;
      if (demo) await seedDemo(core);
      this.port.postMessage({ type: 'ready' });
    } catch (e) {
      this.port.postMessage({ type: 'failed', error: toAppError(e) });
    }
  }

  /** The client's job events go to its window only, filtered by the core as before. */
  private openClient(clientId: number): void {
    if (!this.core || this.clients.has(clientId)) return;
    const client = this.core.newClient({ localFiles: true });
    const unsubscribe = this.core.subscribe(client, (payload) => this.port.postMessage({ type: 'event', clientId, event: 'job.updated', payload }));
    this.clients.set(clientId, { client, unsubscribe });
  }

  private closeClient(clientId: number): void {
    this.clients.get(clientId)?.unsubscribe();
    this.clients.delete(clientId);
  }

  private async answer(msg: RequestMessage): Promise<Result<unknown>> {
    const core = this.core;
    if (!core) return fail(coreStopped());
    // a window the main process never opened a client for, or one already closed
    const client = this.clients.get(msg.clientId)?.client;
    if (!client) return fail(new CoreError('FORBIDDEN').toAppError());
    try {
      if (msg.type === 'call') return await core.call(msg.method, msg.payload, client);
      if (msg.type === 'asset') return ok(core.asset(msg.kind, msg.assetId, client));
      return ok(await core.download(msg.name, new URLSearchParams(msg.query), client));
    } catch (e) {
      return fail(toAppError(e));
    }
  }

  /** Running jobs stop between files and resume at the next start; then the process ends. */
  private async close(): Promise<void> {
    const core = this.core;
    this.core = null;
    for (const id of [...this.clients.keys()]) this.closeClient(id);
    try {
      await core?.close();
    } finally {
      this.exit(0);
    }
  }
}

export function serveCore(port: HostPort, exit: (code: number) => void = (code) => process.exit(code)): CoreHost {
  const host = new CoreHost(port, exit);
  port.on('message', (e) => void host.handle(e.data));
  return host;
}

// Started as a utility process (or by the tests' stand-in), not when imported.
const parentPort = (process as { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  serveCore(parentPort);
  // a packaged utility process may end once its event loop is empty, port listener or not
  // (electron/electron#42978); the host lives until it is asked to close or the app ends
  setInterval(() => {}, 2 ** 30);
}
