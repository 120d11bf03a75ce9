// Register items of one batch: the rows' old state is read and locked once, each item moves
// the row's state in order (the last word wins), and the final states are written in one
// statement with the coverage deltas moved from each row's old events to its new ones.
import type { OutboxItem, RegisterItem } from '../../shared/hub-protocol';
import type { Client } from '../db/pool';
import type { DeltaRow, DeltaSet } from '../coverage/deltas';
import type { Desk } from './desk-auth';
import { refuse } from './refusal';
import type { UnitResolver } from './unit-refs';

type RegisterOp = Extract<OutboxItem, { kind: 'register' | 'register.delete' }>;

interface Row extends DeltaRow {
  dossierCode: string;
  holderName: string | null;
  holderId: string | null;
  resultName: string | null;
  resultNumber: string | null;
}

const SELECT = `SELECT r.dossier_code "dossierCode", r.unit_id "unitId", holder_unit_id "holderUnitId", procedure_code "procedureCode", holder_name "holderName",
  holder_id "holderId", result_name "resultName", result_number "resultNumber", issued_on "issuedOn", valid_until "validUntil", revoked_on "revokedOn", digitized_on "digitizedOn"
  FROM register r JOIN unnest($1::text[], $2::int[]) AS k(d, u) ON r.dossier_code = k.d AND r.unit_id = k.u
  ORDER BY r.dossier_code, r.unit_id FOR UPDATE OF r`;

/** A row's identity: a dossier code is unique per unit (hub schema v3). */
const keyOf = (unitId: number, dossierCode: string) => `${unitId}\u0000${dossierCode}`;

/**
 * Applies the register items; returns the units whose figures changed. Each item names a row
 * of a unit in the desk's scope, by unit and code; another unit's row with the same code is
 * another row, untouched.
 */
export async function applyRegister(c: Client, desk: Desk, units: UnitResolver, items: RegisterOp[], deltas: DeltaSet): Promise<Set<number>> {
  const unitOf: number[] = [];
  for (const item of items) unitOf.push((await units.inScope(item.data.unit)).id);
  const keys = new Map(items.map((item, i) => [keyOf(unitOf[i], item.data.dossierCode), [item.data.dossierCode, unitOf[i]] as const]));
  const pairs = [...keys.values()];
  const { rows } = await c.query<Row>(SELECT, [pairs.map(([d]) => d), pairs.map(([, u]) => u)]);
  const old = new Map(rows.map((r) => [keyOf(r.unitId, r.dossierCode), r]));
  const next = new Map<string, Row | null>();
  const procedures = new Map<string, string>();
  for (const [i, item] of items.entries()) {
    const key = keyOf(unitOf[i], item.data.dossierCode);
    if (item.kind === 'register.delete') {
      next.set(key, null);
      continue;
    }
    const d: RegisterItem = item.data;
    if (d.validUntil !== null && d.validUntil < d.issuedOn) throw refuse(422, 'BAD_REQUEST', `hồ sơ ${d.dossierCode}: hết hiệu lực trước ngày cấp`);
    const holder = await units.optional(d.holderUnit);
    if (d.procedureCode) procedures.set(d.procedureCode, d.procedureName ?? d.procedureCode);
    next.set(key, {
      dossierCode: d.dossierCode,
      unitId: unitOf[i],
      holderUnitId: holder?.id ?? null,
      procedureCode: d.procedureCode ?? '',
      holderName: d.holderName,
      holderId: d.holderId,
      resultName: d.resultName,
      resultNumber: d.resultNumber,
      issuedOn: d.issuedOn,
      validUntil: d.validUntil,
      revokedOn: d.revokedOn,
      digitizedOn: d.digitizedOn,
    });
  }
  const touched = new Set<number>();
  for (const [key, row] of next) {
    const before = old.get(key);
    if (before) {
      deltas.add(before, -1);
      touched.add(before.unitId);
    }
    if (row) {
      deltas.add(row, 1);
      touched.add(row.unitId);
    }
  }
  if (procedures.size) await saveProcedures(c, procedures);
  const gone = [...next].filter(([, r]) => r === null).map(([k]) => keys.get(k)!);
  if (gone.length)
    await c.query('DELETE FROM register r USING unnest($1::text[], $2::int[]) AS k(d, u) WHERE r.dossier_code = k.d AND r.unit_id = k.u', [gone.map(([d]) => d), gone.map(([, u]) => u)]);
  await upsertRows(c, desk, [...next.values()].filter((r): r is Row => r !== null));
  return touched;
}

/**
 * Procedure names: only new or renamed codes are written, in code order. An upsert of every code
 * locked each procedure row until the batch committed (even unchanged), so parallel batches of
 * many desks waited on one another and, taking the rows in different orders, deadlocked.
 */
async function saveProcedures(c: Client, procedures: Map<string, string>) {
  const { rows } = await c.query<{ code: string; name: string }>('SELECT code, name FROM procedures WHERE code = ANY($1)', [[...procedures.keys()]]);
  const have = new Map(rows.map((r) => [r.code, r.name]));
  const changed = [...procedures].filter(([code, name]) => have.get(code) !== name).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!changed.length) return;
  await c.query('INSERT INTO procedures(code, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE procedures.name <> excluded.name', [
    changed.map(([code]) => code),
    changed.map(([, name]) => name),
  ]);
}

async function upsertRows(c: Client, desk: Desk, rows: Row[]) {
  if (!rows.length) return;
  const col = <K extends keyof Row>(k: K) => rows.map((r) => r[k]);
  await c.query(
    `INSERT INTO register AS t (dossier_code, unit_id, desk_id, procedure_code, holder_name, holder_id, holder_unit_id, result_name, result_number, issued_on, valid_until, revoked_on, digitized_on)
     SELECT d, u, $13::uuid, p, hn, hi, hu, rn, rr, i, v, r, g FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::date[], $10::date[], $11::date[], $12::date[])
       AS x(d, u, p, hn, hi, hu, rn, rr, i, v, r, g)
     ON CONFLICT (dossier_code, unit_id) DO UPDATE SET desk_id = excluded.desk_id, procedure_code = excluded.procedure_code, holder_name = excluded.holder_name,
       holder_id = excluded.holder_id, holder_unit_id = excluded.holder_unit_id, result_name = excluded.result_name, result_number = excluded.result_number, issued_on = excluded.issued_on,
       valid_until = excluded.valid_until, revoked_on = excluded.revoked_on, digitized_on = excluded.digitized_on, updated_at = now()`,
    [
      col('dossierCode'),
      col('unitId'),
      col('procedureCode'),
      col('holderName'),
      col('holderId'),
      col('holderUnitId'),
      col('resultName'),
      col('resultNumber'),
      col('issuedOn'),
      col('validUntil'),
      col('revokedOn'),
      col('digitizedOn'),
      desk.id,
    ],
  );
}
