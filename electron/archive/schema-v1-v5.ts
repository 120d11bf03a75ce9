// Schema migrations 1–5: the archive, accounts, coverage register, units and signatures.
import type { Migration } from './migration';

export const migrationsV1toV5: Migration[] = [
  {
    version: 1,
    name: 'units, accounts, audit',
    up: (db) =>
      db.exec(`
        CREATE TABLE units (
          id INTEGER PRIMARY KEY,
          code TEXT NOT NULL,
          name TEXT NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('province','district','commune')),
          kind TEXT,
          parent_id INTEGER REFERENCES units(id),
          valid_from TEXT,
          valid_to TEXT,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        );
        -- codes are reused across the 2025 reform, so a code is unique per validity start
        CREATE UNIQUE INDEX units_code_from ON units(code, ifnull(valid_from, ''));
        CREATE INDEX units_parent ON units(parent_id);
        CREATE TABLE unit_successors (
          unit_id INTEGER NOT NULL REFERENCES units(id),
          successor_id INTEGER NOT NULL REFERENCES units(id),
          kind TEXT NOT NULL CHECK (kind IN ('full','partial')),
          PRIMARY KEY (unit_id, successor_id)
        );
        CREATE TABLE users (
          id INTEGER PRIMARY KEY,
          username TEXT NOT NULL UNIQUE,
          full_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('records_staff','signing_officer','unit_head','admin')),
          unit_id INTEGER NOT NULL REFERENCES units(id),
          password_hash TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1,
          failed_count INTEGER NOT NULL DEFAULT 0,
          locked_until TEXT,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        );
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          user_id INTEGER REFERENCES users(id),
          action TEXT NOT NULL,
          object_type TEXT,
          object_id TEXT,
          details TEXT
        );
        CREATE INDEX audit_at ON audit_log(at);
      `),
  },
  {
    version: 2,
    name: 'documents, pages, blobs, jobs',
    up: (db) => db.exec(V2_DOCUMENTS),
  },
  {
    version: 3,
    name: 'procedures, results register, targets',
    up: (db) =>
      db.exec(`
        CREATE TABLE procedures (
          code TEXT PRIMARY KEY,
          name TEXT NOT NULL
        );
        CREATE TABLE register (
          id INTEGER PRIMARY KEY,
          dossier_code TEXT NOT NULL UNIQUE,
          procedure_code TEXT REFERENCES procedures(code),
          unit_id INTEGER NOT NULL REFERENCES units(id),
          holder_name TEXT,
          holder_id TEXT,
          result_name TEXT,
          result_number TEXT,
          issued_on TEXT NOT NULL,
          valid_until TEXT,
          revoked_on TEXT
        );
        CREATE INDEX register_unit_issued ON register(unit_id, issued_on);
        CREATE TABLE targets (
          year INTEGER NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('province','district','commune')),
          rate REAL NOT NULL CHECK (rate >= 0 AND rate <= 1),
          PRIMARY KEY (year, level)
        );
        INSERT INTO targets(year, level, rate) VALUES (2021,'province',0.30),(2021,'district',0.20),(2021,'commune',0.15);
      `),
  },
  {
    version: 4,
    name: 'coverage: digitized dates, merges, settings, packages',
    up: (db) =>
      db.exec(`
        -- the holder's commune after a reform, and the admin's choice when a partial merge needs one
        ALTER TABLE register ADD COLUMN holder_unit_id INTEGER REFERENCES units(id);
        ALTER TABLE register ADD COLUMN assigned_unit_id INTEGER REFERENCES units(id);
        -- kept in step with the linked documents by coverage/digitized.ts
        ALTER TABLE register ADD COLUMN digitized_on TEXT;
        ALTER TABLE documents ADD COLUMN digitized_at TEXT;
        CREATE INDEX documents_register ON documents(register_id);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE coverage_packages (
          id INTEGER PRIMARY KEY,
          unit_id INTEGER NOT NULL REFERENCES units(id),
          at TEXT NOT NULL,
          created_at TEXT NOT NULL,
          imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          key_fingerprint TEXT NOT NULL,
          payload TEXT NOT NULL,
          UNIQUE (unit_id, at)
        );
        CREATE TABLE package_keys (
          unit_id INTEGER PRIMARY KEY REFERENCES units(id),
          public_key TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          first_seen TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        );
      `),
  },
  {
    version: 5,
    name: 'trust store',
    up: (db) =>
      db.exec(`
        -- root and intermediate certificates the admin trusts (e.g. the national roots)
        CREATE TABLE trust_anchors (
          id INTEGER PRIMARY KEY,
          subject TEXT NOT NULL,
          fingerprint TEXT NOT NULL UNIQUE,
          der BLOB NOT NULL,
          added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        );
      `),
  },
];

// migration 2's tables, as shipped
const V2_DOCUMENTS = `
        CREATE TABLE blobs (
          sha256 TEXT PRIMARY KEY,
          size INTEGER NOT NULL,
          mime TEXT NOT NULL,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        );
        CREATE TABLE documents (
          id INTEGER PRIMARY KEY,
          -- NULL until assigned: files imported by the CLI before any unit exists
          unit_id INTEGER REFERENCES units(id),
          title TEXT NOT NULL,
          title_fold TEXT NOT NULL,
          source_name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('image','pdf')),
          sha256 TEXT NOT NULL REFERENCES blobs(sha256),
          page_count INTEGER NOT NULL,
          status TEXT NOT NULL DEFAULT 'imported' CHECK (status IN ('imported','digitized','signed')),
          register_id INTEGER,
          -- NULL when imported by the local operator through the CLI
          created_by INTEGER REFERENCES users(id),
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        );
        -- the same scan is archived once
        CREATE UNIQUE INDEX documents_sha ON documents(sha256);
        CREATE INDEX documents_unit_created ON documents(unit_id, created_at);
        CREATE INDEX documents_created ON documents(created_at);
        CREATE TABLE pages (
          id INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
          idx INTEGER NOT NULL,
          width INTEGER NOT NULL,
          height INTEGER NOT NULL,
          dpi REAL,
          colour INTEGER NOT NULL,
          thumb_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
          preview_sha256 TEXT REFERENCES blobs(sha256),
          ocr_text TEXT,
          ocr_confidence REAL,
          rotation INTEGER NOT NULL DEFAULT 0,
          UNIQUE (document_id, idx)
        );
        CREATE TABLE fields (
          document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          value TEXT,
          confidence REAL,
          page_idx INTEGER,
          bbox TEXT,
          source TEXT NOT NULL DEFAULT 'ocr',
          PRIMARY KEY (document_id, name)
        );
        CREATE TABLE signatures (
          id INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES documents(id),
          kind TEXT NOT NULL,
          field_name TEXT NOT NULL,
          signer TEXT,
          signed_at TEXT NOT NULL,
          output_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
          created_by INTEGER NOT NULL REFERENCES users(id)
        );
        CREATE TABLE jobs (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('queued','running','done','failed','cancelled')),
          payload TEXT NOT NULL,
          total INTEGER NOT NULL DEFAULT 0,
          done INTEGER NOT NULL DEFAULT 0,
          created_by INTEGER REFERENCES users(id),
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          started_at TEXT,
          finished_at TEXT
        );
        -- one row per finished item, appended: a batch of thousands never rewrites what it has
        CREATE TABLE job_outcomes (
          job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          outcome TEXT NOT NULL,
          PRIMARY KEY (job_id, seq)
        );
      `;
