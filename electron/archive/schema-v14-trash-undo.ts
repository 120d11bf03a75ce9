// Schema migration 14: a way back. A deleted document goes to the trash (deleted_at set, its
// rows and files kept) for 30 days; the state before each page operation is kept so the last
// one can be undone. The outbox sends a trashed document to the hub as deleted and a restored
// one as present again (migration 12 watches only its own columns, so a trigger of its own).
import type { Migration } from './migration';

const ENROLLED = `EXISTS (SELECT 1 FROM settings WHERE key = 'hub.deskId')`;

export const migrationV14: Migration = {
  version: 14,
  name: 'Trash for documents, undo of the last page operation',
  up: (db) =>
    db.exec(`
      ALTER TABLE documents ADD COLUMN deleted_at TEXT;
      ALTER TABLE documents ADD COLUMN deleted_by INTEGER REFERENCES users(id);
      CREATE INDEX documents_trash ON documents(deleted_at) WHERE deleted_at IS NOT NULL;
      -- the rows a page operation changed, as they were before it (JSON): documents, pages, fields
      CREATE TABLE page_undo (
        id INTEGER PRIMARY KEY,
        op TEXT NOT NULL,
        documents TEXT NOT NULL,
        created TEXT NOT NULL DEFAULT '[]',
        snapshot TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
      );
      CREATE TRIGGER outbox_document_trash AFTER UPDATE OF deleted_at ON documents WHEN ${ENROLLED} AND OLD.deleted_at IS NOT NEW.deleted_at
      BEGIN INSERT INTO outbox(kind, key, unit_id) VALUES ('document', NEW.id, NEW.unit_id); END;
    `),
};
