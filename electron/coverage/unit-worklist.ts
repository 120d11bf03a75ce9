// The records staff's worklist: the valid results of their units not yet digitized on the
// day, grouped by procedure (the group with the oldest result first), each group oldest
// first. A result with a document already linked but not accepted is listed with it, so the
// next step is the review rather than a second scan.
import type { WorkItem } from '../../shared/work-contract';
import type { Db } from '../archive/db';
import { DIGITIZING_DOCUMENT } from './digitized';

const LIMIT = 5000;

/** The WHERE clause of "valid on the day and not digitized by then", over register r (@at: the day). */
export const STILL_TO_DIGITIZE = `r.issued_on <= @at AND (r.valid_until IS NULL OR r.valid_until >= @at)
  AND (r.revoked_on IS NULL OR r.revoked_on > @at) AND (r.digitized_on IS NULL OR r.digitized_on > @at)`;

/** `units` null: every unit (an administrator). */
export function unitWorklist(db: Db, units: number[] | null, at: string, procedureCode?: string) {
  const scope = units ? 'r.unit_id IN (SELECT value FROM json_each(@units))' : '1';
  const proc = procedureCode ? 'AND r.procedure_code IS @proc' : '';
  const args = { at, units: JSON.stringify(units ?? []), proc: procedureCode ?? null };
  const groups = db
    .prepare(
      `SELECT r.procedure_code procedureCode, p.name procedureName, count(*) count, min(r.issued_on) oldest
       FROM register r LEFT JOIN procedures p ON p.code = r.procedure_code
       WHERE ${scope} AND ${STILL_TO_DIGITIZE} ${proc} GROUP BY r.procedure_code ORDER BY oldest, r.procedure_code`,
    )
    .all(args) as { procedureCode: string | null; procedureName: string | null; count: number; oldest: string }[];
  const rank = new Map(groups.map((g, i) => [g.procedureCode, i]));
  const items = db
    .prepare(
      `SELECT r.id registerId, r.dossier_code dossierCode, r.procedure_code procedureCode, p.name procedureName, r.holder_name holderName,
         r.result_name resultName, r.result_number resultNumber, r.issued_on issuedOn, r.valid_until validUntil, un.name unitName,
         (SELECT min(d.id) FROM documents d WHERE d.register_id = r.id AND d.deleted_at IS NULL AND NOT (${DIGITIZING_DOCUMENT})) documentId
       FROM register r LEFT JOIN procedures p ON p.code = r.procedure_code JOIN units un ON un.id = r.unit_id
       WHERE ${scope} AND ${STILL_TO_DIGITIZE} ${proc} ORDER BY r.issued_on, r.dossier_code LIMIT ${LIMIT + 1}`,
    )
    .all(args) as WorkItem[];
  // the groups' order, oldest first within each (a stable sort keeps the date order)
  const sorted = items.slice(0, LIMIT).sort((a, b) => (rank.get(a.procedureCode) ?? 0) - (rank.get(b.procedureCode) ?? 0));
  const total = groups.reduce((n, g) => n + g.count, 0);
  return { at, total, truncated: items.length > LIMIT, groups, items: sorted };
}
