// What a lagging unit should scan next: its results still valid on the day and not yet
// digitized, oldest first, as a worklist staff can print or export.
import type { WorklistEntry } from '../../shared/work-contract';
import type { Db } from '../archive/db';
import { unitSubtree } from '../accounts/scope';
import { STILL_TO_DIGITIZE } from './unit-worklist';

export function worklist(db: Db, unitId: number, at: string) {
  const units = unitSubtree(db, unitId);
  const items = db
    .prepare(
      `SELECT r.dossier_code dossierCode, p.name procedureName, r.holder_name holderName, r.result_name resultName, r.result_number resultNumber,
         r.issued_on issuedOn, r.valid_until validUntil, un.name unitName
       FROM register r LEFT JOIN procedures p ON p.code = r.procedure_code JOIN units un ON un.id = r.unit_id
       WHERE r.unit_id IN (SELECT value FROM json_each(@units)) AND ${STILL_TO_DIGITIZE}
       ORDER BY r.issued_on, r.dossier_code LIMIT 5001`,
    )
    .all({ units: JSON.stringify(units), at }) as WorklistEntry[];
  return { at, truncated: items.length > 5000, items: items.slice(0, 5000) };
}
