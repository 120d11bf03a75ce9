// The figures at one date: for every unit valid then, how many results are valid and how
// many of those are digitized, per procedure. Counted from the in-memory register columns;
// cached until the archive changes, so drilling down costs nothing further.
import type { Db } from '../archive/db';
import { listUnits } from '../units/units';
import type { Unit } from '../../shared/contract';
import { appendRows, countAt, loadColumns, patchRows, type RegisterColumns } from './columns';
import { listSuccessors, makeResolver } from './merges';
import { unitValidAt, type Figures } from '../../shared/coverage-rule';

export type { Figures } from '../../shared/coverage-rule';

export interface Snapshot {
  at: string;
  /** Units valid at `at`. */
  units: Unit[];
  /** Every unit, ended ones too (the unresolved list names old units). */
  allUnits: Unit[];
  /** Per unit id, per procedure code ('' for none). */
  cells: Map<number, Map<string, Figures>>;
  /** Results of old units split by a partial merge whose new unit is not known yet, by old unit id. */
  unresolved: Map<number, Figures>;
  /** Decision 766: results issued from 1 January to `at`, and how many of them are digitized, per unit. */
  handled: Map<number, Figures>;
}

// per database: the change counters seen, the register columns loaded for them, and snapshots by date
const cache = new WeakMap<Db, { counters: string; seq: number; columns: RegisterColumns; byDate: Map<string, Snapshot> }>();

// a cache further behind than this many changed rows (or a tenth of the register, when more)
// reloads the columns instead of patching row by row: a lookup by id costs a few sequential reads
const PATCH_LIMIT = 5000;
// the change log keeps this many rows once it is pruned
const LOG_KEEP = 10_000;

/**
 * The figures at a date, from the cache while nothing changed. Triggers (migration 11) count
 * every write to the register, the units and the merges, from any connection (the app's or the
 * CLI's): rows an import added are read onto the end of the columns, rows changed in place are
 * patched (a document marked digitized costs microseconds), deleted rows reload the columns, a
 * change of units drops the computed dates.
 */
export function snapshot(db: Db, at: string): Snapshot {
  const { counters, seq } = db.prepare("SELECT (SELECT group_concat(topic || '=' || n) FROM change_counters) counters, (SELECT ifnull(max(seq), 0) FROM register_changes) seq").get() as { counters: string; seq: number };
  let entry = cache.get(db);
  if (entry && (entry.counters !== counters || entry.seq !== seq)) {
    // the caught-up entry replaces the old one: kept stale, every later call would patch the same
    // rows and recount the register again, and after an import reload it whole
    entry = catchUp(db, entry, counters, seq);
    if (entry) cache.set(db, entry);
  }
  if (!entry) {
    db.prepare('DELETE FROM register_changes WHERE seq <= ?').run(seq - LOG_KEEP);
    cache.set(db, (entry = { counters, seq, columns: loadColumns(db), byDate: new Map() }));
  }
  let snap = entry.byDate.get(at);
  if (!snap) entry.byDate.set(at, (snap = compute(db, entry.columns, at)));
  return snap;
}

type Entry = NonNullable<ReturnType<typeof cache.get>>;

/**
 * The cache brought up to date, or undefined when it must reload. The register_rows counter
 * goes up by one per row inserted or deleted: when the rows found past the last loaded id
 * account for all of its rise, nothing was deleted and they are all the new rows.
 */
function catchUp(db: Db, entry: Entry, counters: string, seq: number): Entry | undefined {
  const rows = (name: string) => Number(/(?:^|,)register_rows=(\d+)/.exec(name)?.[1] ?? 0);
  const cols = entry.columns;
  if (seq - entry.seq > Math.max(PATCH_LIMIT, cols.n / 10)) return undefined;
  const first = db.prepare('SELECT min(seq) FROM register_changes').pluck().get() as number | null;
  // rows pruned from the log since this cache last looked: it cannot know what changed
  if (seq > entry.seq && (first === null || first > entry.seq + 1)) return undefined;
  const risen = rows(counters) - rows(entry.counters);
  if (risen && appendRows(db, cols) !== risen) return undefined;
  const ids = db.prepare('SELECT DISTINCT register_id FROM register_changes WHERE seq > ?').pluck().all(entry.seq) as number[];
  if (!patchRows(db, cols, ids)) return undefined;
  if (first !== null && seq - first > 2 * LOG_KEEP) db.prepare('DELETE FROM register_changes WHERE seq <= ?').run(seq - LOG_KEEP);
  return { counters, seq, columns: cols, byDate: new Map() };
}

function compute(db: Db, columns: RegisterColumns, at: string): Snapshot {
  const allUnits = listUnits(db);
  const resolve = makeResolver(allUnits, listSuccessors(db), at);
  const counts = countAt(columns, at);
  // where each (unit, holder) pair's results count at this date, resolved once per pair
  const target = columns.pairs.map(([u, h]) => resolve(u, h < 0 ? null : h));
  const cells = new Map<number, Map<string, Figures>>();
  const unresolved = new Map<number, Figures>();
  const add = <K>(m: Map<K, Figures>, key: K, v: number, d: number) => {
    const f = m.get(key) ?? { valid: 0, digitized: 0 };
    f.valid += v;
    f.digitized += d;
    m.set(key, f);
  };
  columns.groups.forEach(([u, , p, pair], k) => {
    const valid = counts.valid[k];
    if (!valid) return;
    const unit = target[pair];
    if (unit === null) add(unresolved, u, valid, counts.digitized[k]);
    else {
      if (!cells.has(unit)) cells.set(unit, new Map());
      add(cells.get(unit)!, columns.procedures[p], valid, counts.digitized[k]);
    }
  });
  const handled = new Map<number, Figures>();
  target.forEach((unit, k) => {
    if (unit !== null && counts.handled[k]) add(handled, unit, counts.handled[k], counts.handledDigitized[k]);
  });
  const validUnits = allUnits.filter((u) => unitValidAt(u, at));
  return { at, units: validUnits, allUnits, cells, unresolved, handled };
}

export { totalOf as total } from '../../shared/coverage-report';
