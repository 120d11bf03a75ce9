// Which units' data a user may see: their own unit; a unit head also the units below;
// an admin everything (null means no restriction).
import type { Db } from '../archive/db';
import type { UserRecord } from './users';

export function unitSubtree(db: Db, unitId: number): number[] {
  return (
    db
      .prepare(
        `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)
         SELECT id FROM sub`,
      )
      .all(unitId) as { id: number }[]
  ).map((r) => r.id);
}

export function visibleUnits(db: Db, user: Pick<UserRecord, 'role' | 'unitId'>): number[] | null {
  if (user.role === 'admin') return null;
  if (user.role === 'unit_head') return unitSubtree(db, user.unitId);
  return [user.unitId];
}

export function canSeeUnit(db: Db, user: Pick<UserRecord, 'role' | 'unitId'>, unitId: number | null): boolean {
  const v = visibleUnits(db, user);
  return v === null || (unitId !== null && v.includes(unitId));
}

/** The units a user may write, as a test computed once (for checks repeated row by row). */
export function writableUnits(db: Db, user: Pick<UserRecord, 'role' | 'unitId'>): (unitId: number | null) => boolean {
  const v = visibleUnits(db, user);
  const set = v && new Set(v);
  return (unitId) => set === null || (unitId !== null && set.has(unitId));
}
