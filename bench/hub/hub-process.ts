// The hub under test as a child process (`node --import tsx hub/main.ts`), so the bench can
// kill -9 it mid-push and start it again on the same port, database and data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export class HubProcess {
  private child: ChildProcess | null = null;
  readonly url: string;

  constructor(
    readonly port: number,
    readonly databaseUrl: string,
    readonly dataDir: string,
  ) {
    this.url = `https://127.0.0.1:${port}`;
  }

  /** Starts the hub and resolves once it prints that it is serving. */
  start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts', '--port', String(this.port), '--host', '127.0.0.1', '--database', this.databaseUrl, '--data', this.dataDir, '--name', 'Máy chủ tỉnh (bench)'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let out = '';
    return new Promise((resolve, reject) => {
      const onData = (b: Buffer) => {
        out += b.toString();
        if (out.includes('đang chạy')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
      child.on('exit', (code, signal) => reject(new Error(`hub exited (${code ?? signal}) before serving:\n${out.slice(-2000)}`)));
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** kill -9: no clean shutdown, open transactions are cut. */
  async kill9(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
    this.child = null;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    if (c.exitCode === null) await this.kill9();
    this.child = null;
  }
}
