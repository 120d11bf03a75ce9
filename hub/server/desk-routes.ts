// The routes desks call: enrolment (with a one-time code), then signed requests only: status,
// batches, blob chunks, and the reuse lookup on behalf of the desk's officer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BatchRequest, EnrolRequest, HUB_BLOB_CHUNK_BYTES, HUB_BODY_MAX_BYTES } from '../../shared/hub-protocol';
import { authenticateDesk } from '../ingest/desk-auth';
import { applyBatch } from '../ingest/apply';
import { blobStatus, receiveChunk } from '../ingest/blobs';
import { enrolDesk } from '../ingest/enrolment';
import { Refusal, refuse } from '../ingest/refusal';
import { authorizeDownload, lookup, LookupQuery } from '../reuse/lookup';
import type { HubContext } from './context';
import { parseJson, readBody, sendOk } from './http-util';

const parse = <T>(schema: z.ZodType<T>, v: unknown): T => {
  const r = schema.safeParse(v);
  if (!r.success) throw refuse(400, 'BAD_REQUEST', r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
};

const DeskLookup = LookupQuery.extend({ officer: z.object({ username: z.string().trim().min(1).max(64), fullName: z.string().trim().min(1).max(200) }) });

/** Handles /api/desk/...; false when the path is not a desk route. */
export async function deskRoute(ctx: HubContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const p = url.pathname;
  if (!p.startsWith('/api/desk/')) return false;
  const method = req.method ?? 'GET';
  if (p === '/api/desk/enrol' && method === 'POST') {
    const body = parse(EnrolRequest, parseJson(await readBody(req, 64 * 1024)));
    sendOk(res, await enrolDesk(ctx.pool, body, ctx.hubName));
    return true;
  }
  const blob = /^\/api\/desk\/blobs\/([0-9a-f]{64})$/.exec(p);
  const download = /^\/api\/desk\/lookup\/([0-9a-f-]{36})\/([0-9a-f]{64})$/.exec(p);
  const limit = blob && method === 'PUT' ? HUB_BLOB_CHUNK_BYTES : HUB_BODY_MAX_BYTES;
  const body = await readBody(req, limit);
  const desk = await authenticateDesk(ctx.pool, method, p + url.search, req.headers, body);
  if (p === '/api/desk/status' && method === 'GET') {
    const acked = (await ctx.pool.query<{ acked: number }>('UPDATE desks SET last_seen = now() WHERE id = $1 RETURNING acked', [desk.id])).rows[0].acked;
    sendOk(res, { acked, hubName: ctx.hubName, serverTime: new Date().toISOString() });
  } else if (p === '/api/desk/batch' && method === 'POST') {
    sendOk(res, await applyBatch(ctx.ingest, desk, parse(BatchRequest, parseJson(body)).items));
  } else if (blob && method === 'GET') {
    sendOk(res, await blobStatus(ctx.pool, ctx.blobs, blob[1]));
  } else if (blob && method === 'PUT') {
    const offset = Number(url.searchParams.get('offset'));
    if (!Number.isSafeInteger(offset) || offset < 0) throw refuse(400, 'BAD_REQUEST', 'offset');
    sendOk(res, await receiveChunk(ctx.ingest, ctx.blobs, blob[1], offset, body));
  } else if (p === '/api/desk/lookup' && method === 'POST') {
    const q = parse(DeskLookup, parseJson(body));
    const officer = `${desk.id}/${q.officer.username}`;
    sendOk(res, await lookup(ctx.pool, { accountId: null, deskId: desk.id, officer }, q));
  } else if (download && method === 'GET') {
    const officer = url.searchParams.get('officer') ?? '';
    await authorizeDownload(ctx.pool, { accountId: null, deskId: desk.id, officer: `${desk.id}/${officer}` }, download[1], download[2]);
    streamBlob(ctx, res, download[2]);
  } else throw new Refusal(404, 'NOT_FOUND', 'Không có chức năng này.');
  return true;
}

export function streamBlob(ctx: HubContext, res: ServerResponse, sha256: string): void {
  res.writeHead(200, { 'Content-Type': 'application/pdf', 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="ban-sao-${sha256.slice(0, 12)}.pdf"` });
  ctx.blobs.read(sha256).on('error', () => res.destroy()).pipe(res);
}
