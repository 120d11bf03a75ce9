// A register row as +1/−1 events on the days it starts and stops counting, so the hub never
// scans the register to answer "how many at date D". The events follow the shared rule
// (shared/coverage-rule.ts): valid from the issue day until the day after "valid until" or the
// revocation day, whichever is first; digitized from the later of issue and digitized days
// while valid; handled (Decision 766) in the year of issue, digitized-and-handled when marked
// in that same year.
import type { Queryable } from '../db/pool';

export interface DeltaRow {
  unitId: number;
  holderUnitId: number | null;
  procedureCode: string;
  issuedOn: string;
  validUntil: string | null;
  revokedOn: string | null;
  digitizedOn: string | null;
}

type Kind = 'dv' | 'dd' | 'hv' | 'hd';
const KINDS: Kind[] = ['dv', 'dd', 'hv', 'hd'];

export function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The row's events as [day, kind, ±1]. */
export function rowEvents(r: DeltaRow): [string, Kind, number][] {
  const out: [string, Kind, number][] = [];
  const untilEnd = r.validUntil ? nextDay(r.validUntil) : null;
  const end = untilEnd && r.revokedOn ? (untilEnd < r.revokedOn ? untilEnd : r.revokedOn) : (untilEnd ?? r.revokedOn);
  if (end === null || r.issuedOn < end) {
    out.push([r.issuedOn, 'dv', 1]);
    if (end) out.push([end, 'dv', -1]);
  }
  out.push([r.issuedOn, 'hv', 1]);
  if (r.digitizedOn) {
    const s = r.digitizedOn > r.issuedOn ? r.digitizedOn : r.issuedOn;
    if (end === null || s < end) {
      out.push([s, 'dd', 1]);
      if (end) out.push([end, 'dd', -1]);
    }
    if (s.slice(0, 4) === r.issuedOn.slice(0, 4)) out.push([s, 'hd', 1]);
  }
  return out;
}

/** Deltas keyed by grain, bucket, unit, holder's unit and procedure; summed in memory, written once per batch. */
export class DeltaSet {
  readonly cells = new Map<string, { key: [string, string, number, number, string]; v: Record<Kind, number> }>();

  add(r: DeltaRow, sign: 1 | -1): void {
    for (const [day, kind, n] of rowEvents(r))
      for (const [grain, bucket] of [['y', `${day.slice(0, 4)}-01-01`], ['m', `${day.slice(0, 7)}-01`], ['d', day]] as const) {
        const k = `${grain}|${bucket}|${r.unitId}|${r.holderUnitId ?? 0}|${r.procedureCode}`;
        let cell = this.cells.get(k);
        if (!cell) this.cells.set(k, (cell = { key: [grain, bucket, r.unitId, r.holderUnitId ?? 0, r.procedureCode], v: { dv: 0, dd: 0, hv: 0, hd: 0 } }));
        cell.v[kind] += sign * n;
      }
  }

  /** Adds the set to the table in one statement, cells in key order (two batches never lock cells crosswise). */
  async flush(c: Queryable): Promise<number> {
    const cells = [...this.cells.entries()].filter(([, x]) => KINDS.some((k) => x.v[k] !== 0)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!cells.length) return 0;
    const col = <T>(f: (x: (typeof cells)[number][1]) => T) => cells.map(([, x]) => f(x));
    await c.query(
      `INSERT INTO coverage_deltas AS t (grain, bucket, unit_id, holder_unit_id, procedure_code, dv, dd, hv, hd)
       SELECT * FROM unnest($1::char(1)[], $2::date[], $3::int[], $4::int[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[])
       ON CONFLICT (grain, bucket, unit_id, holder_unit_id, procedure_code) DO UPDATE
       SET dv = t.dv + excluded.dv, dd = t.dd + excluded.dd, hv = t.hv + excluded.hv, hd = t.hd + excluded.hd`,
      [col((x) => x.key[0]), col((x) => x.key[1]), col((x) => x.key[2]), col((x) => x.key[3]), col((x) => x.key[4]), col((x) => x.v.dv), col((x) => x.v.dd), col((x) => x.v.hv), col((x) => x.v.hd)],
    );
    return cells.length;
  }
}

/**
 * Rebuilds every delta from the register in SQL (after a bulk COPY, or to repair): the same
 * events as rowEvents, grouped by grain and bucket.
 */
export async function rebuildDeltas(c: Queryable): Promise<void> {
  await c.query('TRUNCATE coverage_deltas');
  await c.query(`
    WITH r AS (
      SELECT unit_id, coalesce(holder_unit_id, 0) h, procedure_code p, issued_on i,
             CASE WHEN valid_until IS NULL THEN revoked_on WHEN revoked_on IS NULL THEN valid_until + 1 ELSE least(valid_until + 1, revoked_on) END e,
             CASE WHEN digitized_on IS NULL THEN NULL ELSE greatest(digitized_on, issued_on) END s
      FROM register),
    ev AS (
      SELECT unit_id, h, p, i day, 1 dv, 0 dd, 1 hv, 0 hd FROM r WHERE e IS NULL OR i < e
      UNION ALL SELECT unit_id, h, p, i, 0, 0, 1, 0 FROM r WHERE NOT (e IS NULL OR i < e)
      UNION ALL SELECT unit_id, h, p, e, -1, 0, 0, 0 FROM r WHERE e IS NOT NULL AND i < e
      UNION ALL SELECT unit_id, h, p, s, 0, 1, 0, CASE WHEN date_trunc('year', s) = date_trunc('year', i) THEN 1 ELSE 0 END FROM r WHERE s IS NOT NULL AND (e IS NULL OR s < e)
      UNION ALL SELECT unit_id, h, p, s, 0, 0, 0, 1 FROM r WHERE s IS NOT NULL AND NOT (e IS NULL OR s < e) AND date_trunc('year', s) = date_trunc('year', i)
      UNION ALL SELECT unit_id, h, p, e, 0, -1, 0, 0 FROM r WHERE s IS NOT NULL AND e IS NOT NULL AND s < e),
    g AS (
      SELECT 'y'::char(1) grain, date_trunc('year', day)::date bucket, unit_id, h, p, dv, dd, hv, hd FROM ev
      UNION ALL SELECT 'm', date_trunc('month', day)::date, unit_id, h, p, dv, dd, hv, hd FROM ev
      UNION ALL SELECT 'd', day, unit_id, h, p, dv, dd, hv, hd FROM ev)
    INSERT INTO coverage_deltas (grain, bucket, unit_id, holder_unit_id, procedure_code, dv, dd, hv, hd)
    SELECT grain, bucket, unit_id, h, p, sum(dv), sum(dd), sum(hv), sum(hd) FROM g GROUP BY 1, 2, 3, 4, 5`);
}
