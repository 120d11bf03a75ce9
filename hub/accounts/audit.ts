// The hub's audit log, hash-chained like the desk's: every row carries the hash of the row
// before it and its own hash over a canonical encoding. Writers take an advisory lock inside
// their transaction, so two hub processes append in turn and never fork the chain (a UNIQUE
// prev_hash refuses a fork even if that were ever got wrong).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/pool';

const GENESIS = '0'.repeat(64);
const CHAIN_LOCK = 0x41756469;

export interface HubAuditEntry {
  accountId?: number | null;
  deskId?: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  details?: unknown;
}

interface Row {
  id: number;
  at: string;
  account_id: number | null;
  desk_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: string | null;
  prev_hash: string;
}

const rowHash = (r: Row) =>
  createHash('sha256')
    .update(JSON.stringify(['sohoa-hub-audit/1', r.id, r.at, r.account_id, r.desk_id, r.action, r.object_type, r.object_id, r.details, r.prev_hash]))
    .digest('hex');

/** Appends one chained row. Call inside the transaction of the change it records. */
export async function hubAudit(c: Queryable, e: HubAuditEntry): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const last = (await c.query<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')).rows[0];
  const row: Row = {
    id: (last?.id ?? 0) + 1,
    at: new Date().toISOString(),
    account_id: e.accountId ?? null,
    desk_id: e.deskId ?? null,
    action: e.action,
    object_type: e.objectType ?? null,
    object_id: e.objectId ?? null,
    details: e.details === undefined ? null : JSON.stringify(e.details),
    prev_hash: last?.hash ?? GENESIS,
  };
  await c.query(
    'INSERT INTO audit_log(id, at, account_id, desk_id, action, object_type, object_id, details, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)',
    [row.id, row.at, row.account_id, row.desk_id, row.action, row.object_type, row.object_id, row.details, row.prev_hash, rowHash(row)],
  );
}

/** Walks the whole chain; the first broken row, or null when every row links and hashes right. */
export async function verifyHubAudit(c: Queryable): Promise<{ rows: number; brokenAt: number | null }> {
  const { rows } = await c.query<Omit<Row, 'at'> & { hash: string; at: Date | string }>('SELECT * FROM audit_log ORDER BY id');
  let prev = GENESIS;
  let expectId = 1;
  for (const r of rows) {
    const at = r.at instanceof Date ? r.at.toISOString() : r.at;
    if (r.id !== expectId || r.prev_hash !== prev || rowHash({ ...r, at }) !== r.hash) return { rows: rows.length, brokenAt: r.id };
    prev = r.hash;
    expectId++;
  }
  return { rows: rows.length, brokenAt: null };
}
