// The browser host: the same contract over HTTP on 127.0.0.1, for Chromium when the
// Electron binary is absent and for end-to-end tests. Every request must carry the
// per-launch token (cookie or bearer header), a loopback Host and, if any, our own Origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client, Core } from '../core';
import { IMPORT_LIMITS } from '../capture/limits';
import { toAppError } from '../errors';
import { contentType, SECURITY_HEADERS } from '../security';
import { archiveCacheControl, attachment, parseArchivePath, parseExportPath, resolveStatic, versionMatches } from '../static-files';

export interface WebHost {
  url: string;
  /** The URL to open: carries the token once, then the page keeps it in an HttpOnly cookie. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON = 2 * 1024 * 1024;

export async function startWebHost(opts: { core: Core; rendererDir: string; port?: number; token?: string }): Promise<WebHost> {
  const { core } = opts;
  const token = opts.token ?? randomBytes(32).toString('hex');
  const clients = new Map<string, Client>();
  const streams = new Set<http.ServerResponse>();
  let port = 0;
  // browsers send a host's cookies to every port on it: the names carry this host's port, so
  // two launches (or another program on 127.0.0.1) never see or overwrite each other's
  let TOKEN_COOKIE = '';
  let CLIENT_COOKIE = '';

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const tokenMatches = (given: string | undefined) => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string | string[]> = {}) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
      res.end(body);
    };
    try {
      // DNS rebinding and cross-site requests: only loopback Host names, only our own Origin
      if (!allowedHosts().includes(req.headers.host ?? '')) return send(403, 'Forbidden host');
      const origin = req.headers.origin;
      if (origin && !allowedHosts().some((h) => origin === `http://${h}`)) return send(403, 'Forbidden origin');

      const cookies = parseCookies(req.headers.cookie);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
        if (!tokenMatches(url.searchParams.get('token') ?? undefined)) return send(401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8');
        return send(302, '', 'text/plain', { Location: '/', 'Set-Cookie': cookie(TOKEN_COOKIE, token) });
      }
      if (!tokenMatches(cookies[TOKEN_COOKIE] ?? bearer)) return send(401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8');

      let clientId = cookies[CLIENT_COOKIE];
      const setCookie: string[] = [];
      const newSession = (client = core.newClient({ localFiles: false })) => {
        clientId = randomBytes(24).toString('hex');
        clients.set(clientId, client);
        setCookie.splice(0, setCookie.length, cookie(CLIENT_COOKIE, clientId));
        return client;
      };
      const client = clientId && clients.has(clientId) ? clients.get(clientId)! : newSession();
      const withCookies: Record<string, string[]> = { 'Set-Cookie': setCookie };

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(405, 'POST only', 'text/plain', withCookies);
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(415, 'JSON only', 'text/plain', withCookies);
        const body = await readBody(req, MAX_JSON);
        let payload: unknown;
        try {
          payload = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          payload = Symbol('unparseable'); // fails schema parsing with BAD_REQUEST
        }
        const result = await core.call(methodName(url.pathname), payload, client);
        if (client.renewed) {
          // a sign-in gets a session id of its own: an id known before it is worth nothing after
          client.renewed = false;
          clients.delete(clientId!);
          newSession(client);
        }
        return send(200, JSON.stringify(result), 'application/json', withCookies);
      }
      if (url.pathname === '/upload' && req.method === 'POST') {
        try {
          const stagedId = await core.stageUpload(req, client, IMPORT_LIMITS.maxFileBytes);
          return send(200, JSON.stringify({ ok: true, value: { stagedId } }), 'application/json', withCookies);
        } catch (e) {
          return send(200, JSON.stringify({ ok: false, error: toAppError(e) }), 'application/json', withCookies);
        }
      }
      if (url.pathname === '/events' && req.method === 'GET') {
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', ...withCookies });
        res.write(': connected\n\n');
        streams.add(res);
        const unsubscribe = core.subscribe(client, (st) => res.write(`event: job.updated\ndata: ${JSON.stringify(st)}\n\n`));
        req.on('close', () => {
          unsubscribe();
          streams.delete(res);
        });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed', 'text/plain', withCookies);
      const exportName = parseExportPath(url.pathname);
      if (exportName) {
        const file = await core.download(exportName, url.searchParams, client);
        if (!file) return send(404, 'Not found', 'text/plain', withCookies);
        return send(200, file.bytes, file.mime, { ...withCookies, 'Content-Disposition': attachment(file.fileName) });
      }
      const archived = parseArchivePath(url.pathname);
      if (archived) {
        const asset = core.asset(archived.kind, archived.id, client);
        if (!asset || !versionMatches(asset.sha256, archived.version)) return send(404, 'Not found', 'text/plain', withCookies);
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': asset.mime, 'Cache-Control': archiveCacheControl(archived.version), ...withCookies });
        return fs.createReadStream(asset.path).pipe(res);
      }
      const file = resolveStatic(opts.rendererDir, url.pathname);
      if (!file) return send(404, 'Not found', 'text/plain', withCookies);
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Cache-Control': 'no-cache', ...withCookies });
      fs.createReadStream(file).pipe(res);
    } catch (e) {
      if (!res.headersSent) send(500, toAppError(e).message);
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  TOKEN_COOKIE = `sohoa_token_${port}`;
  CLIENT_COOKIE = `sohoa_client_${port}`;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}?token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function cookie(name: string, value: string): string {
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The method named by /api/<name>; a malformed escape names no method (UNKNOWN_METHOD), not a server error. */
function methodName(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice(5));
  } catch {
    return pathname.slice(5);
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const UNAUTHORIZED_PAGE = `<!doctype html><meta charset="utf-8"><title>Số hóa Desk</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Cần mã truy cập</h1>
<p>Hãy mở đúng địa chỉ mà Số hóa Desk đã in ra khi khởi động (có chứa <code>?token=…</code>). Mỗi lần khởi động có một mã mới.</p>
<p lang="en">Open the exact address Số hóa Desk printed when it started; each launch has a new token.</p></body>`;
