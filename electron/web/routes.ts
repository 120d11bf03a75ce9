// The browser host's routes, after the gate (loopback Host, own Origin, the proof of the launch
// secret each route's access demands) has let a request in and found its client: the
// contract, uploads, job events, exports, archived files and the renderer's own files. First
// match wins.
import fs from 'node:fs';
import type http from 'node:http';
import { IMPORT_LIMITS } from '../capture/limits';
import type { Client, Core } from '../core';
import { toAppError } from '../errors';
import { contentType, SECURITY_HEADERS } from '../security';
import { archiveCacheControl, attachment, parseArchivePath, parseExportPath, resolveStatic, versionMatches } from '../static-files';
import { methodName, readBody } from './http-util';

const MAX_JSON = 2 * 1024 * 1024;

export interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  client: Client;
  /** Headers every answer carries (the session cookie when one was issued). */
  extra: Record<string, string[]>;
  send(status: number, body: string | Buffer, type?: string, headers?: Record<string, string | string[]>): void;
  /** After a sign-in: the client gets a new session id. */
  renewSession(): void;
}

export interface RouteDeps {
  core: Core;
  rendererDir: string;
  streams: Set<http.ServerResponse>;
}

/**
 * What a route needs the request to prove (the gate in server.ts checks it): the launch secret
 * in a header (`call`), or at least the link key in the URL (`link`: what <img>, pdf.js,
 * downloads and EventSource fetch), or at least the page cookie (`page`: the renderer's files).
 */
export type Access = 'call' | 'link' | 'page';

type Request = Pick<Exchange, 'req' | 'url'>;
type Route = { matches: (x: Request) => boolean; access: Access; handle: (x: Exchange, d: RouteDeps) => Promise<void> | void };

const isGet = (x: Request) => x.req.method === 'GET' || x.req.method === 'HEAD';

export const ROUTES: Route[] = [
  { matches: (x) => x.url.pathname.startsWith('/api/'), access: 'call', handle: callRoute },
  { matches: (x) => x.url.pathname === '/upload' && x.req.method === 'POST', access: 'call', handle: uploadRoute },
  { matches: (x) => x.url.pathname === '/events' && x.req.method === 'GET', access: 'link', handle: eventsRoute },
  { matches: (x) => !isGet(x), access: 'page', handle: (x) => x.send(405, 'Method not allowed', 'text/plain', x.extra) },
  { matches: (x) => parseExportPath(x.url.pathname) !== null, access: 'link', handle: exportRoute },
  { matches: (x) => parseArchivePath(x.url.pathname) !== null, access: 'link', handle: archiveRoute },
  { matches: () => true, access: 'page', handle: staticRoute },
];

async function callRoute(x: Exchange, { core }: RouteDeps) {
  if (x.req.method !== 'POST') return x.send(405, 'POST only', 'text/plain', x.extra);
  if (!(x.req.headers['content-type'] ?? '').startsWith('application/json')) return x.send(415, 'JSON only', 'text/plain', x.extra);
  const body = await readBody(x.req, MAX_JSON);
  let payload: unknown;
  try {
    payload = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    payload = Symbol('unparseable'); // fails schema parsing with BAD_REQUEST
  }
  const result = await core.call(methodName(x.url.pathname), payload, x.client);
  // a sign-in gets a session id of its own: an id known before it is worth nothing after
  if (x.client.renewed) x.renewSession();
  x.send(200, JSON.stringify(result), 'application/json', x.extra);
}

async function uploadRoute(x: Exchange, { core }: RouteDeps) {
  try {
    const length = x.req.headers['content-length'];
    const declared = length && /^\d{1,15}$/.test(length) ? Number(length) : undefined;
    const stagedId = await core.stageUpload(x.req, x.client, IMPORT_LIMITS.maxFileBytes, declared);
    x.send(200, JSON.stringify({ ok: true, value: { stagedId } }), 'application/json', x.extra);
  } catch (e) {
    x.send(200, JSON.stringify({ ok: false, error: toAppError(e) }), 'application/json', x.extra);
  }
}

function eventsRoute(x: Exchange, { core, streams }: RouteDeps) {
  x.res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', ...x.extra });
  x.res.write(': connected\n\n');
  streams.add(x.res);
  const unsubscribe = core.subscribe(x.client, (st) => x.res.write(`event: job.updated\ndata: ${JSON.stringify(st)}\n\n`));
  x.req.on('close', () => {
    unsubscribe();
    streams.delete(x.res);
  });
}

async function exportRoute(x: Exchange, { core }: RouteDeps) {
  const file = await core.download(parseExportPath(x.url.pathname)!, x.url.searchParams, x.client);
  if (!file) return x.send(404, 'Not found', 'text/plain', x.extra);
  x.send(200, file.bytes, file.mime, { ...x.extra, 'Content-Disposition': attachment(file.fileName) });
}

function archiveRoute(x: Exchange, { core }: RouteDeps) {
  const archived = parseArchivePath(x.url.pathname)!;
  const asset = core.asset(archived.kind, archived.id, x.client);
  if (!asset || !versionMatches(asset.sha256, archived.version)) return x.send(404, 'Not found', 'text/plain', x.extra);
  x.res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': asset.mime, 'Cache-Control': archiveCacheControl(archived.version), ...x.extra });
  fs.createReadStream(asset.path).pipe(x.res);
}

function staticRoute(x: Exchange, { rendererDir }: RouteDeps) {
  const file = resolveStatic(rendererDir, x.url.pathname);
  if (!file) return x.send(404, 'Not found', 'text/plain', x.extra);
  x.res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Cache-Control': 'no-cache', ...x.extra });
  fs.createReadStream(file).pipe(x.res);
}
