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

/**
 * The checks before any route and the sessions behind them: loopback Host, own Origin, the
 * launch token, and each browser client by its session cookie. Browsers send a host's cookies
 * to every port on it, so the cookie names carry this host's port: two launches (or another
 * program on 127.0.0.1) never see or overwrite each other's.
 */
class Gate {
  private readonly clients = new Map<string, Client>();
  port = 0;

  constructor(
    private readonly core: Core,
    readonly token: string,
  ) {}

  private get tokenCookie() {
    return `sohoa_token_${this.port}`;
  }
  private get clientCookie() {
    return `sohoa_client_${this.port}`;
  }
  private allowedHosts() {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`, `[::1]:${this.port}`];
  }
  private tokenMatches(given: string | undefined) {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Whether the request may go on to a route; a refusal (or the token-for-cookie exchange) is answered here. */
  admitted(req: http.IncomingMessage, url: URL, send: Exchange['send']): boolean {
    const hosts = this.allowedHosts();
    // DNS rebinding and cross-site requests: only loopback Host names, only our own Origin
    if (!hosts.includes(req.headers.host ?? '')) return send(403, 'Forbidden host'), false;
    const origin = req.headers.origin;
    if (origin && !hosts.some((h) => origin === `http://${h}`)) return send(403, 'Forbidden origin'), false;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!this.tokenMatches(url.searchParams.get('token') ?? undefined)) return send(401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8'), false;
      return send(302, '', 'text/plain', { Location: '/', 'Set-Cookie': cookie(this.tokenCookie, this.token) }), false;
    }
    if (!this.tokenMatches(parseCookies(req.headers.cookie)[this.tokenCookie] ?? bearer)) return send(401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8'), false;
    return true;
  }

  /** The request's client by its session cookie, or a new one (issued in a cookie on the answer). */
  exchange(req: http.IncomingMessage, res: http.ServerResponse, url: URL, send: Exchange['send']): Exchange {
    let clientId = parseCookies(req.headers.cookie)[this.clientCookie];
    const setCookie: string[] = [];
    const newSession = (client = this.core.newClient({ localFiles: false })) => {
      clientId = randomBytes(24).toString('hex');
      this.clients.set(clientId, client);
      setCookie.splice(0, setCookie.length, cookie(this.clientCookie, clientId));
      return client;
    };
    const client = clientId && this.clients.has(clientId) ? this.clients.get(clientId)! : newSession();
    const renewSession = () => {
      client.renewed = false;
      this.clients.delete(clientId!);
      newSession(client);
    };
    return { req, res, url, client, extra: { 'Set-Cookie': setCookie }, send, renewSession };
  }
}

export async function startWebHost(opts: { core: Core; rendererDir: string; port?: number; token?: string }): Promise<WebHost> {
  const gate = new Gate(opts.core, opts.token ?? randomBytes(32).toString('hex'));
  const streams = new Set<http.ServerResponse>();
  const deps: RouteDeps = { core: opts.core, rendererDir: opts.rendererDir, streams };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send: Exchange['send'] = (status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
      res.end(body);
    };
    try {
      if (!gate.admitted(req, url, send)) return;
      const x = gate.exchange(req, res, url, send);
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
  gate.port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${gate.port}/`;
  return {
    url,
    launchUrl: `${url}?token=${gate.token}`,
    token: gate.token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
