// The register held in memory as columns of integers, loaded once per change of the
// archive: a date's figures are then one tight loop (milliseconds for a million results)
// instead of a SQL scan per date, per drill-down and per month of the trend.
import type { Db } from '../archive/db';

const NEVER = 99_999_999;

export interface RegisterColumns {
  n: number;
  /** register.id per position, ascending, for patching single rows */
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
  procedures: string[];
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
  const cols: RegisterColumns = {
    n,
    ids: new Int32Array(n),
    unit: new Int32Array(n),
    holder: new Int32Array(n),
    procedure: new Int32Array(n),
    issued: new Int32Array(n),
    until: new Int32Array(n),
    revoked: new Int32Array(n),
    digitized: new Int32Array(n),
    procedures: [],
  };
  const procIndex = new Map<string, number>();
  let i = 0;
  const rows = db
    .prepare(`${ROW} ORDER BY id`)
    .raw()
    .iterate() as IterableIterator<Row>;
  for (const row of rows) {
    if (i >= n) break; // a write landed between count and scan; the next version reloads
    cols.ids[i] = row[0];
    setRow(cols, i, row, procIndex);
    i++;
  }
  cols.n = i;
  return cols;
}

type Row = [number, number, number | null, string, string, string | null, string | null, string | null];
const ROW = "SELECT id, unit_id, coalesce(assigned_unit_id, holder_unit_id), ifnull(procedure_code, ''), issued_on, valid_until, revoked_on, digitized_on FROM register";

function setRow(cols: RegisterColumns, i: number, [, unit, holder, proc, issued, until, revoked, digitized]: Row, procIndex: Map<string, number>) {
  let p = procIndex.get(proc);
  if (p === undefined) {
    p = cols.procedures.length;
    procIndex.set(proc, p);
    cols.procedures.push(proc);
  }
  cols.unit[i] = unit;
  cols.holder[i] = holder ?? -1;
  cols.procedure[i] = p;
  cols.issued[i] = dayNumber(issued);
  cols.until[i] = dayNumber(until);
  cols.revoked[i] = dayNumber(revoked);
  cols.digitized[i] = dayNumber(digitized);
}

/** Re-reads the given register rows into loaded columns; false when one is new (the caller reloads). */
export function patchRows(db: Db, cols: RegisterColumns, ids: number[]): boolean {
  const procIndex = new Map(cols.procedures.map((p, i) => [p, i]));
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
    setRow(cols, lo, row, procIndex);
  }
  return true;
}

export interface Counts {
  /** key `${unit}|${holder}|${procedureIndex}` → [valid, digitized] */
  valid: Map<string, [number, number]>;
  /** Decision 766: key `${unit}|${holder}` → [handled this year, with an electronic result] */
  handled: Map<string, [number, number]>;
}

/** Valid and digitized results at `at`, grouped by unit, holder's unit and procedure. */
export function countAt(c: RegisterColumns, at: string): Counts {
  const d = dayNumber(at);
  const yearStart = Math.floor(d / 10000) * 10000 + 101;
  // accumulate in flat arrays keyed by a dense group number, then name the groups once
  // (unit, holder) pairs get dense numbers first, so group keys stay small integers
  const pairOf = new Map<number, number>();
  const pairs: [number, number][] = [];
  const hv: number[] = [];
  const hd: number[] = [];
  const groupOf = new Map<number, number>();
  const keys: [number, number, number][] = [];
  const v: number[] = [];
  const g: number[] = [];
  const nProc = c.procedures.length + 1;
  for (let i = 0; i < c.n; i++) {
    const issued = c.issued[i];
    if (issued > d) continue;
    const dig = c.digitized[i] <= d ? 1 : 0;
    const unit = c.unit[i];
    const holder = c.holder[i];
    const pk = unit * 4_194_304 + (holder + 1);
    let pair = pairOf.get(pk);
    if (pair === undefined) {
      pair = pairs.length;
      pairOf.set(pk, pair);
      pairs.push([unit, holder]);
      hv.push(0);
      hd.push(0);
    }
    if (issued >= yearStart) {
      hv[pair]++;
      hd[pair] += dig;
    }
    if (c.until[i] < d || c.revoked[i] <= d) continue;
    const key = pair * nProc + c.procedure[i];
    let k = groupOf.get(key);
    if (k === undefined) {
      k = keys.length;
      groupOf.set(key, k);
      keys.push([unit, holder, c.procedure[i]]);
      v.push(0);
      g.push(0);
    }
    v[k]++;
    g[k] += dig;
  }
  const valid = new Map<string, [number, number]>();
  keys.forEach(([u, h, p], k) => valid.set(`${u}|${h}|${p}`, [v[k], g[k]]));
  const handled = new Map<string, [number, number]>();
  pairs.forEach(([u, h], k) => hv[k] && handled.set(`${u}|${h}`, [hv[k], hd[k]]));
  return { valid, handled };
}
