// Schema migrations 6–11: search fold, OCR, import safety, audit chain, trust, change counters.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

export const migrationsV6toV11: Migration[] = [
  {
    version: 6,
    name: 'full-text search',
    up: (db) => {
      // folded text is indexed; the original is kept beside it for snippets (see archive/search.ts)
      // the FTS rowid is the document id
      db.exec(`CREATE VIRTUAL TABLE documents_fts USING fts5(title_raw UNINDEXED, body_raw UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')`);
      const docs = db.prepare('SELECT id, title, source_name FROM documents').all() as { id: number; title: string; source_name: string }[];
      const insert = db.prepare("INSERT INTO documents_fts(rowid, title_raw, body_raw, title, body) VALUES (?, ?, '', ?, '')");
      for (const d of docs) {
        const t = `${d.title} · ${d.source_name}`;
        insert.run(d.id, t, foldV6(t));
      }
    },
  },
  {
    version: 7,
    name: 'OCR: page sources and clean-up, searchable PDFs, review',
    up: (db) =>
      db.exec(`
        -- a page names the file and page it came from, so pages can be reordered, split
        -- into other documents or merged while every imported file stays as it was
        ALTER TABLE pages ADD COLUMN source_sha256 TEXT REFERENCES blobs(sha256);
        ALTER TABLE pages ADD COLUMN source_page INTEGER;
        UPDATE pages SET source_sha256 = (SELECT sha256 FROM documents d WHERE d.id = pages.document_id), source_page = idx;
        -- a quarter-turn the user chose (NULL: detected); rotation holds the turn applied
        ALTER TABLE pages ADD COLUMN rotation_user INTEGER CHECK (rotation_user IN (0, 90, 180, 270));
        ALTER TABLE pages ADD COLUMN geometry TEXT;
        ALTER TABLE pages ADD COLUMN blank INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE pages ADD COLUMN ocr_state TEXT NOT NULL DEFAULT 'none' CHECK (ocr_state IN ('none', 'done', 'failed'));
        ALTER TABLE pages ADD COLUMN ocr_error TEXT;
        -- OCR lines with word boxes (JSON, in pixels of the cleaned page)
        ALTER TABLE pages ADD COLUMN ocr_lines TEXT;
        ALTER TABLE pages ADD COLUMN clean_sha256 TEXT REFERENCES blobs(sha256);
        ALTER TABLE pages ADD COLUMN qr TEXT;
        -- split documents share their imported file
        DROP INDEX documents_sha;
        CREATE INDEX documents_sha ON documents(sha256);
        ALTER TABLE documents ADD COLUMN searchable_sha256 TEXT REFERENCES blobs(sha256);
        ALTER TABLE documents ADD COLUMN reviewed_at TEXT;
        ALTER TABLE documents ADD COLUMN reviewed_by INTEGER REFERENCES users(id);
        CREATE INDEX fields_value ON fields(name, value);
      `),
  },
  {
    version: 8,
    name: 'imports unique per unit, jobs owned by the process that started them',
    up: (db) =>
      db.exec(`
        -- the file a document was imported from; NULL for documents made by split or merge.
        -- One import of the same bytes per unit, enforced by the database, so two imports
        -- running at once cannot both store it (the check and the insert share a transaction)
        ALTER TABLE documents ADD COLUMN import_sha256 TEXT;
        UPDATE documents SET import_sha256 = sha256
          WHERE id IN (SELECT min(id) FROM documents GROUP BY ifnull(unit_id, -1), sha256);
        CREATE UNIQUE INDEX documents_import ON documents(ifnull(unit_id, -1), import_sha256) WHERE import_sha256 IS NOT NULL;
        -- which shell and process runs a job: a CLI job is never resumed by the desktop app
        ALTER TABLE jobs ADD COLUMN owner_shell TEXT;
        ALTER TABLE jobs ADD COLUMN owner_pid INTEGER;
      `),
  },
  {
    version: 9,
    name: 'tamper-evident audit log, maintenance reports',
    up: (db) => {
      db.exec(`
        ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
        ALTER TABLE audit_log ADD COLUMN hash TEXT;
      `);
      chainRowsV9(db);
      db.exec(`
        -- one successor per row: two writers can never fork the chain
        CREATE UNIQUE INDEX audit_log_prev ON audit_log(prev_hash);
        -- the app only ever appends; a change or removal has to drop these first, and breaks the chain
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log rows are append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log rows are append-only'); END;
        -- the outcome of each backup and sanity check, for the admin screen
        CREATE TABLE maintenance_reports (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('backup', 'check')),
          job_id INTEGER REFERENCES jobs(id),
          created_by INTEGER REFERENCES users(id),
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          ok INTEGER NOT NULL,
          report TEXT NOT NULL
        );
        CREATE INDEX maintenance_reports_kind ON maintenance_reports(kind, id);
      `);
    },
  },
  {
    version: 10,
    name: 'Signing: built-in trust anchors an admin disabled, intermediates kept from verification',
    up: (db) =>
      db.exec(`
        -- the national anchors ship with the app (assets/trust); an admin may turn one off
        CREATE TABLE trust_builtin_disabled (
          fingerprint TEXT PRIMARY KEY,
          disabled_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          disabled_by INTEGER REFERENCES users(id)
        );
        -- CA certificates met in signatures or fetched from an AIA address, for paths later
        CREATE TABLE cert_cache (
          fingerprint TEXT PRIMARY KEY,
          subject TEXT NOT NULL,
          der BLOB NOT NULL,
          source TEXT NOT NULL,
          added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        );
      `),
  },
  {
    version: 11,
    name: 'Change counters: the coverage cache sees every write to the register and the units, by any connection',
    up: (db) =>
      db.exec(`
        CREATE TABLE change_counters (topic TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
        INSERT INTO change_counters(topic) VALUES ('register_rows'), ('units');
        -- rows changed in place: the cache patches them instead of reloading
        CREATE TABLE register_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, register_id INTEGER NOT NULL);
        CREATE TRIGGER register_counted_insert AFTER INSERT ON register BEGIN UPDATE change_counters SET n = n + 1 WHERE topic = 'register_rows'; END;
        CREATE TRIGGER register_counted_delete AFTER DELETE ON register BEGIN UPDATE change_counters SET n = n + 1 WHERE topic = 'register_rows'; END;
        CREATE TRIGGER register_logged_update AFTER UPDATE ON register BEGIN INSERT INTO register_changes(register_id) VALUES (NEW.id); END;
        CREATE TRIGGER units_counted_insert AFTER INSERT ON units BEGIN UPDATE change_counters SET n = n + 1 WHERE topic = 'units'; END;
        CREATE TRIGGER units_counted_update AFTER UPDATE ON units BEGIN UPDATE change_counters SET n = n + 1 WHERE topic = 'units'; END;
        CREATE TRIGGER units_counted_delete AFTER DELETE ON units BEGIN UPDATE change_counters SET n = n + 1 WHERE topic = 'units'; END;
        CREATE TRIGGER successors_counted_insert AFTER INSERT ON unit_successors BEGIN UPDATE change_counters SET n = n + 1 WHERE topic = 'units'; END;
        CREATE TRIGGER successors_counted_update AFTER UPDATE ON unit_successors BEGIN UPDATE change_counters SET n = n + 1 WHERE topic = 'units'; END;
        CREATE TRIGGER successors_counted_delete AFTER DELETE ON unit_successors BEGIN UPDATE change_counters SET n = n + 1 WHERE topic = 'units'; END;
      `),
  },
];

/**
 * The search fold as migration 6 shipped it. A migration runs the code of its own day: a later
 * change to the live fold (archive/search.ts) must not change what this one wrote.
 */
function foldV6(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch.length > 1) {
      out += ch;
      continue;
    }
    const lower = ch.toLowerCase();
    const base = lower === 'đ' ? 'd' : lower.normalize('NFD')[0];
    out += base.length === 1 ? base : lower.length === 1 ? lower : ch;
  }
  return out;
}

/**
 * The audit chain's format 1 as migration 9 shipped it (accounts/audit-chain.ts verifies it):
 * rows written before the chain existed get their hashes here, frozen like the fold above.
 */
function chainRowsV9(db: Database): void {
  const rows = db.prepare('SELECT id, at, user_id, action, object_type, object_id, details FROM audit_log ORDER BY id').all() as { id: number; at: string; user_id: number | null; action: string; object_type: string | null; object_id: string | null; details: string | null }[];
  const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const canonical = JSON.stringify(['sohoa-audit/1', r.id, r.at, r.user_id, r.action, r.object_type, r.object_id, r.details, prev]);
    const hash = createHash('sha256').update(canonical, 'utf8').digest('hex');
    set.run(prev, hash, r.id);
    prev = hash;
  }
}
