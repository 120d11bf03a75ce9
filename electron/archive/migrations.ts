// Ordered, versioned schema migrations. Each runs in its own transaction and bumps
// PRAGMA user_version; a database written by a newer app is refused, never downgraded.
import type { Database } from 'better-sqlite3';
import { chainExistingRows } from '../accounts/audit-chain';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

export const migrations: Migration[] = [
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
    up: (db) =>
      db.exec(`
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
      `),
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
      chainExistingRows(db);
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

export const LATEST_VERSION = migrations[migrations.length - 1].version;

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number) {
    super(`database schema v${found} is newer than this app (v${LATEST_VERSION})`);
  }
}

export function migrate(db: Database, list: Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.length ? list[list.length - 1].version : 0;
  if (current > latest) throw new DatabaseTooNewError(current);
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
