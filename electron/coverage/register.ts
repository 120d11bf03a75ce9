// The results register, entry by entry: listing, manual entry, and the admin's choice of
// new unit for results of a commune split by a partial merge.
import type { RegisterEntry } from '../../shared/contract';
import { foldVietnamese } from '../../shared/fold';
import { audit } from '../accounts/audit';
import type { Db } from '../archive/db';
import { CoreError } from '../errors';
import { addRegisterFilters, type RegisterFilter } from './register-filters';
import { findEntry, REGISTER_SELECT } from './register-lookup';
import { procedureUpsert } from './register-import';

export function listRegister(db: Db, units: number[] | null, q: RegisterFilter & { query: string; unitId?: number; offset: number; limit: number }) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (units) {
    where.push('r.unit_id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(units));
  }
  if (q.unitId) {
    where.push('r.unit_id = ?');
    args.push(q.unitId);
  }
  addRegisterFilters(q, where, args);
  const text = q.query.trim();
  if (text) {
    // exact codes first: dossier code, ID number, result number; then the holder's name
    // names and result titles are matched folded, the way full-text search matches
    where.push(
      "(r.dossier_code = ? OR r.holder_id = ? OR r.result_number = ? OR r.dossier_code LIKE ? ESCAPE '\\' OR fold_vi(r.holder_name) LIKE ? ESCAPE '\\' OR fold_vi(r.result_name) LIKE ? ESCAPE '\\')",
    );
    const escape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const folded = escape(foldVietnamese(text));
    args.push(text, text, text, escape(text), folded, folded);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM register r ${w}`).pluck().get(...args) as number;
  const items = db.prepare(`${REGISTER_SELECT} ${w} ORDER BY r.issued_on DESC, r.id DESC LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as RegisterEntry[];
  return { total, items };
}

export function saveRegisterEntry(
  db: Db,
  e: {
    dossierCode: string;
    procedureCode: string | null;
    procedureName: string | null;
    unitId: number;
    holderName: string | null;
    holderId: string | null;
    resultName: string | null;
    resultNumber: string | null;
    issuedOn: string;
    validUntil: string | null;
    revokedOn: string | null;
  },
  userId: number | null,
  /** the units the caller may write (absent: the local operator) */
  canWrite: (unitId: number) => boolean = () => true,
): RegisterEntry {
  if (e.validUntil && e.validUntil < e.issuedOn) throw new CoreError('BAD_REQUEST', { detail: 'hiệu lực đến trước ngày cấp' });
  // codes are per unit: the save touches the entry of e.unitId only, so the one check is that
  // unit, and nothing in the answer depends on what other units hold
  if (!canWrite(e.unitId)) throw new CoreError('FORBIDDEN');
  db.transaction(() => {
    if (e.procedureCode) procedureUpsert(db).run(e.procedureCode, e.procedureName ?? '');
    db.prepare(
      `INSERT INTO register(dossier_code, procedure_code, unit_id, holder_name, holder_id, result_name, result_number, issued_on, valid_until, revoked_on)
       VALUES (@dossierCode, @procedureCode, @unitId, @holderName, @holderId, @resultName, @resultNumber, @issuedOn, @validUntil, @revokedOn)
       ON CONFLICT(dossier_code, unit_id) DO UPDATE SET procedure_code = excluded.procedure_code, holder_name = excluded.holder_name,
         holder_id = excluded.holder_id, result_name = excluded.result_name, result_number = excluded.result_number, issued_on = excluded.issued_on,
         valid_until = excluded.valid_until, revoked_on = excluded.revoked_on`,
    ).run(e);
    audit(db, userId, 'register.save', { type: 'dossier', id: e.dossierCode }, { unitId: e.unitId });
  })();
  return findEntry(db, e.unitId, e.dossierCode)!;
}

/** Gives the results of an old unit whose holder's new commune is unknown to one of its successors. */
export function assignSuccessor(db: Db, unitId: number, successorId: number, userId: number | null): number {
  const ok = db.prepare('SELECT 1 FROM unit_successors WHERE unit_id = ? AND successor_id = ?').get(unitId, successorId);
  if (!ok) throw new CoreError('BAD_REQUEST', { detail: 'đơn vị được chọn không phải đơn vị kế thừa của đơn vị cũ' });
  return db.transaction(() => {
    const n = db.prepare('UPDATE register SET assigned_unit_id = ? WHERE unit_id = ? AND holder_unit_id IS NULL AND assigned_unit_id IS NULL').run(successorId, unitId).changes;
    audit(db, userId, 'register.assign', { type: 'unit', id: unitId }, { successorId, results: n });
    return n;
  })();
}
