// The register held in memory as columns of integers, loaded once per change of the
// archive: a date's figures are then one tight loop (milliseconds for a million results)
// instead of a SQL scan per date, per drill-down and per month of the trend.
import type { Db } from '../archive/db';

const NEVER = 99_999_999;

export interface RegisterColumns {
  /** rows in use; the arrays may be longer (room for rows appended after an import) */
  n: number;
  /** register.id per position, ascending, for patching single rows and appending new ones */
  ids: Int32Array;
  unit: Int32Array;
  /** the admin's choice or the holder's new commune; -1 when unknown */
  holder: Int32Array;
  /** index into `procedures` */
  procedure: Int32Array;
  /** dates as yyyymmdd; NEVER when empty */
  issued: Int32Array;
  until: Int32Array;
  revoked: Int32Array;
  digitized: Int32Array;
  /** per row, its (unit, holder) pair's number, and its (unit, holder, procedure) group's: a date's count is then array arithmetic */
  pair: Int32Array;
  group: Int32Array;
  procedures: string[];
  pairs: [number, number][];
  /** unit, holder, procedure, pair */
  groups: [number, number, number, number][];
  /** lookups behind the dense numbers */
  index: { procedure: Map<string, number>; pair: Map<number, number>; group: Map<number, number> };
}

const ARRAYS = ['ids', 'unit', 'holder', 'procedure', 'issued', 'until', 'revoked', 'digitized', 'pair', 'group'] as const;

function emptyColumns(capacity: number): RegisterColumns {
  const arrays = Object.fromEntries(ARRAYS.map((k) => [k, new Int32Array(capacity)])) as Record<(typeof ARRAYS)[number], Int32Array>;
  return { n: 0, ...arrays, procedures: [], pairs: [], groups: [], index: { procedure: new Map(), pair: new Map(), group: new Map() } };
}

/** Room for `need` rows, the arrays grown by half again when short. */
function reserve(cols: RegisterColumns, need: number): void {
  if (cols.ids.length >= need) return;
  const size = Math.max(need, Math.ceil(cols.ids.length * 1.5));
  for (const k of ARRAYS) {
    const grown = new Int32Array(size);
    grown.set(cols[k].subarray(0, cols.n));
    cols[k] = grown;
  }
}

/** '2021-06-30' → 20210630, without Date parsing. */
export function dayNumber(iso: string | null): number {
  if (!iso) return NEVER;
  return (
    (iso.charCodeAt(0) - 48) * 10_000_000 +
    (iso.charCodeAt(1) - 48) * 1_000_000 +
    (iso.charCodeAt(2) - 48) * 100_000 +
    (iso.charCodeAt(3) - 48) * 10_000 +
    (iso.charCodeAt(5) - 48) * 1000 +
    (iso.charCodeAt(6) - 48) * 100 +
    (iso.charCodeAt(8) - 48) * 10 +
    (iso.charCodeAt(9) - 48)
  );
}

export function loadColumns(db: Db): RegisterColumns {
  const n = db.prepare('SELECT count(*) FROM register').pluck().get() as number;
  const cols = emptyColumns(n);
  const rows = db.prepare(`${ROW} ORDER BY id`).raw().iterate() as IterableIterator<Row>;
  for (const row of rows) {
    if (cols.n >= n) break; // a write landed between count and scan; the next version reloads
    cols.ids[cols.n] = row[0];
    setRow(cols, cols.n++, row);
  }
  return cols;
}

/**
 * Reads the register rows added after the last one loaded (an import's new results) onto
 * the end of the columns; returns how many. Ids only grow, so they stay in order.
 */
export function appendRows(db: Db, cols: RegisterColumns): number {
  const last = cols.n ? cols.ids[cols.n - 1] : 0;
  let added = 0;
  for (const row of db.prepare(`${ROW} WHERE id > ? ORDER BY id`).raw().iterate(last) as IterableIterator<Row>) {
    reserve(cols, cols.n + 1);
    cols.ids[cols.n] = row[0];
    setRow(cols, cols.n++, row);
    added++;
  }
  return added;
}

type Row = [number, number, number | null, string, string, string | null, string | null, string | null];
const ROW = "SELECT id, unit_id, coalesce(assigned_unit_id, holder_unit_id), ifnull(procedure_code, ''), issued_on, valid_until, revoked_on, digitized_on FROM register";

/** The dense number of a key, given a new one (and its description) when first met. */
function numberOf<K, V>(index: Map<K, number>, list: V[], key: K, value: () => V): number {
  let k = index.get(key);
  if (k === undefined) {
    k = list.length;
    index.set(key, k);
    list.push(value());
  }
  return k;
}

function setRow(cols: RegisterColumns, i: number, [, unit, holder, proc, issued, until, revoked, digitized]: Row) {
  const h = holder ?? -1;
  const p = numberOf(cols.index.procedure, cols.procedures, proc, () => proc);
  const pair = numberOf(cols.index.pair, cols.pairs, unit * 4_194_304 + (h + 1), () => [unit, h] as [number, number]);
  cols.unit[i] = unit;
  cols.holder[i] = h;
  cols.procedure[i] = p;
  cols.pair[i] = pair;
  cols.group[i] = numberOf(cols.index.group, cols.groups, pair * 1_048_576 + p, () => [unit, h, p, pair] as [number, number, number, number]);
  cols.issued[i] = dayNumber(issued);
  cols.until[i] = dayNumber(until);
  cols.revoked[i] = dayNumber(revoked);
  cols.digitized[i] = dayNumber(digitized);
}

/** Re-reads the given register rows into loaded columns; false when one is new (the caller reloads). */
export function patchRows(db: Db, cols: RegisterColumns, ids: number[]): boolean {
  const get = db.prepare(`${ROW} WHERE id = ?`).raw();
  for (const id of ids) {
    let lo = 0;
    let hi = cols.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cols.ids[mid] < id) lo = mid + 1;
      else hi = mid - 1;
    }
    const row = get.get(id) as Row | undefined;
    if (lo >= cols.n || cols.ids[lo] !== id || !row) return false;
    setRow(cols, lo, row);
  }
  return true;
}

/** Per group (cols.groups): valid results and how many are digitized; per pair (cols.pairs): Decision 766's handled this year and with an electronic result. */
export interface Counts {
  valid: Int32Array;
  digitized: Int32Array;
  handled: Int32Array;
  handledDigitized: Int32Array;
}

/** Valid and digitized results at `at`, grouped by unit, holder's unit and procedure: one pass over the columns, no lookups. */
export function countAt(c: RegisterColumns, at: string): Counts {
  const d = dayNumber(at);
  const yearStart = Math.floor(d / 10000) * 10000 + 101;
  const hv = new Int32Array(c.pairs.length);
  const hd = new Int32Array(c.pairs.length);
  const v = new Int32Array(c.groups.length);
  const g = new Int32Array(c.groups.length);
  const { issued: is, digitized: dg, until, revoked, pair, group } = c;
  for (let i = 0; i < c.n; i++) {
    const issued = is[i];
    if (issued > d) continue;
    const dig = dg[i] <= d ? 1 : 0;
    if (issued >= yearStart) {
      hv[pair[i]]++;
      hd[pair[i]] += dig;
    }
    if (until[i] < d || revoked[i] <= d) continue;
    v[group[i]]++;
    g[group[i]] += dig;
  }
  return { valid: v, digitized: g, handled: hv, handledDigitized: hd };
}
