// The figures at a date from the coverage deltas: one grouped sum over the years before and the
// months and days of this year up to the date (bucketRanges); then each raw unit's figures
// go to the unit they count for at that date (the shared resolver), as on the desk.
import { makeResolver, unitValidAt, type Figures } from '../../shared/coverage-rule';
import type { Queryable } from '../db/pool';
import { bucketRanges } from './bucket-ranges';
import { listSuccessors, listUnits, type HubUnit } from '../units/units';

export interface HubSnapshot {
  at: string;
  units: HubUnit[];
  /** Valid units at `at`, per unit id, per procedure code. */
  cells: Map<number, Map<string, Figures>>;
  unresolved: Map<number, Figures>;
  handled: Map<number, Figures>;
}

interface Raw {
  unit_id: number;
  holder_unit_id: number;
  procedure_code: string;
  v: number;
  d: number;
  hv: number;
  hd: number;
}

/**
 * The grouped sum behind the figures at a date: the delta buckets of bucketRanges, each added
 * or subtracted; "handled this year" counts from the year's first day. The ranges are written
 * into the statement (as parameters of a custom plan) so the planner sees how few buckets they
 * hold: an index range per range for the province, the unit index for a list of units.
 */
export function rawFiguresQuery(at: string, unitIds: number[] | null): { text: string; values: unknown[] } {
  const { yearStart, ranges } = bucketRanges(at);
  const values: unknown[] = [yearStart];
  const conds = ranges.map((r) => {
    values.push(r.grain, r.from, r.to);
    const n = values.length;
    return { sign: r.sign, sql: `(grain = $${n - 2} AND bucket >= $${n - 1}::date AND bucket < $${n}::date)` };
  });
  const negative = conds.filter((c) => c.sign < 0).map((c) => c.sql);
  const sign = negative.length ? `CASE WHEN ${negative.join(' OR ')} THEN -1 ELSE 1 END` : '1';
  if (unitIds) values.push(unitIds);
  const text = `SELECT unit_id, holder_unit_id, procedure_code, sum(s * dv) v, sum(s * dd) d,
            sum(CASE WHEN bucket >= $1::date THEN s * hv ELSE 0 END) hv, sum(CASE WHEN bucket >= $1::date THEN s * hd ELSE 0 END) hd
     FROM (SELECT unit_id, holder_unit_id, procedure_code, bucket, dv, dd, hv, hd, ${sign} s FROM coverage_deltas
           WHERE (${conds.map((c) => c.sql).join(' OR ')})${unitIds ? ` AND unit_id = ANY($${values.length}::int[])` : ''}) x
     GROUP BY 1, 2, 3`;
  return { text, values };
}

/** Sums of deltas at `at`, by raw unit, holder's unit and procedure; `unitIds` narrows to those units. */
export async function rawFigures(c: Queryable, at: string, unitIds: number[] | null): Promise<Raw[]> {
  const q = rawFiguresQuery(at, unitIds);
  return (await c.query<Raw>(q.text, q.values)).rows;
}

export interface Catalogue {
  units: HubUnit[];
  successors: Awaited<ReturnType<typeof listSuccessors>>;
}

/** The units and their successors, read once for a report and handed to each step that needs them. */
export async function readCatalogue(c: Queryable): Promise<Catalogue> {
  const [units, successors] = await Promise.all([listUnits(c), listSuccessors(c)]);
  return { units, successors };
}

export async function hubSnapshot(c: Queryable, at: string, unitIds: number[] | null = null, catalogue?: Catalogue): Promise<HubSnapshot> {
  const [{ units, successors }, raw] = await Promise.all([catalogue ?? readCatalogue(c), rawFigures(c, at, unitIds)]);
  const resolve = makeResolver(units, successors, at);
  const cells = new Map<number, Map<string, Figures>>();
  const unresolved = new Map<number, Figures>();
  const handled = new Map<number, Figures>();
  const add = <K>(m: Map<K, Figures>, k: K, v: number, d: number) => {
    const f = m.get(k) ?? { valid: 0, digitized: 0 };
    f.valid += v;
    f.digitized += d;
    m.set(k, f);
  };
  for (const r of raw) {
    const unit = resolve(r.unit_id, r.holder_unit_id || null);
    if (unit === null) {
      if (r.v) add(unresolved, r.unit_id, r.v, r.d);
      continue;
    }
    if (r.v) {
      if (!cells.has(unit)) cells.set(unit, new Map());
      add(cells.get(unit)!, r.procedure_code, r.v, r.d);
    }
    if (r.hv) add(handled, unit, r.hv, r.hd);
  }
  const valid = units.filter((u) => unitValidAt(u, at));
  return { at, units: valid, cells, unresolved, handled };
}
