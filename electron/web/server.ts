// The browser host: the same contract over HTTP on 127.0.0.1, for Chromium when the
// Electron binary is absent and for end-to-end tests. Every request must carry a loopback
// Host, our own Origin if any, and proof of the per-launch secret (see Gate).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client, Core } from '../core';
import { toAppError } from '../errors';
import { SECURITY_HEADERS } from '../security';
import { cookie, parseCookies, UNAUTHORIZED_PAGE } from './http-util';
import { ROUTES, type Access, type Exchange, type RouteDeps } from './routes';

export interface WebHost {
  url: string;
  /** The URL to open: carries the secret once; the page keeps it in its own memory, never in a cookie. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

/** The keys derived from the launch secret: what a cookie or a link may carry instead of it. */
export function derivedKeys(token: string) {
  const derive = (use: string) => createHash('sha256').update(`sohoa-${use}:${token}`).digest('hex');
  return { page: derive('page'), link: derive('links') };
}

const same = (given: string | null | undefined, expected: string) => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The checks before any route and the sessions behind them. Browsers send a host's cookies to
 * every port on it, so any program listening on 127.0.0.1 that the browser visits receives
 * them: cookies therefore never carry the launch secret, and never suffice for the archive.
 * A request proves what it may do by:
 * - the secret itself in `Authorization: Bearer` (`call`): contract calls and uploads; only the
 *   page holds it, taken from the launch URL into session storage (its origin, its tab);
 * - the link key in its URL (`?k=`, `link`): archived files, exports and the event stream, for
 *   <img>, pdf.js, downloads and EventSource, which cannot add headers; the page derives it
 *   from the secret (SHA-256), so it too exists only where the secret is;
 * - the page cookie (`page`): the renderer's own files, nothing of the archive.
 * Cookie names carry the port, so two launches never overwrite each other's.
 *
 * The session cookie is set at the launch (so the page's first requests already share one
 * session), at a sign-in (a new id) and for a caller that sent none; never for an id this host
 * no longer knows. Requests a page sent before its sign-in carry the old id and may be answered
 * after it: minting a session for them would overwrite the signed-in cookie and sign the page
 * out (`register.save: NOT_SIGNED_IN` under load). They are answered as nobody, cookie untouched.
 */
class Gate {
  private readonly clients = new Map<string, Client>();
  private readonly keys: { page: string; link: string };
  port = 0;

  constructor(
    private readonly core: Core,
    readonly token: string,
  ) {
    this.keys = derivedKeys(token);
  }

  private get pageCookie() {
    return `sohoa_token_${this.port}`;
  }
  private get clientCookie() {
    return `sohoa_client_${this.port}`;
  }
  private allowedHosts() {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`, `[::1]:${this.port}`];
  }

  /** The most this request's proof allows. */
  private proof(req: http.IncomingMessage, url: URL): Access | null {
    if (same(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1], this.token)) return 'call';
    if (same(url.searchParams.get('k'), this.keys.link)) return 'link';
    if (same(parseCookies(req.headers.cookie)[this.pageCookie], this.keys.page)) return 'page';
    return null;
  }

  /** Whether the request may go on to a route needing `needs`; a refusal (or the launch) is answered here. */
  admitted(req: http.IncomingMessage, url: URL, needs: Access, send: Exchange['send']): boolean {
    const hosts = this.allowedHosts();
    // DNS rebinding and cross-site requests: only loopback Host names, only our own Origin
    if (!hosts.includes(req.headers.host ?? '')) return send(403, 'Forbidden host'), false;
    const origin = req.headers.origin;
    if (origin && !hosts.some((h) => origin === `http://${h}`)) return send(403, 'Forbidden origin'), false;
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!same(url.searchParams.get('token'), this.token)) return send(401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8'), false;
      // the secret moves to the fragment, which the page reads and clears and no request carries
      const session = randomBytes(24).toString('hex');
      this.clients.set(session, this.core.newClient({ localFiles: false }));
      const cookies = [cookie(this.pageCookie, this.keys.page), cookie(this.clientCookie, session)];
      return send(302, '', 'text/plain', { Location: `/#launch=${this.token}`, 'Set-Cookie': cookies }), false;
    }
    const has = this.proof(req, url);
    const enough = has === 'call' || (has === 'link' && needs !== 'call') || (has === 'page' && needs === 'page');
    if (!enough) return send(401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8'), false;
    return true;
  }

  /**
   * The request's client by its session cookie; without a cookie a new session (issued on the
   * answer); with an id no longer known (replaced by a sign-in) nobody, and no cookie.
   */
  exchange(req: http.IncomingMessage, res: http.ServerResponse, url: URL, send: Exchange['send']): Exchange {
    let clientId = parseCookies(req.headers.cookie)[this.clientCookie];
    const setCookie: string[] = [];
    const newSession = (client = this.core.newClient({ localFiles: false })) => {
      clientId = randomBytes(24).toString('hex');
      this.clients.set(clientId, client);
      setCookie.splice(0, setCookie.length, cookie(this.clientCookie, clientId));
      return client;
    };
    const known = clientId ? this.clients.get(clientId) : undefined;
    const client = known ?? (clientId ? this.core.newClient({ localFiles: false }) : newSession());
    const renewSession = () => {
      client.renewed = false;
      this.clients.delete(clientId!);
      newSession(client);
    };
    return { req, res, url, client, extra: { 'Set-Cookie': setCookie }, send, renewSession };
  }

  /** A request for the renderer's files: nobody's client, no cookie. */
  pageExchange(req: http.IncomingMessage, res: http.ServerResponse, url: URL, send: Exchange['send']): Exchange {
    return { req, res, url, client: this.core.newClient({ localFiles: false }), extra: {}, send, renewSession: () => undefined };
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
      const route = ROUTES.find((r) => r.matches({ req, url }))!;
      if (!gate.admitted(req, url, route.access, send)) return;
      // the renderer's own files need no session: they neither make one nor touch the cookie
      await route.handle(route.access === 'page' ? gate.pageExchange(req, res, url, send) : gate.exchange(req, res, url, send), deps);
    } catch (e) {
      if (!res.headersSent) send(500, toAppError(e).message);
      else res.destroy();
    }
  });

  // a client reuses an idle keep-alive socket: closing it after Node's 5 s default races a request
  // just sent on it (ECONNRESET on a call made a few seconds after the last, as after a job).
  // Idle sockets stay a minute; a request's headers must be allowed longer than that
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
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
