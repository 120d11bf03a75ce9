// The browser host: the same contract over HTTP on 127.0.0.1, for Chromium when the
// Electron binary is absent and for end-to-end tests. Every request must carry the
// per-launch token (cookie or bearer header), a loopback Host and, if any, our own Origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client, Core } from '../core';
import { toAppError } from '../errors';
import { SECURITY_HEADERS } from '../security';
import { cookie, parseCookies, UNAUTHORIZED_PAGE } from './http-util';
import { ROUTES, type Exchange, type RouteDeps } from './routes';

export interface WebHost {
  url: string;
  /** The URL to open: carries the token once, then the page keeps it in an HttpOnly cookie. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

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

  /** Loopback Host, own Origin, the launch token: the checks before any route; a refusal is answered here. */
  const admitted = (req: http.IncomingMessage, url: URL, send: Exchange['send']): boolean => {
    // DNS rebinding and cross-site requests: only loopback Host names, only our own Origin
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(403, 'Forbidden host'), false;
    const origin = req.headers.origin;
    if (origin && !allowedHosts().some((h) => origin === `http://${h}`)) return send(403, 'Forbidden origin'), false;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!tokenMatches(url.searchParams.get('token') ?? undefined)) return send(401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8'), false;
      return send(302, '', 'text/plain', { Location: '/', 'Set-Cookie': cookie(TOKEN_COOKIE, token) }), false;
    }
    if (!tokenMatches(parseCookies(req.headers.cookie)[TOKEN_COOKIE] ?? bearer)) return send(401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8'), false;
    return true;
  };

  /** The request's client by its session cookie, or a new one (issued in a cookie on the answer). */
  const exchange = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, send: Exchange['send']): Exchange => {
    let clientId = parseCookies(req.headers.cookie)[CLIENT_COOKIE];
    const setCookie: string[] = [];
    const newSession = (client = core.newClient({ localFiles: false })) => {
      clientId = randomBytes(24).toString('hex');
      clients.set(clientId, client);
      setCookie.splice(0, setCookie.length, cookie(CLIENT_COOKIE, clientId));
      return client;
    };
    const client = clientId && clients.has(clientId) ? clients.get(clientId)! : newSession();
    const renewSession = () => {
      client.renewed = false;
      clients.delete(clientId!);
      newSession(client);
    };
    return { req, res, url, client, extra: { 'Set-Cookie': setCookie }, send, renewSession };
  };

  const deps: RouteDeps = { core, rendererDir: opts.rendererDir, streams };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send: Exchange['send'] = (status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
      res.end(body);
    };
    try {
      if (!admitted(req, url, send)) return;
      const x = exchange(req, res, url, send);
      await ROUTES.find((r) => r.matches(x))!.handle(x, deps);
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
