// Schema migration 15: the records staff's work. Saved views are a user's named filter sets
// for a screen (stored in the archive, so they follow the user to any desk client); a bulk
// edit keeps what it changed before and after, so it can be undone while nothing else has
// changed those documents since.
import type { Migration } from './migration';

export const migrationV15: Migration = {
  version: 15,
  name: 'Saved views, bulk edits with undo',
  up: (db) =>
    db.exec(`
      CREATE TABLE saved_views (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        screen TEXT NOT NULL,
        name TEXT NOT NULL,
        filters TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        UNIQUE (user_id, screen, name)
      );
      -- per document: its register link, status and the edited fields' rows, before and after (JSON)
      CREATE TABLE bulk_edits (
        id INTEGER PRIMARY KEY,
        user_id INTEGER REFERENCES users(id),
        documents TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        undone_at TEXT
      );
    `),
};
