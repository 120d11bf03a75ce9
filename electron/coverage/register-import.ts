// Imports the one-stop system's results register: each row one dossier's result. Bad rows
// are reported by row number; the valid rows go in one transaction, with one audit entry
// for the file; a row that is already there unchanged changes nothing, and a changed one is
// updated by its unit and dossier code (a code is unique per unit, schema v17). Each row is
// checked against the units the importer may write, and nothing else: what other units hold
// does not show in the report. Rows are written many to a statement.
import { audit } from '../accounts/audit';
import type { Db } from '../archive/db';
import type { Table } from '../tables/read-table';
import type { ColumnMap, RegisterField } from './register-fields';
import { rowKey, rowReader, type ImportOptions } from './register-rows';
import { registerWriter } from './register-write';

export { findHeaderRow, guessMapping, REGISTER_FIELD_NAMES, REGISTER_FIELDS, type ColumnMap, type RegisterField } from './register-fields';

/** Records a procedure's code and name; a newer non-empty name replaces the stored one. Arguments: code, name. */
export const procedureUpsert = (db: Db) =>
  db.prepare("INSERT INTO procedures(code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE excluded.name <> '' AND excluded.name <> procedures.name");

export interface RegisterReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; message: string }[];
}

export function importRegister(db: Db, table: Table, headerRow: number, map: ColumnMap, opts: ImportOptions): RegisterReport {
  const report: RegisterReport = { created: 0, updated: 0, unchanged: 0, errors: [] };
  const cell = (r: string[], f: RegisterField) => (map[f] >= 0 ? (r[map[f]] ?? '').trim() : '');
  const text = (r: string[], f: RegisterField) => cell(r, f) || null;
  const seen = new Map<string, number>();
  const read = rowReader(db, map, opts, seen);
  const procedures = new Map<string, string>();
  const upsertProcedure = procedureUpsert(db);
  const writer = registerWriter(db);
  // the ids only grow (INTEGER PRIMARY KEY): the rows above the highest before the import are the ones it created
  const lastId = db.prepare('SELECT ifnull(max(id), 0) FROM register').pluck();
  db.transaction(() => {
    const before = lastId.get() as number;
    let written = 0;
    for (let i = headerRow + 1; i < table.length; i++) {
      const r = table[i];
      const e = read(r);
      if (e.problems.length) {
        report.errors.push({ row: i + 1, message: e.problems.join('; ') });
        continue;
      }
      seen.set(rowKey(e.unitId!, e.dossierCode), i + 1);
      const procedureCode = cell(r, 'procedureCode') || null;
      const procedureName = cell(r, 'procedureName');
      // the procedure before the rows that name it: the register's foreign key is checked row by row
      if (procedureCode && procedures.get(procedureCode) !== procedureName) {
        upsertProcedure.run(procedureCode, procedureName);
        procedures.set(procedureCode, procedureName);
      }
      writer.add([e.dossierCode, procedureCode, e.unitId!, text(r, 'holderName'), text(r, 'holderId'), e.holderUnitId, text(r, 'resultName'), text(r, 'resultNumber'), e.issuedOn!, e.validUntil, e.revokedOn]);
      written++;
    }
    const changed = writer.finish();
    report.created = db.prepare('SELECT count(*) FROM register WHERE id > ?').pluck().get(before) as number;
    report.updated = changed - report.created;
    report.unchanged = written - changed;
    audit(db, opts.userId, 'register.import', { type: 'file', id: opts.fileName }, { created: report.created, updated: report.updated, errors: report.errors.length });
  })();
  return report;
}
