// The figures at one date: for every unit valid then, how many results are valid and how
// many of those are digitized, per procedure. Counted from the in-memory register columns;
// cached until the archive changes, so drilling down costs nothing further.
import type { Db } from '../archive/db';
import { listUnits } from '../units/units';
import type { Unit } from '../../shared/contract';
import { countAt, loadColumns, patchRows, type RegisterColumns } from './columns';
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

// per database: the data version, the register columns loaded for it, and snapshots by date
const cache = new WeakMap<Db, { version: string; columns: RegisterColumns; byDate: Map<string, Snapshot> }>();

/**
 * Tells the cache what changed. Register rows that already existed are patched in place
 * (a document marked digitized costs microseconds); new rows reload the columns; a change
 * of units only drops the computed dates.
 */
export function coverageChanged(db: Db, what: { registerIds?: number[]; register?: boolean; units?: boolean }): void {
  const entry = cache.get(db);
  if (!entry) return;
  entry.byDate.clear();
  if (what.register || (what.registerIds && !patchRows(db, entry.columns, what.registerIds))) cache.delete(db);
}

export function snapshot(db: Db, at: string): Snapshot {
  // data_version moves when another connection (the CLI) writes; this connection reports its own writes through coverageChanged
  const version = String(db.pragma('data_version', { simple: true }));
  let entry = cache.get(db);
  if (!entry || entry.version !== version) cache.set(db, (entry = { version, columns: loadColumns(db), byDate: new Map() }));
  let snap = entry.byDate.get(at);
  if (!snap) entry.byDate.set(at, (snap = compute(db, entry.columns, at)));
  return snap;
}

function compute(db: Db, columns: RegisterColumns, at: string): Snapshot {
  const allUnits = listUnits(db);
  const resolve = makeResolver(allUnits, listSuccessors(db), at);
  const counts = countAt(columns, at);
  const cells = new Map<number, Map<string, Figures>>();
  const unresolved = new Map<number, Figures>();
  const add = (m: Map<string | number, Figures>, key: string | number, v: number, d: number) => {
    const f = m.get(key) ?? { valid: 0, digitized: 0 };
    f.valid += v;
    f.digitized += d;
    m.set(key, f);
  };
  for (const [key, [valid, digitized]] of counts.valid) {
    const [u, h, p] = key.split('|').map(Number);
    const unit = resolve(u, h < 0 ? null : h);
    if (unit === null) add(unresolved as Map<number, Figures>, u, valid, digitized);
    else {
      if (!cells.has(unit)) cells.set(unit, new Map());
      add(cells.get(unit)! as Map<string | number, Figures>, columns.procedures[p], valid, digitized);
    }
  }
  const handled = new Map<number, Figures>();
  for (const [key, [n, d]] of counts.handled) {
    const [u, h] = key.split('|').map(Number);
    const unit = resolve(u, h < 0 ? null : h);
    if (unit !== null) add(handled as Map<number, Figures>, unit, n, d);
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
