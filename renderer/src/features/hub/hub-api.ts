// The hub's own staff methods (reuse lookup, enrolment, desks, accounts, audit), which the
// desk's contract does not have: POST api/<method> with the page header, the Result envelope
// unwrapped as `call` does. The coverage screens use the desk's `call`, whose names and
// shapes the hub answers too.
import type { HubRole } from '../../../../shared/hub-roles';
import type { AppError } from '../../../../shared/result';
import { ApiError } from '../../api/bridge';
import type { LookupBy } from './lookup-form';

export interface LookupResult {
  dossierCode: string;
  unitCode: string;
  unitName: string;
  procedureName: string | null;
  resultName: string | null;
  resultNumber: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  revokedOn: string | null;
  holderName: string | null;
  signed: { sha256: string; size: number } | null;
}

export interface HubDesk {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  keyFingerprint: string;
  enrolledAt: string;
  acked: number;
  lastSeen: string | null;
  revokedAt: string | null;
}

export interface HubAccountRow {
  id: number;
  username: string;
  fullName: string;
  role: HubRole;
  unitId: number | null;
}

type HubMethods = {
  'reuse.lookup': { req: { by: LookupBy; value: string; purpose: { dossierCode: string; note: string } }; res: { lookupId: string; results: LookupResult[] } };
  'hub.info': { req: Record<string, never>; res: { hubName: string; fingerprint: string } };
  'hub.enrolmentCode': { req: { unitId: number; validHours?: number }; res: { code: string; expiresAt: string } };
  'hub.desks': { req: Record<string, never>; res: HubDesk[] };
  'hub.revokeDesk': { req: { deskId: string }; res: null };
  'hub.accounts': { req: Record<string, never>; res: HubAccountRow[] };
  'hub.saveAccount': { req: { username: string; fullName: string; role: HubRole; unitId: number | null; password: string }; res: { id: number } };
  'hub.auditVerify': { req: Record<string, never>; res: { rows: number; brokenAt: number | null } };
};
export type HubMethod = keyof HubMethods;

const OFFLINE: AppError = { code: 'OFFLINE', message: 'Không kết nối được tới máy chủ tỉnh.' };

/** Calls a hub staff method; a refusal or a lost connection throws ApiError with the hub's reason. */
export async function hubCall<M extends HubMethod>(method: M, req: HubMethods[M]['req']): Promise<HubMethods[M]['res']> {
  let body: { ok: true; value: HubMethods[M]['res'] } | { ok: false; error: AppError } | null;
  try {
    const res = await fetch(`api/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'x-sohoa-hub': '1' },
      body: JSON.stringify(req),
    });
    body = await res.json().catch(() => ({ ok: false, error: { code: 'HTTP', message: `Máy chủ trả lỗi ${res.status}.`, params: { status: res.status } } }));
  } catch {
    throw new ApiError(OFFLINE);
  }
  if (!body || !body.ok) throw new ApiError(body?.error ?? OFFLINE);
  return body.value;
}

/** The signed copy a lookup found: only that lookup, by the same account, within the hour. */
export const signedCopyUrl = (lookupId: string, sha256: string) => `api/files/${lookupId}/${sha256}`;
