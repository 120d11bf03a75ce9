// The desk's only network client for its province hub: HTTPS to the enrolled address, the
// hub's certificate checked against the pinned SHA-256 fingerprint before a byte of the
// request is written, every request but enrolment signed with the archive key.
import { createHash } from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { z } from 'zod';
import { HUB_BODY_MAX_BYTES, HUB_REFUSALS } from '../../shared/hub-protocol';
import { CoreError } from '../errors';
import { signedHeaders, type RequestSigner } from './request-signing';

export interface HubEndpoint {
  /** the hub's origin, https://host[:port] */
  url: string;
  /** the pinned fingerprint; null only at enrolment, before one is known */
  fingerprint: string | null;
}

export interface HubAnswer {
  status: number;
  body: Buffer;
  /** the fingerprint of the certificate the hub presented */
  fingerprint: string;
}

export interface HubRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** path with query, as signed */
  path: string;
  body?: Buffer;
  headers?: Record<string, string>;
  signer?: RequestSigner;
  timeoutMs?: number;
  /** the largest answer accepted (default HUB_BODY_MAX_BYTES; a signed copy fetched through a lookup may be larger) */
  maxBytes?: number;
  /** told the fingerprint of the certificate met (enrolment pins it) */
  onFingerprint?: (fp: string) => void;
}

export const certFingerprint = (der: Buffer) => createHash('sha256').update(der).digest('hex');

/** Plain words for why a connection failed (the system's codes mean nothing to an office). */
function networkDetail(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'máy chủ không nhận kết nối';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'không tìm thấy địa chỉ';
    case 'ETIMEDOUT':
      return 'quá thời gian chờ';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'kết nối bị ngắt giữa chừng';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'mạng không tới được máy chủ';
    default:
      return e.code ? `lỗi mạng ${e.code}` : 'lỗi mạng';
  }
}

/** A TLS socket handed to the request only once the hub's certificate matches the pin. */
function pinnedConnection(ep: HubEndpoint, seen: (fp: string) => void) {
  const u = new URL(ep.url);
  return (_opts: unknown, done: (err: Error | null, socket?: tls.TLSSocket) => void): undefined => {
    const socket = tls.connect({
      host: u.hostname,
      port: Number(u.port || 443),
      // SNI takes a name, never an address
      servername: net.isIP(u.hostname) ? undefined : u.hostname,
      // the pin is the trust decision: a self-signed hub is the norm
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    socket.once('error', (e) => done(e));
    socket.once('secureConnect', () => {
      const fp = certFingerprint(socket.getPeerCertificate().raw);
      seen(fp);
      if (ep.fingerprint && fp !== ep.fingerprint) {
        socket.destroy();
        done(new CoreError('HUB_CERT_CHANGED', { url: ep.url, found: fp, expected: ep.fingerprint }));
      } else done(null, socket);
    });
    return undefined;
  };
}

/** One request to the hub; rejects with HUB_UNREACHABLE or HUB_CERT_CHANGED, answers any HTTP status. */
export function hubRequest(ep: HubEndpoint, r: HubRequest): Promise<HubAnswer> {
  const body = r.body ?? Buffer.alloc(0);
  const headers: Record<string, string> = { ...r.headers, ...(r.signer ? signedHeaders(r.signer, r.method, r.path, body) : {}) };
  if (r.method !== 'GET') headers['content-length'] = String(body.length);
  let fingerprint = '';
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => reject(e instanceof CoreError ? e : new CoreError('HUB_UNREACHABLE', { url: ep.url, detail: networkDetail(e) }));
    const req = https.request(
      // no agent (a createConnection of its own): each request checks the pin on a fresh connection
      { method: r.method, path: r.path, hostname: new URL(ep.url).hostname, port: Number(new URL(ep.url).port || 443), headers, createConnection: pinnedConnection(ep, (fp) => ((fingerprint = fp), r.onFingerprint?.(fp))) as never },
      (res) => {
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > (r.maxBytes ?? HUB_BODY_MAX_BYTES)) req.destroy(Object.assign(new Error('answer too large'), { code: 'ETOOBIG' }));
          else parts.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts), fingerprint }));
        res.on('error', fail);
      },
    );
    req.setTimeout(r.timeoutMs ?? 60_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', fail);
    req.end(body.length ? body : undefined);
  });
}

/** The hub's `{ok, value}` answer parsed with the route's schema; a refusal carries the hub's own Vietnamese reason. */
export function hubValue<T extends z.ZodType>(answer: HubAnswer, request: string, schema: T): z.output<T> {
  let json: { ok?: boolean; value?: unknown; error?: { code?: string; message?: string } };
  try {
    json = JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw new CoreError('HUB_BAD_ANSWER', { request, detail: `HTTP ${answer.status}, không phải JSON` });
  }
  if (answer.status !== 200 || !json.ok) {
    const code = json.error?.code ?? `HTTP ${answer.status}`;
    const known = HUB_REFUSALS[code as keyof typeof HUB_REFUSALS];
    throw new CoreError('HUB_REFUSED', { request, code, reason: json.error?.message ?? known ?? `HTTP ${answer.status}` });
  }
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw new CoreError('HUB_BAD_ANSWER', { request, detail: parsed.error.issues[0]?.message ?? 'sai dạng' });
  return parsed.data;
}

/** What a request was, in words for an error message. */
function requestLabel(path: string): string {
  if (path.startsWith('/api/desk/enrol')) return 'yêu cầu đăng ký';
  if (path.startsWith('/api/desk/status')) return 'yêu cầu xem trạng thái';
  if (path.startsWith('/api/desk/batch')) return 'lô dữ liệu gửi lên';
  if (path.startsWith('/api/desk/blobs/')) return `tệp bản ký số ${path.slice(16, 28)}…`;
  return path.split('?')[0];
}

/** A JSON request and its parsed answer. */
export async function hubCall<T extends z.ZodType>(ep: HubEndpoint, r: HubRequest & { json?: unknown }, schema: T): Promise<z.output<T>> {
  const body = r.json === undefined ? r.body : Buffer.from(JSON.stringify(r.json));
  const headers = r.json === undefined ? r.headers : { ...r.headers, 'content-type': 'application/json' };
  const answer = await hubRequest(ep, { ...r, body, headers });
  return hubValue(answer, requestLabel(r.path), schema);
}
