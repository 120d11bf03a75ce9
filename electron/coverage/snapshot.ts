// The figures at one date: for every unit valid then, how many results are valid and how
// many of those are digitized, per procedure. One indexed pass over the register; the
// result is cached until the archive changes, so drilling down costs no further query.
import type { Db } from '../archive/db';
import { listUnits } from '../units/units';
import type { Unit } from '../../shared/contract';
import { listSuccessors, makeResolver } from './merges';

export interface Figures {
  valid: number;
  digitized: number;
}

export interface Snapshot {
  at: string;
  /** Units valid at `at`. */
  units: Unit[];
  /** Per unit id, per procedure code ('' for none). */
  cells: Map<number, Map<string, Figures>>;
  /** Results of old units split by a partial merge whose new unit is not known yet, by old unit id. */
  unresolved: Map<number, Figures>;
  /** Decision 766: results issued from 1 January to `at`, and how many of them are digitized, per unit. */
  handled: Map<number, Figures>;
}

// per database: the data version the cached dates belong to, and the snapshots by date
const cache = new WeakMap<Db, { version: string; byDate: Map<string, Snapshot> }>();

export function snapshot(db: Db, at: string): Snapshot {
  // data_version moves when another connection (the CLI) writes; total_changes when this one does
  const version = `${db.pragma('data_version', { simple: true })}|${db.prepare('SELECT total_changes()').pluck().get()}`;
  let entry = cache.get(db);
  if (!entry || entry.version !== version) cache.set(db, (entry = { version, byDate: new Map() }));
  let snap = entry.byDate.get(at);
  if (!snap) entry.byDate.set(at, (snap = compute(db, at)));
  return snap;
}

function compute(db: Db, at: string): Snapshot {
  const allUnits = listUnits(db);
  const resolve = makeResolver(allUnits, listSuccessors(db), at);
  const rows = db
    .prepare(
      `SELECT unit_id u, coalesce(assigned_unit_id, holder_unit_id) h, ifnull(procedure_code, '') p,
         count(*) valid, sum(digitized_on IS NOT NULL AND digitized_on <= @at) digitized
       FROM register INDEXED BY register_cover
       WHERE issued_on <= @at AND (valid_until IS NULL OR valid_until >= @at) AND (revoked_on IS NULL OR revoked_on > @at)
       GROUP BY 1, 2, 3`,
    )
    .all({ at }) as { u: number; h: number | null; p: string; valid: number; digitized: number }[];
  const cells = new Map<number, Map<string, Figures>>();
  const unresolved = new Map<number, Figures>();
  const add = (m: Map<string | number, Figures>, key: string | number, v: number, d: number) => {
    const f = m.get(key) ?? { valid: 0, digitized: 0 };
    f.valid += v;
    f.digitized += d;
    m.set(key, f);
  };
  for (const r of rows) {
    const unit = resolve(r.u, r.h);
    if (unit === null) add(unresolved as Map<number, Figures>, r.u, r.valid, r.digitized);
    else {
      if (!cells.has(unit)) cells.set(unit, new Map());
      add(cells.get(unit)!, r.p, r.valid, r.digitized);
    }
  }
  const handled = new Map<number, Figures>();
  const year = `${at.slice(0, 4)}-01-01`;
  for (const r of db
    .prepare(
      `SELECT unit_id u, coalesce(assigned_unit_id, holder_unit_id) h, count(*) n, sum(digitized_on IS NOT NULL AND digitized_on <= @at) d
       FROM register INDEXED BY register_cover WHERE issued_on >= @year AND issued_on <= @at GROUP BY 1, 2`,
    )
    .all({ at, year }) as { u: number; h: number | null; n: number; d: number }[]) {
    const unit = resolve(r.u, r.h);
    if (unit !== null) add(handled as Map<number, Figures>, unit, r.n, r.d);
  }
  const validUnits = allUnits.filter((u) => (!u.validFrom || u.validFrom <= at) && (!u.validTo || u.validTo >= at));
  return { at, units: validUnits, cells, unresolved, handled };
}

export function total(m: Map<string, Figures> | undefined): Figures {
  const t = { valid: 0, digitized: 0 };
  for (const f of m?.values() ?? []) {
    t.valid += f.valid;
    t.digitized += f.digitized;
  }
  return t;
}
