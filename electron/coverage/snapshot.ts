// The figures at one date: for every unit valid then, how many results are valid and how
// many of those are digitized, per procedure. Counted from the in-memory register columns;
// cached until the archive changes, so drilling down costs nothing further.
import type { Db } from '../archive/db';
import { listUnits } from '../units/units';
import type { Unit } from '../../shared/contract';
import { countAt, loadColumns, patchRows, type RegisterColumns } from './columns';
import { listSuccessors, makeResolver } from './merges';
import { unitValidAt, type Figures } from '../../shared/coverage-rule';

export type { Figures } from '../../shared/coverage-rule';

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

// per database: the change counters seen, the register columns loaded for them, and snapshots by date
const cache = new WeakMap<Db, { counters: string; seq: number; columns: RegisterColumns; byDate: Map<string, Snapshot> }>();

// a cache further behind than this reloads the columns instead of patching row by row
const PATCH_LIMIT = 5000;
// the change log keeps this many rows once it is pruned (at a full reload)
const LOG_KEEP = 10_000;

/**
 * The figures at a date, from the cache while nothing changed. Triggers (migration 11) count
 * every write to the register, the units and the merges, from any connection (the app's or the
 * CLI's): new or deleted register rows reload the columns, rows changed in place are patched (a
 * document marked digitized costs microseconds), a change of units drops the computed dates.
 */
export function snapshot(db: Db, at: string): Snapshot {
  const { counters, seq } = db.prepare("SELECT (SELECT group_concat(topic || '=' || n) FROM change_counters) counters, (SELECT ifnull(max(seq), 0) FROM register_changes) seq").get() as { counters: string; seq: number };
  let entry = cache.get(db);
  if (entry && (entry.counters !== counters || entry.seq !== seq)) entry = catchUp(db, entry, counters, seq);
  if (!entry) {
    db.prepare('DELETE FROM register_changes WHERE seq <= ?').run(seq - LOG_KEEP);
    cache.set(db, (entry = { counters, seq, columns: loadColumns(db), byDate: new Map() }));
  }
  let snap = entry.byDate.get(at);
  if (!snap) entry.byDate.set(at, (snap = compute(db, entry.columns, at)));
  return snap;
}

type Entry = NonNullable<ReturnType<typeof cache.get>>;

/** The cache brought up to date by patching the rows changed since, or undefined when it must reload. */
function catchUp(db: Db, entry: Entry, counters: string, seq: number): Entry | undefined {
  const rows = (name: string) => /(?:^|,)register_rows=(\d+)/.exec(name)?.[1];
  if (rows(entry.counters) !== rows(counters) || seq - entry.seq > PATCH_LIMIT) return undefined;
  const first = db.prepare('SELECT min(seq) FROM register_changes').pluck().get() as number | null;
  // rows pruned from the log since this cache last looked: it cannot know what changed
  if (seq > entry.seq && (first === null || first > entry.seq + 1)) return undefined;
  const ids = db.prepare('SELECT DISTINCT register_id FROM register_changes WHERE seq > ?').pluck().all(entry.seq) as number[];
  if (!patchRows(db, entry.columns, ids)) return undefined;
  return { counters, seq, columns: entry.columns, byDate: new Map() };
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
  const validUnits = allUnits.filter((u) => unitValidAt(u, at));
  return { at, units: validUnits, cells, unresolved, handled };
}

export { totalOf as total } from '../../shared/coverage-report';
