// Schema migration 13: the audit chain with a key (accounts/audit-chain.ts). Rows keep their
// hash format: 1 (plain SHA-256, every row written so far, still verifiable as they are) or
// 2 (HMAC-SHA256 with the key in keys/, which someone editing only the database cannot
// recompute). Signed checkpoints of the chain's head (row id + hash, Ed25519 with the archive
// key) are kept beside it, append-only like the log, so rows cut from the tail are noticed.
import type { Migration } from './migration';

export const migrationV13: Migration = {
  version: 13,
  name: 'Keyed audit chain, signed checkpoints of its head',
  up: (db) =>
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
      CREATE TABLE audit_checkpoints (
        id INTEGER PRIMARY KEY,
        row_id INTEGER NOT NULL,
        hash TEXT NOT NULL,
        at TEXT NOT NULL,
        reason TEXT NOT NULL,
        signature TEXT NOT NULL
      );
      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'audit_checkpoints rows are append-only'); END;
      CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'audit_checkpoints rows are append-only'); END;
    `),
};
