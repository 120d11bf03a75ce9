import type { Unit } from '../../shared/contract';
import type { Level } from '../../shared/roles';
import type { Db } from '../archive/db';
import { CoreError } from '../errors';

const SELECT = `SELECT u.id, u.code, u.name, u.level, u.kind, u.parent_id parentId, u.valid_from validFrom, u.valid_to validTo,
  (SELECT json_group_array(successor_id) FROM unit_successors s WHERE s.unit_id = u.id) successors FROM units u`;

const toUnit = (r: unknown): Unit => {
  const { successors, ...rest } = r as Omit<Unit, 'successorIds'> & { successors: string };
  return { ...rest, successorIds: JSON.parse(successors) };
};

/** Units valid at `at` (YYYY-MM-DD; valid_to is the last valid day), or all units when no date is given. */
export function listUnits(db: Db, at?: string): Unit[] {
  const rows = at
    ? db
        .prepare(`${SELECT} WHERE (u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to >= ?) ORDER BY u.level, u.code`)
        .all(at, at)
    : db.prepare(`${SELECT} ORDER BY u.code, u.valid_from`).all();
  return rows.map(toUnit);
}

/** The unit bearing `code` on `day` (codes were reused in 2025); with `orNewest`, the latest one when none is valid then. */
export function unitIdAt(db: Db, code: string, day: string, opts: { orNewest?: boolean } = {}): number | undefined {
  const valid = '(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)';
  const sql = opts.orNewest
    ? `SELECT id FROM units WHERE code = ? ORDER BY (${valid}) DESC, valid_from DESC`
    : `SELECT id FROM units WHERE code = ? AND ${valid} ORDER BY valid_from DESC`;
  return db.prepare(sql).pluck().get(code, day, day) as number | undefined;
}

export function getUnit(db: Db, id: number): Unit | null {
  const r = db.prepare(`${SELECT} WHERE u.id = ?`).get(id);
  return r ? toUnit(r) : null;
}

/** A province has no parent; a district sits under a province; a commune under a district or (after 1/7/2025) a province. */
export function allowedParentLevels(level: Level): Level[] {
  return level === 'province' ? [] : level === 'district' ? ['province'] : ['district', 'province'];
}

export interface UnitFields {
  code: string;
  name: string;
  level: Level;
  kind: string | null;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export function saveUnit(db: Db, u: UnitFields & { id?: number }): number {
  // A unit may stand alone until its parent is in the catalogue; a given parent must fit the level.
  const parent = u.parentId ? getUnit(db, u.parentId) : null;
  if (u.parentId && !parent) throw new CoreError('NOT_FOUND', { what: `đơn vị cấp trên #${u.parentId}` });
  if (parent && (!allowedParentLevels(u.level).includes(parent.level) || parent.id === u.id)) throw new CoreError('UNIT_PARENT_LEVEL');
  const clash = db
    .prepare("SELECT id FROM units WHERE code = ? AND ifnull(valid_from,'') = ifnull(?, '') AND id IS NOT ?")
    .get(u.code, u.validFrom, u.id ?? null);
  if (clash) throw new CoreError('UNIT_CODE_TAKEN', { code: u.code });
  if (u.id) {
    const r = db
      .prepare('UPDATE units SET code=?, name=?, level=?, kind=?, parent_id=?, valid_from=?, valid_to=? WHERE id=?')
      .run(u.code, u.name, u.level, u.kind, u.parentId, u.validFrom, u.validTo, u.id);
    if (!r.changes) throw new CoreError('NOT_FOUND', { what: `đơn vị #${u.id}` });
    return u.id;
  }
  return Number(
    db
      .prepare('INSERT INTO units(code, name, level, kind, parent_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(u.code, u.name, u.level, u.kind, u.parentId, u.validFrom, u.validTo).lastInsertRowid,
  );
}
