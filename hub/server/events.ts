// Live dashboards: each hub process LISTENs on the coverage channel with one dedicated client
// and forwards every notification to its open server-sent-event streams, so a desk's sync
// shows on a dashboard within a second, whichever of the hub processes applied it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { COVERAGE_CHANNEL } from '../ingest/apply';

export class CoverageEvents {
  private readonly streams = new Set<ServerResponse>();
  private client: pg.Client | null = null;
  private closed = false;
  private readonly keepAlive = setInterval(() => this.streams.forEach((s) => s.write(': ping\n\n')), 25_000);

  constructor(
    private readonly databaseUrl: string,
    private readonly log: (s: string) => void,
  ) {
    this.keepAlive.unref();
  }

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    // a PostgreSQL restart drops the listener: reconnect after a pause
    const retry = () => {
      if (this.client !== client) return;
      this.client = null;
      if (!this.closed) setTimeout(() => this.start().catch(() => retry()), 1000).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (n) => this.broadcast('coverage.changed', n.payload ?? '{}'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${COVERAGE_CHANNEL}`);
    } catch (e) {
      this.log(`không lắng nghe được thay đổi số liệu: ${(e as Error).message}`);
      retry();
    }
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }

  broadcast(event: string, data: string): void {
    for (const s of this.streams) s.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.keepAlive);
    for (const s of this.streams) s.end();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
