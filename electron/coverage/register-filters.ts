// The register list's filters users asked for: "chưa số hóa" (not digitized), "chưa gắn tệp"
// (no document linked, trashed ones not counted), by procedure, by issue date range.
import type { Db } from '../archive/db';

export interface RegisterFilter {
  digitized?: 'yes' | 'no';
  linked?: 'yes' | 'no';
  procedureCode?: string;
  issuedFrom?: string;
  issuedTo?: string;
}

const LINKED = 'EXISTS (SELECT 1 FROM documents d WHERE d.register_id = r.id AND d.deleted_at IS NULL)';

/** Adds the filters' clauses (over register r) to `where` and their values to `args`. */
export function addRegisterFilters(f: RegisterFilter, where: string[], args: unknown[]): void {
  if (f.digitized) where.push(f.digitized === 'no' ? 'r.digitized_on IS NULL' : 'r.digitized_on IS NOT NULL');
  if (f.linked) where.push(f.linked === 'no' ? `NOT ${LINKED}` : LINKED);
  if (f.procedureCode) {
    where.push('r.procedure_code = ?');
    args.push(f.procedureCode);
  }
  if (f.issuedFrom) {
    where.push('r.issued_on >= ?');
    args.push(f.issuedFrom);
  }
  if (f.issuedTo) {
    where.push('r.issued_on <= ?');
    args.push(f.issuedTo);
  }
}

/** The procedures the register of these units (null: all) names, with how many results each. */
export function registerProcedures(db: Db, units: number[] | null): { code: string; name: string; count: number }[] {
  return db
    .prepare(
      `SELECT r.procedure_code code, ifnull(p.name, r.procedure_code) name, count(*) count FROM register r LEFT JOIN procedures p ON p.code = r.procedure_code
       WHERE r.procedure_code IS NOT NULL ${units ? 'AND r.unit_id IN (SELECT value FROM json_each(?))' : ''} GROUP BY r.procedure_code ORDER BY name`,
    )
    .all(...(units ? [JSON.stringify(units)] : [])) as { code: string; name: string; count: number }[];
}
