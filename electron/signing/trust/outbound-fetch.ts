// The one way the app fetches on its own (CRL, OCSP, AIA certificates, timestamps): the
// addresses come from certificates in files people hand us, so each request is treated as
// an attacker's. http(s) only; the host is resolved once and the connection pinned to that
// checked address (no second lookup to rebind); internal addresses only for hosts the admin
// allows; redirects re-checked hop by hop; size and time capped; and a budget of requests per
// signing or verification, after which nothing more is fetched. Each refusal is noted for
// the report.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { FETCH_WHY_VI } from '../../../shared/verify-issues';
import { isInternalAddress } from './net-address';

export type FetchKind = 'crl' | 'ocsp' | 'cert' | 'tsa';
export type FetchWhy = 'scheme' | 'internal' | 'budget' | 'redirects' | 'too-large' | 'timeout' | 'http' | 'network' | 'invalid';

/** A request not made, or an answer not kept; the message is the Vietnamese line a report shows. */
export class FetchRefused extends Error {
  constructor(
    readonly url: string,
    readonly why: FetchWhy,
    readonly detail = '',
  ) {
    super(`Không tải ${url} vì ${whyText(why, detail)}`);
  }
  /** why, in Vietnamese, without the address */
  get reason(): string {
    return whyText(this.why, this.detail);
  }
}

const whyText = (why: FetchWhy, detail: string) => `${FETCH_WHY_VI[why]}${detail ? ` (${detail})` : ''}`;

export interface FetchNote {
  url: string;
  why: FetchWhy;
  detail: string;
}

/** A refused fetch as a warning (in Vietnamese) and its notice (code and values, for the interface's other language: FETCH_REFUSED of shared/verify-issues). */
export const fetchWarning = (n: FetchNote) => ({
  message: new FetchRefused(n.url, n.why, n.detail).message,
  notice: { code: 'FETCH_REFUSED', params: { url: n.url, why: n.why, ...(n.detail ? { detail: n.detail } : {}) } },
});

const MAX_BYTES: Record<FetchKind, number> = { crl: 10 * 1024 * 1024, ocsp: 1024 * 1024, cert: 1024 * 1024, tsa: 1024 * 1024 };
const MAX_REDIRECTS = 3;
export const DEFAULT_BUDGET = 20;

export interface OutboundOptions {
  /** hosts ("name", "name:port", "10.0.0.5", "[fd00::1]:8080") whose internal addresses may be reached */
  allow?: string[];
  /** requests (each redirect hop counts) for this whole signing or verification */
  budget?: number;
  /** per request, connection to last byte */
  timeoutMs?: number;
}

export interface FetchRequest {
  kind: FetchKind;
  method?: 'GET' | 'POST';
  body?: Buffer;
  contentType?: string;
  timeoutMs?: number;
}

const hostKey = (u: URL) => u.hostname.toLowerCase();
const hostPortKey = (u: URL) => `${hostKey(u)}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;

/** "host" or "host:port" as an admin writes it, normalised the way URL does (IPv6 bracketed, lower case). */
export function normaliseHost(entry: string): string | null {
  const text = entry.trim();
  if (!text || /[\s/@?#]/.test(text)) return null;
  try {
    const u = new URL(`http://${text}`);
    return /:\d+$/.test(text) ? hostPortKey(u) : hostKey(u);
  } catch {
    return null;
  }
}

export class Outbound {
  readonly notes: FetchNote[] = [];
  private readonly allowed = new Set<string>();
  private used = 0;
  readonly budget: number;
  private readonly timeoutMs: number;

