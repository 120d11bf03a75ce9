// Enrolment: a hub admin makes a one-time, expiring code for a unit; a desk of that unit sends
// it with its archive's Ed25519 public key, and from then on the hub knows the desk by that key.
import { createHash, createPublicKey, randomBytes, randomUUID } from 'node:crypto';
import type { EnrolRequest, EnrolResponse } from '../../shared/hub-protocol';
import { hubAudit } from '../accounts/audit';
import { tx, type Pool } from '../db/pool';
import { findUnit } from '../units/units';
import { refuse } from './refusal';

const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

/** A new code, shown once: 4 groups of 5 characters from an alphabet without look-alikes. */
export async function createEnrolmentCode(pool: Pool, unitId: number, byAccountId: number | null, validHours = 72): Promise<{ code: string; expiresAt: string }> {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const raw = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  const code = raw.match(/.{5}/g)!.join('-');
  const expiresAt = new Date(Date.now() + validHours * 3600_000).toISOString();
  await tx(pool, async (c) => {
    await c.query('INSERT INTO enrolment_codes(code_hash, unit_id, created_by, expires_at) VALUES ($1,$2,$3,$4)', [hashCode(code), unitId, byAccountId, expiresAt]);
    await hubAudit(c, { accountId: byAccountId, action: 'enrolment.code', objectType: 'unit', objectId: String(unitId), details: { expiresAt } });
  });
  return { code, expiresAt };
}

export const keyFingerprint = (publicKeyPem: string) => createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);

export async function enrolDesk(pool: Pool, req: EnrolRequest, hubName: string): Promise<EnrolResponse> {
  let key;
  try {
    key = createPublicKey(req.publicKey);
  } catch {
    throw refuse(400, 'BAD_REQUEST', 'khóa công khai không đọc được');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw refuse(400, 'BAD_REQUEST', 'khóa phải là Ed25519');
  const publicKey = key.export({ type: 'spki', format: 'pem' }).toString();
  const outcome = await tx(pool, async (c) => {
    // the row lock makes a code usable once even when two desks race with it
    const row = (await c.query<{ unit_id: number; expired: boolean; used_at: Date | null }>('SELECT unit_id, expires_at < now() expired, used_at FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE', [hashCode(req.code)])).rows[0];
    if (!row || row.used_at || row.expired) return { refused: refuse(403, 'ENROL_CODE_INVALID'), why: !row ? 'unknown' : row.used_at ? 'used' : 'expired' };
    const unit = await findUnit(c, req.unit.code, req.unit.validFrom);
    if (!unit || unit.id !== row.unit_id) return { refused: refuse(403, 'ENROL_UNIT_MISMATCH'), why: `code for unit #${row.unit_id}` };
    const deskId = randomUUID();
    await c.query('INSERT INTO desks(id, unit_id, name, public_key, key_fingerprint) VALUES ($1,$2,$3,$4,$5)', [deskId, unit.id, req.deskName, publicKey, keyFingerprint(publicKey)]);
    await c.query('UPDATE enrolment_codes SET used_at = now(), used_by = $2 WHERE code_hash = $1', [hashCode(req.code), deskId]);
    await hubAudit(c, { deskId, action: 'desk.enrol', objectType: 'unit', objectId: unit.code, details: { name: req.deskName, key: keyFingerprint(publicKey) } });
    return { value: { deskId, hubName, unit: { code: unit.code, name: unit.name, level: unit.level }, acked: 0 } };
  });
  if (outcome.value) return outcome.value;
  // logged after the refused transaction rolled back, so the refusal itself is kept
  await tx(pool, (c) => hubAudit(c, { action: 'desk.enrol.refused', objectType: 'unit', objectId: req.unit.code, details: { reason: outcome.why } }));
  throw outcome.refused;
}
