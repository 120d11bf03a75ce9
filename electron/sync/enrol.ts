// Enrolment: an administrator gives the hub's https address and a one-time code (and, better,
// the fingerprint the hub's administrator read out). The desk pins the certificate it met,
// sends its archive's public key and its unit, and queues its whole archive once.
import os from 'node:os';
import { EnrolRequest, EnrolResponse } from '../../shared/hub-protocol';
import { audit } from '../accounts/audit';
import { homeUnitId } from '../accounts/users';
import type { Db } from '../archive/db';
import { archiveKey } from '../coverage/packages';
import { CoreError } from '../errors';
import { getUnit } from '../units/units';
import { hubCall } from './hub-client';
import { clearOutbox, queueAll } from './outbox';
import { saveEnrolment, type Enrolment } from './sync-state';

export interface EnrolInput {
  url: string;
  code: string;
  /** the fingerprint the hub's administrator gave, normalised (64 hex) */
  fingerprint?: string;
}

export async function enrolDesk(db: Db, dataDir: string, input: EnrolInput, userId: number | null): Promise<Enrolment & { queued: number }> {
  const unitId = homeUnitId(db);
  const unit = unitId === null ? null : getUnit(db, unitId);
  if (!unit) throw new CoreError('HUB_NO_UNIT');
  // the origin only: the desk talks to the hub's own routes and nothing else
  const url = new URL(input.url).origin;
  const request: EnrolRequest = {
    code: input.code,
    unit: { code: unit.code, validFrom: unit.validFrom ?? null },
    publicKey: archiveKey(dataDir).publicKeyPem,
    deskName: (os.hostname() || 'Số hóa Desk').slice(0, 200),
  };
  // with a fingerprint given, a different certificate is refused before the code is sent
  let seen = '';
  const answer = await hubCall(
    { url, fingerprint: input.fingerprint ?? null },
    { method: 'POST', path: '/api/desk/enrol', json: request, onFingerprint: (fp) => (seen = fp) },
    EnrolResponse,
  );
  const enrolment: Enrolment = { url, deskId: answer.deskId, fingerprint: seen, unitId: unit.id, hubName: answer.hubName };
  const queued = db.transaction(() => {
    // a new enrolment starts the outbox afresh: the hub gets the whole archive once
    clearOutbox(db);
    saveEnrolment(db, enrolment, answer.acked);
    audit(db, userId, 'hub.enrol', { type: 'unit', id: unit.id }, { url, deskId: answer.deskId, fingerprint: seen, hubName: answer.hubName });
    return queueAll(db, unit.id, answer.acked);
  })();
  return { ...enrolment, queued };
}
