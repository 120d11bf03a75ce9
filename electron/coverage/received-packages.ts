// The figures a coverage package carries up from a child unit, and the newest package each
// unit sent, which the parent's views use in place of the child's own register.
import type { Db } from '../archive/db';
import type { Level } from '../../shared/roles';

export interface PackageUnit {
  code: string;
  name: string;
  level: Level;
  valid: number;
  digitized: number;
  /** procedure code → [valid, digitized] */
  procedures: Record<string, [number, number]>;
}
export interface PackagePayload {
  unit: { code: string; name: string; level: Level };
  at: string;
  createdAt: string;
  units: PackageUnit[];
  procedureNames: Record<string, string>;
}

/** The newest package of each unit. */
export function latestPackages(db: Db): (PackagePayload & { unitCode: string; unitName: string })[] {
  const rows = db
    .prepare(
      `SELECT c.payload, u.code, u.name FROM coverage_packages c JOIN units u ON u.id = c.unit_id
       WHERE c.at = (SELECT max(at) FROM coverage_packages c2 WHERE c2.unit_id = c.unit_id)`,
    )
    .all() as { payload: string; code: string; name: string }[];
  return rows.map((r) => ({ ...JSON.parse(r.payload), unitCode: r.code, unitName: r.name }));
}
