// What the desk remembers about its hub, in the settings table: the enrolment (address, desk
// id, pinned fingerprint, unit), the last sequence the hub acknowledged, the last good sync and
// the last error. No secret is kept here: the desk's key stays in keys/ (coverage/packages.ts).
import type { SyncError } from '../../shared/sync-contract';
import type { Db } from '../archive/db';
import { deleteSetting, getSetting, putSetting } from '../archive/settings';

/** The key the outbox triggers test (migration 12): a desk queues only once enrolled. */
const DESK_ID = 'hub.deskId';
const K = { url: 'hub.url', fingerprint: 'hub.fingerprint', unitId: 'hub.unitId', hubName: 'hub.hubName', acked: 'hub.acked', lastSyncAt: 'hub.lastSyncAt', lastError: 'hub.lastError' } as const;

export interface Enrolment {
  url: string;
  deskId: string;
  fingerprint: string;
  /** the desk's unit (local id), whose subtree it sends */
  unitId: number;
  hubName: string;
}

export function enrolment(db: Db): Enrolment | null {
  const deskId = getSetting(db, DESK_ID);
  const url = getSetting(db, K.url);
  const fingerprint = getSetting(db, K.fingerprint);
  const unitId = getSetting(db, K.unitId);
  if (!deskId || !url || !fingerprint || !unitId) return null;
  return { deskId, url, fingerprint, unitId: Number(unitId), hubName: getSetting(db, K.hubName) ?? '' };
}

/** Records an enrolment (call inside the transaction that queues the archive). */
export function saveEnrolment(db: Db, e: Enrolment, acked: number): void {
  putSetting(db, DESK_ID, e.deskId);
  putSetting(db, K.url, e.url);
  putSetting(db, K.fingerprint, e.fingerprint);
  putSetting(db, K.unitId, String(e.unitId));
  putSetting(db, K.hubName, e.hubName);
  putSetting(db, K.acked, String(acked));
  deleteSetting(db, K.lastSyncAt);
  deleteSetting(db, K.lastError);
}

export const ackedSeq = (db: Db): number => Number(getSetting(db, K.acked) ?? 0);
export const setAcked = (db: Db, seq: number) => putSetting(db, K.acked, String(seq));

export const lastSyncAt = (db: Db): string | null => getSetting(db, K.lastSyncAt);

export function lastError(db: Db): SyncError | null {
  const raw = getSetting(db, K.lastError);
  return raw ? (JSON.parse(raw) as SyncError) : null;
}

/** A good round clears the error; a failed one keeps the last good time and records why. */
export function recordSync(db: Db, error: Omit<SyncError, 'at'> | null, at = new Date().toISOString()): void {
  if (error) putSetting(db, K.lastError, JSON.stringify({ ...error, at }));
  else {
    putSetting(db, K.lastSyncAt, at);
    deleteSetting(db, K.lastError);
  }
}
