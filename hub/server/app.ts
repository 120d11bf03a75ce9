// The hub process: HTTPS on one port, desks' routes, staff routes, live events and the same
// renderer build the desk uses (in its hub mode). Stateless: sessions, jobs and every piece of
// state live in PostgreSQL and on the blob volume, so several processes can serve one address.
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { resolveStatic } from '../../electron/static-files';
import { createPool, ensureDatabase } from '../db/pool';
import { migrateHub } from '../db/migrations';
import { pruneNonces } from '../ingest/desk-auth';
import { volumeBlobStore } from '../ingest/blob-store';
import { Refusal } from '../ingest/refusal';
import type { HubContext } from './context';
import { deskRoute } from './desk-routes';
import { CoverageEvents } from './events';
import { sendError } from './http-util';
import { currentAccount, staffCall, staffGet } from './staff-routes';
import { loadTls } from './tls';

export interface HubOptions {
  databaseUrl: string;
  dataDir: string;
  port: number;
  host?: string;
  hubName?: string;
  tls?: { certFile: string; keyFile: string };
  rendererDir?: string;
  log?: (line: string) => void;
}

export interface RunningHub {
  url: string;
  port: number;
  fingerprint: string;
  ctx: HubContext;
  close(): Promise<void>;
}

/** Batches applied at once per hub process: more than the cores only makes every one slower. */
const INGEST_CONNECTIONS = Math.max(2, Math.min(4, os.availableParallelism()));

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000',
};

export async function startHub(o: HubOptions): Promise<RunningHub> {
  const log = o.log ?? ((s: string) => console.log(s));
  await ensureDatabase(o.databaseUrl);
  const pool = createPool(o.databaseUrl);
  // batches wait up to the request timeout for their turn rather than fail after 10 s
  const ingest = createPool(o.databaseUrl, INGEST_CONNECTIONS, 100_000);
  await migrateHub(pool);
  fs.mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const tls = loadTls(o.dataDir, o.tls);
  const ctx: HubContext = { pool, ingest, blobs: volumeBlobStore(o.dataDir), hubName: o.hubName ?? 'Máy chủ tỉnh', fingerprint: tls.fingerprint, log };
  const events = new CoverageEvents(o.databaseUrl, log);
  await events.start();
  const rendererDir = path.resolve(o.rendererDir ?? path.join(import.meta.dirname, '..', '..', 'dist', 'renderer'));
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    handle(ctx, events, rendererDir, req, res).catch((e) => sendError(res, e, log));
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(o.port, o.host ?? '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  const prune = setInterval(() => pruneNonces(pool).catch(() => {}), 60_000);
  prune.unref();
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    fingerprint: tls.fingerprint,
    ctx,
    async close() {
      clearInterval(prune);
      await events.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await Promise.all([pool.end(), ingest.end()]);
    },
  };
}

async function handle(ctx: HubContext, events: CoverageEvents, rendererDir: string, req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
  const url = new URL(req.url ?? '/', 'https://hub.invalid');
  if (await deskRoute(ctx, req, res, url)) return;
  if (url.pathname === '/events' && req.method === 'GET') {
    if (!(await currentAccount(ctx, req))) throw new Refusal(401, 'NOT_SIGNED_IN', 'Bạn chưa đăng nhập.');
    return events.open(req, res);
  }
  const api = /^\/api\/([a-zA-Z0-9.]{1,60})$/.exec(url.pathname);
  if (api && req.method === 'POST') return staffCall(ctx, req, res, api[1]);
  if (req.method === 'GET' && (await staffGet(ctx, req, res, url))) return;
  if (req.method !== 'GET') throw new Refusal(405, 'BAD_REQUEST', 'Phương thức không được hỗ trợ.');
  const file = resolveStatic(rendererDir, url.pathname) ?? resolveStatic(rendererDir, '/index.html');
  if (!file) throw new Refusal(404, 'NOT_FOUND', 'Chưa có giao diện: hãy chạy "npm run build".');
  const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json', '.mjs': 'text/javascript' }[path.extname(file)];
  res.writeHead(200, { 'Content-Type': type ?? 'application/octet-stream', 'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=3600' });
  fs.createReadStream(file).pipe(res);
}
