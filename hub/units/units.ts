// The province's units on the hub: the catalogue (seeded from the built-in Thanh Hóa lists or
// sent by desks for units they own), their successors after the 2025 merges, and lookups by
// the (code, validity start) pair desks name them by.
import type { Level } from '../../shared/roles';
import type { Queryable } from '../db/pool';

export interface HubUnit {
  id: number;
  code: string;
  name: string;
  level: Level;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

const COLUMNS = 'id, code, name, level, parent_id "parentId", valid_from "validFrom", valid_to "validTo"';

export async function listUnits(c: Queryable): Promise<HubUnit[]> {
  return (await c.query<HubUnit>(`SELECT ${COLUMNS} FROM units ORDER BY id`)).rows;
}

export async function listSuccessors(c: Queryable) {
  return (await c.query<{ unitId: number; successorId: number; kind: 'full' | 'partial' }>('SELECT unit_id "unitId", successor_id "successorId", kind FROM unit_successors')).rows;
}

/** The unit a desk names: by code and validity start (exact match first, else the newest unit with that code). */
export async function findUnit(c: Queryable, code: string, validFrom: string | null): Promise<HubUnit | null> {
  const { rows } = await c.query<HubUnit>(
    `SELECT ${COLUMNS} FROM units WHERE code = $1 AND ($2::date IS NULL OR valid_from IS NOT DISTINCT FROM $2::date OR (valid_from IS NULL AND $2::date IS NULL))
     ORDER BY (valid_from IS NOT DISTINCT FROM $2::date) DESC, valid_from DESC NULLS LAST LIMIT 1`,
    [code, validFrom],
  );
  return rows[0] ?? null;
}

/** A unit and every unit below it (any validity), as ids. */
export async function subtreeIds(c: Queryable, unitId: number): Promise<Set<number>> {
  const { rows } = await c.query<{ id: number }>(
    'WITH RECURSIVE t(id) AS (SELECT $1::int UNION SELECT u.id FROM units u JOIN t ON u.parent_id = t.id) SELECT id FROM t',
    [unitId],
  );
  return new Set(rows.map((r) => r.id));
}

export async function insertUnit(c: Queryable, u: Omit<HubUnit, 'id'>): Promise<number> {
  const { rows } = await c.query<{ id: number }>(
    `INSERT INTO units(code, name, level, parent_id, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (code, coalesce(valid_from, DATE '0001-01-01')) DO UPDATE SET name = excluded.name, level = excluded.level, parent_id = excluded.parent_id, valid_to = excluded.valid_to
     RETURNING id`,
    [u.code, u.name, u.level, u.parentId, u.validFrom, u.validTo],
  );
  return rows[0].id;
}

export async function targetsFor(c: Queryable, year: number): Promise<Record<Level, number | null>> {
  const { rows } = await c.query<{ level: Level; rate: number }>(
    'SELECT DISTINCT ON (level) level, rate FROM targets WHERE year <= $1 ORDER BY level, year DESC',
    [year],
  );
  const t = (l: Level) => rows.find((r) => r.level === l)?.rate ?? null;
  return { province: t('province'), district: t('district'), commune: t('commune') };
}
