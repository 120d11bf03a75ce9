// Schema migration 17: dossier codes are namespaced per unit. The register's UNIQUE(dossier_code)
// told a clerk, through a refused save, that another unit held a code; now each unit has its
// own entry for a code (issue #19). SQLite cannot drop a constraint, so the table is rebuilt:
// same columns and ids (documents.register_id names them), then its indexes and triggers
// (coverage counters, sync outbox) are recreated from their stored text, unchanged. No table
// references register by foreign key, so dropping it with foreign keys on deletes nothing else;
// the copy is into a table without triggers, so it queues nothing and counts nothing.
import type { Migration } from './migration';

const COLUMNS = 'id, dossier_code, procedure_code, unit_id, holder_name, holder_id, result_name, result_number, issued_on, valid_until, revoked_on, holder_unit_id, assigned_unit_id, digitized_on';

const REGISTER = `
  CREATE TABLE register_v17 (
    id INTEGER PRIMARY KEY,
    dossier_code TEXT NOT NULL,
    procedure_code TEXT REFERENCES procedures(code),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    holder_name TEXT,
    holder_id TEXT,
    result_name TEXT,
    result_number TEXT,
    issued_on TEXT NOT NULL,
    valid_until TEXT,
    revoked_on TEXT,
    holder_unit_id INTEGER REFERENCES units(id),
    assigned_unit_id INTEGER REFERENCES units(id),
    digitized_on TEXT,
    -- code first: a look-up by code alone (documents.link among the caller's units) uses it too
    UNIQUE (dossier_code, unit_id)
  )`;

export const migrationV17: Migration = {
  version: 17,
  name: 'Dossier codes per unit: the register is unique on (unit, dossier code)',
  up: (db) => {
    const kept = db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'register' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid").pluck().all() as string[];
    db.exec(REGISTER);
    db.exec(`INSERT INTO register_v17(${COLUMNS}) SELECT ${COLUMNS} FROM register`);
    db.exec('DROP TABLE register');
    db.exec('ALTER TABLE register_v17 RENAME TO register');
    for (const sql of kept) db.exec(sql);
  },
};
