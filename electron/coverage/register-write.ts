// Writes checked register rows many to a statement: one upsert per row spent more time entering
// and leaving SQLite than in it. A row already there unchanged is left alone (no update, so no
// sync outbox item and no change logged for the coverage cache); a changed one is updated by
// its unit and dossier code (codes are per unit, schema v17); the triggers see every row as they would one at a time.
import type { Db } from '../archive/db';

const COLUMNS = ['dossier_code', 'procedure_code', 'unit_id', 'holder_name', 'holder_id', 'holder_unit_id', 'result_name', 'result_number', 'issued_on', 'valid_until', 'revoked_on'];
const UPDATED = COLUMNS.filter((c) => c !== 'dossier_code' && c !== 'unit_id');
/** Rows per statement: 11 values each, well under SQLite's limit on variables. */
const BATCH = 64;

const upsert = (rows: number) => `
  INSERT INTO register(${COLUMNS.join(', ')})
  VALUES ${Array.from({ length: rows }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}
  ON CONFLICT(dossier_code, unit_id) DO UPDATE SET ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
  WHERE ${UPDATED.map((c) => `register.${c} IS NOT excluded.${c}`).join(' OR ')}`;

export type RegisterValues = [
  dossierCode: string,
  procedureCode: string | null,
  unitId: number,
  holderName: string | null,
  holderId: string | null,
  holderUnitId: number | null,
  resultName: string | null,
  resultNumber: string | null,
  issuedOn: string,
  validUntil: string | null,
  revokedOn: string | null,
];

/** Collects rows and writes them BATCH at a time; `finish` writes the rest and returns how many rows were inserted or updated. */
export function registerWriter(db: Db) {
  const many = db.prepare(upsert(BATCH));
  const one = db.prepare(upsert(1));
  const pending: unknown[] = [];
  let changes = 0;
  return {
    add(values: RegisterValues) {
      for (const v of values) pending.push(v);
      if (pending.length === BATCH * COLUMNS.length) {
        changes += many.run(pending).changes;
        pending.length = 0;
      }
    },
    finish(): number {
      for (let i = 0; i < pending.length; i += COLUMNS.length) changes += one.run(pending.slice(i, i + COLUMNS.length)).changes;
      pending.length = 0;
      return changes;
    },
  };
}