  constructor(opts: OutboundOptions = {}) {
    for (const a of opts.allow ?? []) this.allow(a);
    this.budget = opts.budget ?? DEFAULT_BUDGET;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  /** Lets internal addresses of this host (or host:port) be reached: the admin's list, the admin's own TSA. */
  allow(entry: string): void {
    const key = normaliseHost(entry);
    if (key) this.allowed.add(key);
  }

  /** True once the budget is used up: no further request will be made. */
  get spent(): boolean {
    return this.used >= this.budget;
  }

  /** Records why a request or its answer came to nothing (callers add 'invalid' for bodies they refuse). */
  note(url: string, why: FetchWhy, detail = ''): void {
    if (why === 'budget' && this.notes.some((n) => n.why === 'budget')) return;
    this.notes.push({ url, why, detail });
  }

  /** The body of a 2xx answer; a FetchRefused (already noted) otherwise. */
  async fetch(url: string, req: FetchRequest): Promise<Buffer> {
    try {
      return await this.follow(url, req);
    } catch (e) {
      let refused = e instanceof FetchRefused ? e : new FetchRefused(url, 'network', String((e as Error)?.message ?? e).slice(0, 120));
      // reported under the address asked for (the one the report lists), the hop that failed in the detail
      if (refused.url !== url) refused = new FetchRefused(url, refused.why, `chuyển hướng tới ${refused.url}${refused.detail ? `: ${refused.detail}` : ''}`);
      this.note(refused.url, refused.why, refused.detail);
      throw refused;
    }
  }

  private async follow(url: string, req: FetchRequest): Promise<Buffer> {
    let current = url;
    let method = req.method ?? 'GET';
    let body = req.body;
    for (let hop = 0; ; hop++) {
      const u = this.checkUrl(current);
      if (this.used >= this.budget) throw new FetchRefused(current, 'budget');
      this.used++;
      const address = await this.pinnedAddress(u, current);
      const res = await request(u, current, address, { ...req, method, body }, MAX_BYTES[req.kind], req.timeoutMs ?? this.timeoutMs);
      if (!res.location) return res.body;
      if (hop >= MAX_REDIRECTS) throw new FetchRefused(current, 'redirects');
      current = new URL(res.location, u).toString();
      // a POST survives only 307/308; 301/302/303 turn it into a GET without a body
      if (res.status !== 307 && res.status !== 308) [method, body] = ['GET', undefined];
    }
  }

  private checkUrl(url: string): URL {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new FetchRefused(url, 'scheme', 'địa chỉ không hợp lệ');
    }
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password) throw new FetchRefused(url, 'scheme');
    return u;
  }

  /** The one address this request connects to: looked up once, internal ones only for allowed hosts. */
  private async pinnedAddress(u: URL, url: string): Promise<{ address: string; family: number }> {
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const allowed = this.allowed.has(hostKey(u)) || this.allowed.has(hostPortKey(u));
    let found: { address: string; family: number }[];
    if (net.isIP(host)) found = [{ address: host, family: net.isIP(host) }];
    else
      try {
        found = await withTimeout(dns.promises.lookup(host, { all: true, verbatim: true }), this.timeoutMs);
      } catch (e) {
        throw new FetchRefused(url, 'network', `không phân giải được tên ${host}: ${(e as Error).message}`.slice(0, 120));
      }
    const usable = allowed ? found : found.filter((a) => !isInternalAddress(a.address));
    if (!usable.length) throw new FetchRefused(url, 'internal', found.map((a) => a.address).join(', '));
    return usable[0];
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('hết thời gian chờ')), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

type Answer = { status: number; body: Buffer; location?: string };

/** One HTTP exchange with the connection pinned to `address`; "Connection: close", which the simplest responders (OpenSSL's) expect. */
function request(u: URL, url: string, address: { address: string; family: number }, req: FetchRequest & { method: string }, maxBytes: number, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const lookup = (_h: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) => (opts?.all ? cb(null, [address]) : cb(null, address.address, address.family));
    const headers = { Connection: 'close', ...(req.body ? { 'Content-Type': req.contentType ?? 'application/octet-stream', 'Content-Length': req.body.length } : {}) };
    const r = (u.protocol === 'https:' ? https : http).request(u, { method: req.method, headers, agent: false, lookup: lookup as never, timeout: timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ status, body: Buffer.alloc(0), location: res.headers.location });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return reject(new FetchRefused(url, 'http', `HTTP ${status}`));
      }
      if (Number(res.headers['content-length'] ?? 0) > maxBytes) return r.destroy(new FetchRefused(url, 'too-large', `tối đa ${maxBytes} byte`));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) r.destroy(new FetchRefused(url, 'too-large', `tối đa ${maxBytes} byte`));
        else chunks.push(c);
      });
      res.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    // the socket's idle timeout and a deadline for the whole exchange (a slow drip is no answer either)
    const deadline = setTimeout(() => r.destroy(new FetchRefused(url, 'timeout')), timeoutMs);
    r.on('close', () => clearTimeout(deadline));
    r.on('timeout', () => r.destroy(new FetchRefused(url, 'timeout')));
    r.on('error', (e) => reject(e instanceof FetchRefused ? e : new FetchRefused(url, 'network', e.message.slice(0, 120))));
    r.end(req.body);
  });
}
