// The main process's handle on the core's utility process: forks core-host.cjs, numbers
// each request and matches its reply, passes job events on, re-opens the windows' clients
// after a restart, and when the child dies answers every waiting call with CORE_STOPPED.
import { EventEmitter } from 'node:events';
import { utilityProcess, type ForkOptions } from 'electron';
import { fail, type AppError, type Result } from '../../shared/result';
import type { JobState } from '../../shared/contract';
import { CoreOutput } from './core-output';
import { CORE_SERVICE_NAME, coreStopped, type FromCore, type RequestKind, type Requests, type ToCore } from './core-protocol';

/** What the main process uses of a UtilityProcess (tests fork a Node child behind it). */
export interface CoreChild {
  postMessage(message: ToCore): void;
  on(event: 'message', listener: (message: FromCore) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** Electron's fatal V8 error in the child (the process then exits) */
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  /** piped stderr (stdio: 'pipe'), else null */
  readonly stderr?: NodeJS.ReadableStream | null;
  kill(): boolean;
}
export type ForkCore = (modulePath: string, args: string[], options: ForkOptions) => CoreChild;

/** How long a quitting core may take to stop its jobs between files before it is killed. */
const STOP_GRACE_MS = 20_000;

/** When a child's piped stream has ended, or a second has passed. */
function streamEnd(stream: NodeJS.ReadableStream | null | undefined): Promise<void> {
  if (!stream || (stream as { readableEnded?: boolean }).readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    setTimeout(resolve, 1000).unref();
  });
}

export class CoreStartError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export class CoreProcess {
  private child: CoreChild | null = null;
  private state: 'idle' | 'starting' | 'ready' | 'stopping' = 'idle';
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly clients = new Set<number>();
  private readonly events = new EventEmitter();
  private starting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private stopping: Promise<void> | null = null;
  private stopped: (() => void) | null = null;
  private readonly output: CoreOutput;

  constructor(
    private readonly opts: { entry: string; dataDir: string; demo: boolean; logFile?: string },
    private readonly fork: ForkCore = (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
  ) {
    this.output = new CoreOutput(opts.logFile);
  }

  /** The end of what the core's process last wrote to stderr (shown when it dies). */
  lastOutput(): string {
    return this.output.lastLines();
  }

  get running(): boolean {
    return this.state === 'ready';
  }

  /** Forks the host and opens the archive in it; rejects with the core's own error if that fails. */
  start(): Promise<void> {
    if (this.state !== 'idle') return Promise.reject(new Error(`the core is already ${this.state}`));
    // stderr piped (and copied on): a core dying at start is then told by its own words
    const child = this.fork(this.opts.entry, [], { serviceName: CORE_SERVICE_NAME, stdio: ['ignore', 'inherit', 'pipe'] });
    this.child = child;
    this.state = 'starting';
    this.output.clear();
    this.output.follow(child.stderr);
    child.on('message', (m) => this.receive(m));
    child.on('exit', (code) => this.exited(child, code));
    // without a listener, Electron's 'error' (a fatal V8 error in the child) would be thrown in the main process
    child.on('error', (type, location) => this.output.add(`${type}${location ? ` at ${location}` : ''}\n`));
    return new Promise<void>((resolve, reject) => {
      this.starting = { resolve, reject };
      child.postMessage({ type: 'open', dataDir: this.opts.dataDir, demo: this.opts.demo });
    });
  }

  request<K extends RequestKind>(type: K, clientId: number, ask: Requests[K]['ask']): Promise<Result<Requests[K]['answer']>> {
    const child = this.child;
    if (!child || this.state !== 'ready') return Promise.resolve(fail(coreStopped()));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: Result<unknown>) => void);
      try {
        child.postMessage({ type, id, clientId, ...ask } as ToCore);
      } catch {
        this.pending.delete(id);
        resolve(fail(coreStopped()));
      }
    });
  }

  call(clientId: number, method: string, payload: unknown): Promise<Result<unknown>> {
    return this.request('call', clientId, { method, payload });
  }
  asset(clientId: number, kind: string, assetId: number) {
    return this.request('asset', clientId, { kind, assetId });
  }
  download(clientId: number, name: string, query: string) {
    return this.request('download', clientId, { name, query });
  }

  /** A window's client lives in the core until its window goes; kept across restarts. */
  openClient(clientId: number): void {
    this.clients.add(clientId);
    if (this.state === 'ready') this.child?.postMessage({ type: 'client.open', clientId });
  }
  closeClient(clientId: number): void {
    this.clients.delete(clientId);
    if (this.state === 'ready') this.child?.postMessage({ type: 'client.close', clientId });
  }

  onJob(listener: (clientId: number, state: JobState) => void): void {
    this.events.on('job', listener);
  }
  /** The child ended without being asked to (crash, kill, out of memory). */
  onDied(listener: (code: number) => void): void {
    this.events.on('died', listener);
  }

  /** Graceful: the core closes (jobs stop between files) and its process exits. */
  stop(): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    if (this.stopping) return this.stopping;
    const wasStarting = this.state === 'starting';
    this.state = 'stopping';
    this.stopping = new Promise<void>((resolve) => {
      this.stopped = resolve;
      // a core still opening has nothing to close
      if (wasStarting) child.kill();
      else child.postMessage({ type: 'close' });
      setTimeout(() => this.child === child && child.kill(), STOP_GRACE_MS).unref();
    });
    return this.stopping;
  }

  private receive(m: FromCore): void {
    if (m.type === 'reply') {
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m.result);
    } else if (m.type === 'event') {
      this.events.emit('job', m.clientId, m.payload);
    } else if (this.state === 'starting') {
      const starting = this.starting!;
      this.starting = null;
      if (m.type === 'failed') return void this.stop().then(() => starting.reject(new CoreStartError(m.error)));
      this.state = 'ready';
      for (const clientId of this.clients) this.child!.postMessage({ type: 'client.open', clientId });
      starting.resolve();
    }
  }

  private exited(child: CoreChild, code: number): void {
    if (child !== this.child) return;
    const was = this.state;
    this.child = null;
    this.state = 'idle';
    for (const resolve of this.pending.values()) resolve(fail(coreStopped()));
    this.pending.clear();
    const starting = this.starting;
    this.starting = null;
    // 'exit' can come before the last of stderr: wait for its end (briefly) so the message has it
    if (starting)
      void streamEnd(child.stderr).then(() => {
        const said = this.output.lastLines();
        const message = `bộ xử lý dữ liệu dừng ngay khi khởi động (mã thoát ${code})${said ? `:\n${said}` : ''}`;
        starting.reject(new CoreStartError({ code: 'CORE_STOPPED', message, params: { code } }));
      });
    if (was === 'stopping') {
      this.stopped?.();
      this.stopped = null;
      this.stopping = null;
    } else if (was === 'ready') {
      this.events.emit('died', code);
    }
  }
}
