// The audit log as a hash chain: every row carries the SHA-256 of the row before it and its
// own hash over a canonical encoding, so changing, removing or reordering a row breaks the
// chain from that row on. The previous row is read and the new one inserted in one write
// transaction (IMMEDIATE when the caller has none open), so two processes writing to one
// archive (the app and the CLI) take turns and never fork the chain; a UNIQUE index on
// prev_hash refuses a fork even if that were ever got wrong.
import { createHash } from 'node:crypto';
import type { Db } from '../archive/db';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  id: number;
  at: string;
  user_id: number | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: string | null;
  prev_hash: string;
}

/** The bytes a row's hash covers: its fields in a fixed order, JSON-encoded (no key order to drift). */
export function canonicalAuditRow(r: AuditRecord): string {
  return JSON.stringify(['sohoa-audit/1', r.id, r.at, r.user_id, r.action, r.object_type, r.object_id, r.details, r.prev_hash]);
}

export function auditRowHash(r: AuditRecord): string {
  return createHash('sha256').update(canonicalAuditRow(r), 'utf8').digest('hex');
}

export interface AuditEntry {
  userId: number | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  details: string | null;
}

/** Appends one chained row; returns its id. */
export function appendAuditRow(db: Db, e: AuditEntry): number {
  const write = () => {
    const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
    const rec: AuditRecord = {
      id: (last?.id ?? 0) + 1,
      at: new Date().toISOString(),
      user_id: e.userId,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      details: e.details,
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    db.prepare('INSERT INTO audit_log(id, at, user_id, action, object_type, object_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      rec.id,
      rec.at,
      rec.user_id,
      rec.action,
      rec.object_type,
      rec.object_id,
      rec.details,
      rec.prev_hash,
      auditRowHash(rec),
    );
    return rec.id;
  };
  // inside the caller's transaction the change and its audit row commit together; SQLite
  // serialises writers, so the row read above is still the last one when this one commits
  return db.inTransaction ? write() : db.transaction(write).immediate();
}

export type AuditBreak = 'hash' | 'link' | 'unchained';

export interface AuditChainStatus {
  ok: boolean;
  rows: number;
  /** hash of the newest row: note it down (or keep the backup manifest) to notice a cut-off tail */
  head: string | null;
  firstBroken: { id: number; at: string; action: string; reason: AuditBreak } | null;
}

/**
 * Walks the chain from the first row. `hash`: the row's content no longer matches its hash
 * (edited); `link`: its prev_hash is not the hash of the row before it (a row removed,
 * inserted or reordered); `unchained`: a row without hashes (written around the app).
 */
export function verifyAuditChain(db: Db, onProgress?: (done: number, total: number) => void): AuditChainStatus {
  const total = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  let prev = GENESIS_HASH;
  let n = 0;
  let head: string | null = null;
  for (const r of db.prepare('SELECT id, at, user_id, action, object_type, object_id, details, prev_hash, hash FROM audit_log ORDER BY id').iterate() as Iterable<AuditRecord & { hash: string | null; prev_hash: string | null }>) {
    n++;
    const broken = (reason: AuditBreak): AuditChainStatus => ({ ok: false, rows: total, head: null, firstBroken: { id: r.id, at: r.at, action: r.action, reason } });
    if (!r.hash || !r.prev_hash) return broken('unchained');
    if (r.prev_hash !== prev) return broken('link');
    if (auditRowHash(r) !== r.hash) return broken('hash');
    prev = head = r.hash;
    if (onProgress && n % 5000 === 0) onProgress(n, total);
  }
  onProgress?.(n, total);
  return { ok: true, rows: total, head, firstBroken: null };
}
