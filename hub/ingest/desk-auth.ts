// Every request a desk makes after enrolment is signed with its archive key over the method,
// path, time, nonce and body hash (shared/hub-protocol.ts). The hub refuses an unknown or
// revoked desk, a clock off by more than five minutes, a nonce seen before and a bad signature.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { HUB_CLOCK_SKEW_MS, HUB_HEADERS, signingString } from '../../shared/hub-protocol';
import type { Pool } from '../db/pool';
import { refuse } from './refusal';

export interface Desk {
  id: string;
  unitId: number;
  name: string;
  acked: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function authenticateDesk(pool: Pool, method: string, pathWithQuery: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<Desk> {
  const h = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const deskId = h(HUB_HEADERS.desk);
  const time = h(HUB_HEADERS.time);
  const nonce = h(HUB_HEADERS.nonce);
  const signature = h(HUB_HEADERS.signature);
  if (!deskId || !UUID.test(deskId) || !time || !nonce || !/^[0-9a-f]{16,64}$/.test(nonce) || !signature) throw refuse(401, 'SIGNATURE_BAD', 'thiếu tiêu đề xác thực');
  const row = (await pool.query<{ id: string; unit_id: number; name: string; public_key: string; acked: number; revoked_at: Date | null }>('SELECT id, unit_id, name, public_key, acked, revoked_at FROM desks WHERE id = $1', [deskId])).rows[0];
  if (!row || row.revoked_at) throw refuse(401, 'DESK_UNKNOWN');
  const at = Date.parse(time);
  if (!Number.isFinite(at) || Math.abs(Date.now() - at) > HUB_CLOCK_SKEW_MS) throw refuse(401, 'CLOCK_SKEW');
  const message = signingString(method, pathWithQuery, time, nonce, createHash('sha256').update(body).digest('hex'));
  let good: boolean;
  try {
    good = verify(null, Buffer.from(message), createPublicKey(row.public_key), Buffer.from(signature, 'base64'));
  } catch {
    good = false;
  }
  if (!good) throw refuse(401, 'SIGNATURE_BAD');
  // the nonce is recorded only once the signature holds, so nobody can burn a desk's nonces
  const fresh = await pool.query('INSERT INTO desk_nonces(desk_id, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING', [deskId, nonce]);
  if (!fresh.rowCount) throw refuse(409, 'REPLAY');
  return { id: row.id, unitId: row.unit_id, name: row.name, acked: row.acked };
}

/** Nonces older than twice the allowed skew can never be replayed (the time check refuses them). */
export async function pruneNonces(pool: Pool): Promise<void> {
  await pool.query(`DELETE FROM desk_nonces WHERE at < now() - interval '${(2 * HUB_CLOCK_SKEW_MS) / 1000} seconds'`);
}
