// Register entries found by dossier code. A code is unique per unit only (schema v17, issue
// #19): two units may each hold code X, so a look-up by code names the units it searches, and
// a link by code settles on one entry without telling anything about units the caller cannot see.
import type { RegisterEntry } from '../../shared/contract';
import { visibleUnits, type Scoped } from '../accounts/scope';
import type { Db } from '../archive/db';
import { CoreError } from '../errors';

export const REGISTER_SELECT = `SELECT r.id, r.dossier_code dossierCode, r.procedure_code procedureCode, p.name procedureName, r.unit_id unitId, u.name unitName,
  r.holder_name holderName, r.holder_id holderId, r.result_name resultName, r.result_number resultNumber, r.issued_on issuedOn,
  r.valid_until validUntil, r.revoked_on revokedOn, r.digitized_on digitizedOn,
  (SELECT min(d.id) FROM documents d WHERE d.register_id = r.id) documentId
  FROM register r JOIN units u ON u.id = r.unit_id LEFT JOIN procedures p ON p.code = r.procedure_code`;

/** The entry of this unit with this dossier code. */
export function findEntry(db: Db, unitId: number, dossierCode: string): RegisterEntry | null {
  return (db.prepare(`${REGISTER_SELECT} WHERE r.dossier_code = ? AND r.unit_id = ?`).get(dossierCode, unitId) as RegisterEntry | undefined) ?? null;
}

/** The entries with this dossier code in these units (null: every unit), in unit order. */
export function entriesByDossier(db: Db, dossierCode: string, units: number[] | null): RegisterEntry[] {
  const sql = `${REGISTER_SELECT} WHERE r.dossier_code = ? ${units ? 'AND r.unit_id IN (SELECT value FROM json_each(?))' : ''} ORDER BY r.unit_id`;
  return db.prepare(sql).all(...(units ? [dossierCode, JSON.stringify(units)] : [dossierCode])) as RegisterEntry[];
}

/**
 * The one entry a link by code means, among the entries the caller may use: the only one, or
 * else the one of the document's own unit; none, or several with none of that unit, is refused.
 */
export function pickEntry(found: RegisterEntry[], dossierCode: string, documentUnitId: number | null): RegisterEntry {
  if (found.length === 1) return found[0];
  if (!found.length) throw new CoreError('REGISTER_NOT_FOUND', { dossier: dossierCode });
  const own = found.find((e) => e.unitId === documentUnitId);
  if (own) return own;
  throw new CoreError('REGISTER_CODE_AMBIGUOUS', { dossier: dossierCode, units: found.map((e) => e.unitName).join(', ') });
}

/**
 * The register entry a document of `documentUnitId` links to by this code, among the units the
 * user may see (only entry `registerId` when given: a link made from that entry); null for no code.
 */
export function visibleEntry(db: Db, user: Scoped, dossierCode: string | null, documentUnitId: number | null, registerId?: number): RegisterEntry | null {
  if (!dossierCode) return null;
  const found = entriesByDossier(db, dossierCode, visibleUnits(db, user));
  return pickEntry(registerId === undefined ? found : found.filter((e) => e.id === registerId), dossierCode, documentUnitId);
}
