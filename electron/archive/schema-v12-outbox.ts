// Schema migration 12: the outbox of changes a desk sends up to its province hub
// (electron/sync/). Triggers write a row in the same transaction as the change, so a change
// that rolls back leaves none and a committed one is never missed. Only an enrolled desk
// queues (settings 'hub.deskId'); enrolment queues what already exists, once.
import type { Migration } from './migration';

const ENROLLED = `EXISTS (SELECT 1 FROM settings WHERE key = 'hub.deskId')`;
/** The source of a fields row that is the reviewer's word (see ocr/review.ts). */
const REVIEWED = (row: 'NEW' | 'OLD') => `${row}.source IN ('user', 'accepted')`;
const changed = (cols: string[]) => cols.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

const REGISTER_COLS = ['dossier_code', 'procedure_code', 'unit_id', 'holder_name', 'holder_id', 'holder_unit_id', 'result_name', 'result_number', 'issued_on', 'valid_until', 'revoked_on', 'digitized_on'];
const DOCUMENT_COLS = ['unit_id', 'title', 'status', 'page_count', 'register_id', 'digitized_at'];
const UNIT_COLS = ['code', 'name', 'level', 'parent_id', 'valid_from', 'valid_to'];

const OUTBOX = `
  -- one row per change; the push sends each key's newest state under its newest seq.
  -- unit_id: the unit the row was in when it changed (a deleted row is gone by push time)
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('register', 'document', 'unit', 'target')),
    key TEXT NOT NULL,
    unit_id INTEGER,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  );
  CREATE INDEX outbox_key ON outbox(kind, key, seq);
  -- signed copies the hub said it lacks, uploaded after their batch was acknowledged
  CREATE TABLE outbox_blobs (
    sha256 TEXT PRIMARY KEY,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  );
`;

const REGISTER = `
  CREATE TRIGGER outbox_register_insert AFTER INSERT ON register WHEN ${ENROLLED}
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('register', NEW.dossier_code, NEW.unit_id); END;
  CREATE TRIGGER outbox_register_update AFTER UPDATE ON register WHEN ${ENROLLED} AND (${changed(REGISTER_COLS)})
  BEGIN
    -- a row that moved to another code or unit is gone from where it was
    INSERT INTO outbox(kind, key, unit_id) SELECT 'register', OLD.dossier_code, OLD.unit_id
      WHERE OLD.dossier_code IS NOT NEW.dossier_code OR OLD.unit_id IS NOT NEW.unit_id;
    INSERT INTO outbox(kind, key, unit_id) VALUES ('register', NEW.dossier_code, NEW.unit_id);
  END;
  CREATE TRIGGER outbox_register_delete AFTER DELETE ON register WHEN ${ENROLLED}
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('register', OLD.dossier_code, OLD.unit_id); END;
`;

const DOCUMENTS = `
  CREATE TRIGGER outbox_document_insert AFTER INSERT ON documents WHEN ${ENROLLED}
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('document', NEW.id, NEW.unit_id); END;
  CREATE TRIGGER outbox_document_update AFTER UPDATE ON documents WHEN ${ENROLLED} AND (${changed(DOCUMENT_COLS)})
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('document', NEW.id, NEW.unit_id); END;
  CREATE TRIGGER outbox_document_delete AFTER DELETE ON documents WHEN ${ENROLLED}
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('document', OLD.id, OLD.unit_id); END;
  -- only the reviewer's fields travel: OCR's guesses change often and are not the record
  CREATE TRIGGER outbox_fields_insert AFTER INSERT ON fields WHEN ${ENROLLED} AND ${REVIEWED('NEW')}
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('document', NEW.document_id, (SELECT unit_id FROM documents WHERE id = NEW.document_id)); END;
  CREATE TRIGGER outbox_fields_update AFTER UPDATE ON fields WHEN ${ENROLLED} AND (${REVIEWED('NEW')} OR ${REVIEWED('OLD')})
    AND (OLD.value IS NOT NEW.value OR OLD.source IS NOT NEW.source)
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('document', NEW.document_id, (SELECT unit_id FROM documents WHERE id = NEW.document_id)); END;
  CREATE TRIGGER outbox_fields_delete AFTER DELETE ON fields WHEN ${ENROLLED} AND ${REVIEWED('OLD')}
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('document', OLD.document_id, (SELECT unit_id FROM documents WHERE id = OLD.document_id)); END;
  CREATE TRIGGER outbox_signature_insert AFTER INSERT ON signatures WHEN ${ENROLLED}
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('document', NEW.document_id, (SELECT unit_id FROM documents WHERE id = NEW.document_id)); END;
`;

const UNITS_TARGETS = `
  CREATE TRIGGER outbox_unit_insert AFTER INSERT ON units WHEN ${ENROLLED}
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('unit', NEW.id, NEW.id); END;
  CREATE TRIGGER outbox_unit_update AFTER UPDATE ON units WHEN ${ENROLLED} AND (${changed(UNIT_COLS)})
  BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('unit', NEW.id, NEW.id); END;
  CREATE TRIGGER outbox_target_insert AFTER INSERT ON targets WHEN ${ENROLLED}
  BEGIN INSERT INTO outbox(kind, key) VALUES ('target', NEW.year || '/' || NEW.level); END;
  CREATE TRIGGER outbox_target_update AFTER UPDATE ON targets WHEN ${ENROLLED} AND OLD.rate IS NOT NEW.rate
  BEGIN INSERT INTO outbox(kind, key) VALUES ('target', NEW.year || '/' || NEW.level); END;
`;

export const migrationV12: Migration = {
  version: 12,
  name: 'Outbox: every change to the register, documents, units and targets, queued for the province hub',
  up: (db) => db.exec(OUTBOX + REGISTER + DOCUMENTS + UNITS_TARGETS),
};
