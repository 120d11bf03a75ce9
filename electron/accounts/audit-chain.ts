// The audit log as a hash chain: every row carries the hash of the row before it and its
// own hash over a canonical encoding, so changing, removing or reordering a row breaks the
// chain from that row on. Format 1 rows (before migration 13, or a database opened without
// keys) hash with plain SHA-256, which anyone editing the file can recompute; format 2 rows
// hash with HMAC-SHA256 under a key kept in keys/, outside the database. Signed checkpoints
// (audit-checkpoint.ts) pin the head now and then, so a tail cut off is noticed too.
// The previous row is read and the new one inserted in one write transaction (IMMEDIATE when
// the caller has none open), so two processes writing to one archive (the app and the CLI)
// take turns and never fork the chain; a UNIQUE index on prev_hash refuses a fork even if
// that were ever got wrong.
import { createHash, createHmac } from 'node:crypto';
import type { Db } from '../archive/db';
import { auditSecretsOf, type AuditSecrets } from './audit-keys';
import { CHECKPOINT_EVERY, checkpointValid, readCheckpoints, recordCheckpoint, signCheckpoint, type Checkpoint } from './audit-checkpoint';

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
  /** 1: SHA-256; 2: HMAC-SHA256 with the archive's audit key */
  format?: number | null;
}

/** The bytes a row's hash covers: its fields in a fixed order, JSON-encoded (no key order to drift). */
export function canonicalAuditRow(r: AuditRecord, format = 1): string {
  return JSON.stringify([`sohoa-audit/${format}`, r.id, r.at, r.user_id, r.action, r.object_type, r.object_id, r.details, r.prev_hash]);
}

