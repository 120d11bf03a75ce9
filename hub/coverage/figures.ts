// The figures at a date from the coverage deltas: one grouped sum over the years before, the
// months of the year before this one and the days of this month; then each raw unit's figures
// go to the unit they count for at that date (the shared resolver), as on the desk.
import { makeResolver, type Figures } from '../../shared/coverage-rule';
import type { Queryable } from '../db/pool';
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

/** The grouped sum behind the figures at a date ($1 first day of the year, $2 of the month, $3 the date, $4 units or null). */
export const RAW_FIGURES_SQL = `SELECT unit_id, holder_unit_id, procedure_code,
            sum(dv) v, sum(dd) d, sum(CASE WHEN grain = 'y' THEN 0 ELSE hv END) hv, sum(CASE WHEN grain = 'y' THEN 0 ELSE hd END) hd
     FROM coverage_deltas
     WHERE ((grain = 'y' AND bucket < $1) OR (grain = 'm' AND bucket >= $1 AND bucket < $2) OR (grain = 'd' AND bucket >= $2 AND bucket <= $3))
       AND ($4::int[] IS NULL OR unit_id = ANY($4))
     GROUP BY 1, 2, 3`;

export const rawFiguresParams = (at: string, unitIds: number[] | null) => [`${at.slice(0, 4)}-01-01`, `${at.slice(0, 7)}-01`, at, unitIds];

/** Sums of deltas at `at`, by raw unit, holder's unit and procedure; `unitIds` narrows to those units. */
export async function rawFigures(c: Queryable, at: string, unitIds: number[] | null): Promise<Raw[]> {
  return (await c.query<Raw>(RAW_FIGURES_SQL, rawFiguresParams(at, unitIds))).rows;
}

export async function hubSnapshot(c: Queryable, at: string, unitIds: number[] | null = null): Promise<HubSnapshot> {
  const [units, successors, raw] = await Promise.all([listUnits(c), listSuccessors(c), rawFigures(c, at, unitIds)]);
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
  const valid = units.filter((u) => (!u.validFrom || u.validFrom <= at) && (!u.validTo || u.validTo >= at));
  return { at, units: valid, cells, unresolved, handled };
}
