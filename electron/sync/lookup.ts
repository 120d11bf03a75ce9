// The reuse lookup through the desk's enrolment: a desk officer finds a result digitized
// anywhere in the province and fetches its signed copy, without a hub account. The desk signs
// each request with its archive key over the pinned connection and names the signed-in user
// as the officer; the hub checks the rules (exact identifier, purpose, rate) and audits, and
// the desk keeps its own audit row of who asked what and why (Decree 13/2023).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LookupAnswer, LOOKUP_WILDCARD, type LookupRequest } from '../../shared/lookup-contract';
import { audit } from '../accounts/audit';
import type { Db } from '../archive/db';
import { archiveKey } from '../coverage/packages';
import { CoreError } from '../errors';
import { hubRequest, hubValue, type HubAnswer, type HubRequest } from './hub-client';
import { enrolment } from './sync-state';

export interface LookupEnv {
  db: Db;
  dataDir: string;
}

/** The signed-in user the hub is told is asking: from the session, never from the request. */
export interface Officer {
  id: number;
  username: string;
  fullName: string;
}

/** A signed copy is whatever the desk could have archived (an import takes files up to 1 GiB). */
const COPY_MAX_BYTES = 1024 * 1024 * 1024;

function link(env: LookupEnv) {
  const e = enrolment(env.db);
  if (!e) throw new CoreError('HUB_NOT_ENROLLED');
  return { ep: { url: e.url, fingerprint: e.fingerprint }, signer: { deskId: e.deskId, privateKey: archiveKey(env.dataDir).privateKey } };
}

/** One request to the hub; a network failure is worded for a lookup (the push's words promise a resend). */
async function ask(env: LookupEnv, r: Omit<HubRequest, 'signer'>): Promise<HubAnswer> {
  const { ep, signer } = link(env);
  try {
    return await hubRequest(ep, { ...r, signer });
  } catch (e) {
    if (e instanceof CoreError && e.code === 'HUB_UNREACHABLE') throw new CoreError('HUB_LOOKUP_OFFLINE', e.params);
    throw e;
  }
}

/** The lookup rules the hub enforces (exact identifier, rate) keep its own Vietnamese reason; anything else is a plain refusal. */
function ruleBroken(answer: HubAnswer): CoreError | null {
  if (answer.status === 200) return null;
  let error: { code?: string; message?: string } | undefined;
  try {
    error = JSON.parse(answer.body.toString('utf8')).error;
  } catch {
    return null;
  }
  if (error?.code === 'LOOKUP_EXACT') return new CoreError('HUB_LOOKUP_EXACT', { reason: error.message ?? '' });
  if (error?.code === 'LOOKUP_RATE') return new CoreError('HUB_LOOKUP_RATE', { reason: error.message ?? '' });
  return null;
}

async function askHub(env: LookupEnv, officer: Officer, q: z.output<typeof LookupRequest>): Promise<LookupAnswer> {
  // a wildcard is refused here as on the hub: it would never match and still cost a lookup
  if (LOOKUP_WILDCARD.test(q.value)) throw new CoreError('HUB_LOOKUP_EXACT', { reason: 'chỉ tra cứu theo đúng một mã; không dùng ký tự đại diện (%, *, ?, _).' });
  const body = Buffer.from(JSON.stringify({ by: q.by, value: q.value, purpose: q.purpose, officer: { username: officer.username, fullName: officer.fullName } }));
  const answer = await ask(env, { method: 'POST', path: '/api/desk/lookup', body, headers: { 'content-type': 'application/json' } });
  const broken = ruleBroken(answer);
  if (broken) throw broken;
  return hubValue(answer, 'yêu cầu tra cứu', LookupAnswer);
}

/** Looks up one exact identifier across the province; every attempt past the enrolment check is audited on the desk. */
export async function lookupOnHub(env: LookupEnv, officer: Officer, q: z.output<typeof LookupRequest>): Promise<LookupAnswer> {
  link(env);
  const what = { type: q.by, id: q.value };
  const why = { purpose: q.purpose, officer: officer.username };
  try {
    const answer = await askHub(env, officer, q);
    audit(env.db, officer.id, 'hub.lookup', what, { ...why, lookupId: answer.lookupId, results: answer.results.length, units: [...new Set(answer.results.map((r) => r.unitCode))] });
    return answer;
  } catch (e) {
    audit(env.db, officer.id, 'hub.lookup', what, { ...why, refused: e instanceof CoreError ? e.code : 'INTERNAL' });
    throw e;
  }
}

/** The signed copy a lookup of this officer found (the hub allows it for an hour), checked against its hash. */
export async function copyFromHub(env: LookupEnv, officer: Officer, lookupId: string, sha256: string): Promise<Buffer> {
  if (!/^[0-9a-f-]{36}$/.test(lookupId) || !/^[0-9a-f]{64}$/.test(sha256)) throw new CoreError('NOT_FOUND', { what: 'bản sao cần tải' });
  const path = `/api/desk/lookup/${lookupId}/${sha256}?officer=${encodeURIComponent(officer.username)}`;
  const answer = await ask(env, { method: 'GET', path, maxBytes: COPY_MAX_BYTES, timeoutMs: 300_000 });
  if (answer.status !== 200) hubValue(answer, 'yêu cầu tải bản sao', z.unknown());
  const got = createHash('sha256').update(answer.body).digest('hex');
  if (got !== sha256) throw new CoreError('HUB_BAD_ANSWER', { request: 'yêu cầu tải bản sao', detail: `tệp nhận được có SHA-256 ${got.slice(0, 12)}…, không phải ${sha256.slice(0, 12)}…` });
  audit(env.db, officer.id, 'hub.download', { type: 'blob', id: sha256 }, { lookupId, size: answer.body.length, officer: officer.username });
  return answer.body;
}