/** Format 1 (no key): SHA-256. Format 2: HMAC-SHA256 under `key`. */
export function auditRowHash(r: AuditRecord, key?: Buffer): string {
  return key ? createHmac('sha256', key).update(canonicalAuditRow(r, 2), 'utf8').digest('hex') : createHash('sha256').update(canonicalAuditRow(r), 'utf8').digest('hex');
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
  const secrets = auditSecretsOf(db);
  const key = secrets?.hmac?.key;
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
    const hash = auditRowHash(rec, key);
    const cols = 'id, at, user_id, action, object_type, object_id, details, prev_hash, hash';
    const values = [rec.id, rec.at, rec.user_id, rec.action, rec.object_type, rec.object_id, rec.details, rec.prev_hash, hash];
    // a database from before migration 13 (opened by a test at an older version) has no format column
    if (key) db.prepare(`INSERT INTO audit_log(${cols}, format) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 2)`).run(...values);
    else db.prepare(`INSERT INTO audit_log(${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values);
    if (key && secrets?.signingKey && rec.id % CHECKPOINT_EVERY === 0) recordCheckpoint(db, signCheckpoint(secrets, rec.id, hash, 'rows'));
    return rec.id;
  };
  // inside the caller's transaction the change and its audit row commit together; SQLite
  // serialises writers, so the row read above is still the last one when this one commits
  return db.inTransaction ? write() : db.transaction(write).immediate();
}

export type AuditBreak = 'hash' | 'link' | 'unchained' | 'unkeyed' | 'nokey' | 'checkpoint' | 'truncated';

export interface AuditChainStatus {
  ok: boolean;
  rows: number;
  /** hash of the newest row: note it down (or keep the backup manifest) to notice a cut-off tail */
  head: string | null;
  firstBroken: { id: number; at: string; action: string; reason: AuditBreak } | null;
}

/** Why a row breaks the chain, in the words shown to people (CLI, check report). */
export const AUDIT_BREAK_VI: Record<AuditBreak, string> = {
  hash: 'nội dung dòng bị sửa',
  link: 'dòng trước bị xóa, chèn hoặc đổi chỗ',
  unchained: 'dòng ghi ngoài ứng dụng',
  unkeyed: 'chuỗi băm bị tính lại không có khóa của kho',
  nokey: 'không có khóa nhật ký của kho (thư mục keys/ bị mất hoặc bị thay) để kiểm tra',
  checkpoint: 'mốc đã ký ghi mã băm khác hoặc không đúng chữ ký: nhật ký bị tính lại chuỗi',
  truncated: 'mốc đã ký ghi dòng sau dòng cuối: các dòng cuối đã bị xóa',
};

type Row = AuditRecord & { hash: string | null; prev_hash: string | null };

/** Why one row does not belong where it is, or null. */
function rowBreak(r: Row, prev: string, s: AuditSecrets | null, pinned: Map<number, Checkpoint>): AuditBreak | null {
  if (!r.hash || !r.prev_hash) return 'unchained';
  if (r.prev_hash !== prev) return 'link';
  const format = r.format ?? 1;
  // once the archive has its key, a row written with plain SHA-256 is one recomputed around it
  if (format !== 2 && s?.hmac && r.id >= s.hmac.keyedFrom) return 'unkeyed';
  if (format === 2 && !s?.hmac) return 'nokey';
  if (auditRowHash(r, format === 2 ? s!.hmac!.key : undefined) !== r.hash) return 'hash';
  const c = pinned.get(r.id);
  if (c && c.hash !== r.hash) return 'checkpoint';
  return null;
}

/**
 * Walks the chain from the first row. `hash`: the row's content no longer matches its hash
 * (edited); `link`: its prev_hash is not the hash of the row before it (a row removed,
 * inserted or reordered); `unchained`: a row without hashes (written around the app);
 * `unkeyed`: a plain SHA-256 row where the archive's key was due (the chain recomputed
 * without it); `nokey`: a keyed row and no key to check it (keys/ lost or replaced);
 * `checkpoint`: a signed checkpoint names another hash for this row, or does not verify
 * (the log was re-chained); `truncated`: a signed checkpoint names a row past the end (the
 * tail was cut off).
 */
export function verifyAuditChain(db: Db, onProgress?: (done: number, total: number) => void): AuditChainStatus {
  const s = auditSecretsOf(db);
  const total = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  const fail = (id: number, at: string, action: string, reason: AuditBreak): AuditChainStatus => ({ ok: false, rows: total, head: null, firstBroken: { id, at, action, reason } });
  const pinned = new Map<number, Checkpoint>();
  for (const c of readCheckpoints(db, s)) {
    if (!checkpointValid(c, s?.publicKeyPem ?? null)) return fail(Number(c.rowId) || 1, String(c.at ?? ''), '', s?.publicKeyPem ? 'checkpoint' : 'nokey');
    if ((pinned.get(c.rowId)?.hash ?? c.hash) !== c.hash) return fail(c.rowId, c.at, '', 'checkpoint');
    pinned.set(c.rowId, c);
  }
  let prev = GENESIS_HASH;
  let n = 0;
  let head: string | null = null;
  let lastId = 0;
  const seen = new Set<number>();
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<Row>) {
    n++;
    const reason = rowBreak(r, prev, s, pinned);
    if (reason) return fail(r.id, r.at, r.action, reason);
    prev = head = r.hash!;
    lastId = r.id;
    if (pinned.has(r.id)) seen.add(r.id);
    if (onProgress && n % 5000 === 0) onProgress(n, total);
  }
  const beyond = [...pinned.values()].filter((c) => c.rowId > lastId).sort((a, b) => b.rowId - a.rowId)[0];
  if (beyond) return fail(lastId + 1, beyond.at, '', 'truncated');
  // a pinned row gone from the middle, its neighbours re-linked
  const gone = [...pinned.values()].find((c) => !seen.has(c.rowId));
  if (gone) return fail(gone.rowId, gone.at, '', 'checkpoint');
  onProgress?.(n, total);
  return { ok: true, rows: total, head, firstBroken: null };
}
