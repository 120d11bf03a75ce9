// Small HTTP pieces the hub's routes share: bodies read with a hard cap (a 2 GB body is
// refused from its Content-Length, or cut off as soon as it passes the cap), JSON replies in
// the Result envelope, refusals with their Vietnamese reason, and cookies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HUB_REFUSALS } from '../../shared/hub-protocol';
import { Refusal } from '../ingest/refusal';

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new Refusal(413, 'BODY_TOO_LARGE', `${HUB_REFUSALS.BODY_TOO_LARGE} (${declared} byte, tối đa ${limit})`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.destroy();
      throw new Refusal(413, 'BODY_TOO_LARGE', `${HUB_REFUSALS.BODY_TOO_LARGE} (tối đa ${limit} byte)`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new Refusal(400, 'BAD_JSON', HUB_REFUSALS.BAD_JSON);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export const sendOk = (res: ServerResponse, value: unknown, headers?: Record<string, string>) => sendJson(res, 200, { ok: true, value }, headers);

/** A refusal as its status and envelope; anything else as a plain 500 (details stay in the log). */
export function sendError(res: ServerResponse, e: unknown, log: (s: string) => void): void {
  // a body left unread (too large) cannot be skipped on a kept-alive connection: close it after the answer
  if (e instanceof Refusal) return sendJson(res, e.status, { ok: false, error: { code: e.code, message: e.message, params: e.params } }, e.status === 413 ? { Connection: 'close' } : {});
  // PostgreSQL down or restarting: the desk retries later
  if (databaseUnavailable(e)) {
    return sendJson(res, 503, { ok: false, error: { code: 'HUB_DB_UNAVAILABLE', message: 'Máy chủ tỉnh tạm thời không kết nối được cơ sở dữ liệu; sẽ thử lại sau.' } });
  }
  log(`lỗi máy chủ: ${(e as Error)?.stack ?? String(e)}`);
  sendJson(res, 500, { ok: false, error: { code: 'HUB_INTERNAL', message: 'Máy chủ tỉnh gặp lỗi khi xử lý yêu cầu.' } });
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** A connection refused or cut, a server shutting down or starting: the request can be retried as it is. */
export function databaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; errors?: unknown[] } | null;
  if (!err) return false;
  if (Array.isArray(err.errors) && err.errors.some(databaseUnavailable)) return true;
  const code = String(err.code ?? '');
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code) || code.startsWith('08') || code.startsWith('57P')) return true;
  return /Connection terminated|terminating connection|the database system is (starting|shutting) up|timeout exceeded when trying to connect/i.test(err.message ?? '');
}
