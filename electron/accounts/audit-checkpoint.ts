// Signed checkpoints of the audit chain's head: "row #N had hash H", signed with the archive's
// Ed25519 key. A chain can be cut at its tail and still link up, and a re-chained log links up
// too; a checkpoint cannot be moved without the key, so a log that lost row #N or holds
// another hash there is caught. One is written every CHECKPOINT_EVERY rows (in the row's own
// transaction, into audit_checkpoints) and on every backup (there also into
// keys/audit-checkpoint.json, outside the database, and into the backup's signed manifest).
import fs from 'node:fs';
import path from 'node:path';
import { KEYS_DIR, signCanonical, verifyCanonical } from '../archive/archive-keys';
import { writeFileDurably } from '../archive/durable-write';
import { PRIVATE_FILE_MODE } from '../archive/file-modes';
import type { AuditSecrets } from './audit-keys';

export const CHECKPOINT_EVERY = 1000;
export const CHECKPOINT_FILE = 'audit-checkpoint.json';
const FORMAT = 'sohoa-audit-checkpoint/1';

export interface Checkpoint {
  rowId: number;
  hash: string;
  at: string;
  reason: 'rows' | 'backup';
  signature: string;
}

type Sql = { prepare(sql: string): { run(...a: unknown[]): unknown; all(...a: unknown[]): unknown[]; get(...a: unknown[]): unknown } };

const body = (c: Omit<Checkpoint, 'signature'>) => ({ format: FORMAT, rowId: c.rowId, hash: c.hash, at: c.at, reason: c.reason });

export function signCheckpoint(s: AuditSecrets, rowId: number, hash: string, reason: Checkpoint['reason']): Checkpoint {
  if (!s.signingKey) throw new Error('no archive key to sign an audit checkpoint');
  const c = { rowId, hash, at: new Date().toISOString(), reason };
  return { ...c, signature: signCanonical(body(c), s.signingKey) };
}

export const checkpointValid = (c: Checkpoint, publicKeyPem: string | null) => !!publicKeyPem && verifyCanonical(body(c), publicKeyPem, c.signature);

export function recordCheckpoint(db: Sql, c: Checkpoint): void {
  db.prepare('INSERT INTO audit_checkpoints(row_id, hash, at, reason, signature) VALUES (?, ?, ?, ?, ?)').run(c.rowId, c.hash, c.at, c.reason, c.signature);
}

/** A backup's checkpoint of a head, in the database and in keys/ (outside it); null for an archive without a key. */
export function checkpointAt(db: Sql, s: AuditSecrets | null, head: { id: number; hash: string }, reason: Checkpoint['reason']): Checkpoint | null {
  if (!s?.signingKey) return null;
  const c = signCheckpoint(s, head.id, head.hash, reason);
  recordCheckpoint(db, c);
  writeFileDurably(path.join(s.dataDir, KEYS_DIR, CHECKPOINT_FILE), Buffer.from(JSON.stringify(c, null, 1) + '\n'), undefined, PRIVATE_FILE_MODE);
  return c;
}

/** Every checkpoint on record: the table's and the file's (a missing table, from before migration 13, holds none). */
export function readCheckpoints(db: Sql, s: AuditSecrets | null): Checkpoint[] {
  let rows: Checkpoint[] = [];
  try {
    rows = db.prepare('SELECT row_id rowId, hash, at, reason, signature FROM audit_checkpoints ORDER BY id').all() as Checkpoint[];
  } catch {}
  if (s) {
    try {
      const bytes = s.checkpointFile !== undefined ? s.checkpointFile : fs.readFileSync(path.join(s.dataDir, KEYS_DIR, CHECKPOINT_FILE));
      if (bytes) rows.push(JSON.parse(bytes.toString('utf8')) as Checkpoint);
    } catch {}
  }
  return rows;
}
