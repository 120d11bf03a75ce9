// Which units' data a user may see: their own unit; a unit head also the units below;
// an admin everything (null means no restriction).
import type { Db } from '../archive/db';
import { CoreError } from '../errors';
import { getUnit } from '../units/units';
import type { UserRecord } from './users';

/** Whose scope: a user, or an administrator-like caller with no unit (the CLI's operator). */
export type Scoped = Pick<UserRecord, 'role' | 'unitId'> | { role: 'admin'; unitId: null };

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

export function visibleUnits(db: Db, user: Scoped): number[] | null {
  if (user.role === 'admin') return null;
  if (user.role === 'unit_head') return unitSubtree(db, user.unitId);
  return [user.unitId];
}

export function canSeeUnit(db: Db, user: Scoped, unitId: number | null): boolean {
  const v = visibleUnits(db, user);
  return v === null || (unitId !== null && v.includes(unitId));
}

/** The units a user may write, as a test computed once (for checks repeated row by row). */
export function writableUnits(db: Db, user: Scoped): (unitId: number | null) => boolean {
  const v = visibleUnits(db, user);
  const set = v && new Set(v);
  return (unitId) => set === null || (unitId !== null && set.has(unitId));
}

/** The unit new documents go to: the one asked for, if it exists and is the caller's to see, else the caller's own. */
export function targetUnit(db: Db, user: Pick<UserRecord, 'role' | 'unitId'>, requested: number | undefined): number;
export function targetUnit(db: Db, user: Scoped, requested: number | undefined): number | null;
export function targetUnit(db: Db, user: Scoped, requested: number | undefined): number | null {
  const unitId = requested ?? user.unitId;
  // the CLI before setup: documents with no unit yet, adopted by the home unit at setup
  if (unitId === null) return null;
  if (!getUnit(db, unitId)) throw new CoreError('NOT_FOUND', { what: `đơn vị #${unitId}` });
  if (!canSeeUnit(db, user, unitId)) throw new CoreError('FORBIDDEN');
  return unitId;
}

/** The unit a coverage view is about: the one asked for if the user may see it, else the user's own (all units for an admin). */
export function coverageScope(db: Db, user: Scoped, unitId: number | undefined): number | null {
  if (unitId !== undefined) {
    if (!canSeeUnit(db, user, unitId)) throw new CoreError('FORBIDDEN');
    return unitId;
  }
  return user.role === 'admin' ? null : user.unitId;
}

/** A document the user may see, or NOT_FOUND (not FORBIDDEN: its existence is not disclosed). */
export function visibleDocument(db: Db, user: Scoped, id: number): { unitId: number | null } {
  const doc = db.prepare('SELECT unit_id unitId FROM documents WHERE id = ?').get(id) as { unitId: number | null } | undefined;
  if (!doc || !canSeeUnit(db, user, doc.unitId)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${id}` });
  return doc;
}
