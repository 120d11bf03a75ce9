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

/**
 * Units whose results may count by the holder's commune: a unit split by the 2025 merges (a
 * partial merge, or several successors) and every unit whose resolution can lead there (its
 * predecessors and the units below it). For every other unit the holder's commune never
 * changes a figure, so its deltas are kept under holder 0: a province where most rows name the
 * holder's commune would otherwise multiply the cells by the number of communes. The
 * successors come with the catalogue; if they ever change, rebuildDeltas re-keys the table.
 */
const HOLDER_UNITS_SQL = `
  split AS (SELECT unit_id id FROM unit_successors GROUP BY unit_id HAVING count(*) > 1 OR bool_or(kind = 'partial')),
  edge AS (SELECT unit_id src, successor_id dst FROM unit_successors UNION ALL SELECT id, parent_id FROM units WHERE parent_id IS NOT NULL),
  keep(id) AS (SELECT id FROM split UNION SELECT e.src FROM edge e JOIN keep k ON e.dst = k.id)`;

export async function unitsKeepingHolder(c: Queryable): Promise<Set<number>> {
  return new Set((await c.query<{ id: number }>(`WITH RECURSIVE ${HOLDER_UNITS_SQL} SELECT id FROM keep`)).rows.map((r) => r.id));
}

/** Deltas keyed by grain, bucket, unit, holder's unit (where it can count) and procedure; summed in memory, written once per batch. */
export class DeltaSet {
  readonly cells = new Map<string, { key: [string, string, number, number, string]; v: Record<Kind, number> }>();

  /** `keepHolder`: unitsKeepingHolder() of the same transaction. */
  constructor(private readonly keepHolder: Set<number>) {}

  add(r: DeltaRow, sign: 1 | -1): void {
    const holder = this.keepHolder.has(r.unitId) ? (r.holderUnitId ?? 0) : 0;
    for (const [day, kind, n] of rowEvents(r))
      for (const [grain, bucket] of [['y', `${day.slice(0, 4)}-01-01`], ['m', `${day.slice(0, 7)}-01`], ['d', day]] as const) {
        const k = `${grain}|${bucket}|${r.unitId}|${holder}|${r.procedureCode}`;
        let cell = this.cells.get(k);
        if (!cell) this.cells.set(k, (cell = { key: [grain, bucket, r.unitId, holder, r.procedureCode], v: { dv: 0, dd: 0, hv: 0, hd: 0 } }));
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
 * events as rowEvents, made in one pass over the register (a row's up to four events from one
 * VALUES list), summed per day first; the month and year grains are sums of the day grain, so
 * the big aggregate runs once. All-zero cells are left out, as the incremental path leaves them; rows go in
 * key order, so a date's buckets lie together on disk.
 */
export async function rebuildDeltas(c: Queryable): Promise<void> {
  await c.query('TRUNCATE coverage_deltas');
  // millions of cells: building the two indexes once over the written rows is much faster than
  // growing them row by row (the TRUNCATE already holds the table exclusively until commit)
  await c.query('ALTER TABLE coverage_deltas DROP CONSTRAINT coverage_deltas_pkey');
  await c.query('DROP INDEX IF EXISTS coverage_deltas_unit');
  await c.query(`
    WITH RECURSIVE ${HOLDER_UNITS_SQL},
    r AS (
      SELECT unit_id u, CASE WHEN unit_id IN (SELECT id FROM keep) THEN coalesce(holder_unit_id, 0) ELSE 0 END h, procedure_code p, issued_on i,
             CASE WHEN valid_until IS NULL THEN revoked_on WHEN revoked_on IS NULL THEN valid_until + 1 ELSE least(valid_until + 1, revoked_on) END e,
             CASE WHEN digitized_on IS NULL THEN NULL ELSE greatest(digitized_on, issued_on) END s
      FROM register),
    d AS MATERIALIZED (
      SELECT ev.day, r.u, r.h, r.p, sum(ev.dv)::int dv, sum(ev.dd)::int dd, sum(ev.hv)::int hv, sum(ev.hd)::int hd
      FROM r CROSS JOIN LATERAL (VALUES
        (r.i, CASE WHEN r.e IS NULL OR r.i < r.e THEN 1 ELSE 0 END, 0, 1, 0),
        (CASE WHEN r.e IS NOT NULL AND r.i < r.e THEN r.e END, -1, 0, 0, 0),
        (r.s, 0, CASE WHEN r.e IS NULL OR r.s < r.e THEN 1 ELSE 0 END, 0, CASE WHEN extract(year FROM r.s) = extract(year FROM r.i) THEN 1 ELSE 0 END),
        (CASE WHEN r.e IS NOT NULL AND r.s < r.e THEN r.e END, 0, -1, 0, 0)
      ) AS ev(day, dv, dd, hv, hd)
      WHERE ev.day IS NOT NULL
      GROUP BY 1, 2, 3, 4),
    m AS MATERIALIZED (
      SELECT date_trunc('month', day::timestamp)::date bucket, u, h, p, sum(dv)::int dv, sum(dd)::int dd, sum(hv)::int hv, sum(hd)::int hd FROM d GROUP BY 1, 2, 3, 4),
    y AS (
      SELECT date_trunc('year', bucket::timestamp)::date bucket, u, h, p, sum(dv)::int dv, sum(dd)::int dd, sum(hv)::int hv, sum(hd)::int hd FROM m GROUP BY 1, 2, 3, 4)
    INSERT INTO coverage_deltas (grain, bucket, unit_id, holder_unit_id, procedure_code, dv, dd, hv, hd)
    SELECT 'd', day, u, h, p, dv, dd, hv, hd FROM d WHERE dv <> 0 OR dd <> 0 OR hv <> 0 OR hd <> 0
    UNION ALL SELECT 'm', bucket, u, h, p, dv, dd, hv, hd FROM m WHERE dv <> 0 OR dd <> 0 OR hv <> 0 OR hd <> 0
    UNION ALL SELECT 'y', bucket, u, h, p, dv, dd, hv, hd FROM y WHERE dv <> 0 OR dd <> 0 OR hv <> 0 OR hd <> 0
    ORDER BY 1, 2, 3, 4, 5`);
  await c.query('ALTER TABLE coverage_deltas ADD CONSTRAINT coverage_deltas_pkey PRIMARY KEY (grain, bucket, unit_id, holder_unit_id, procedure_code)');
  await c.query('CREATE INDEX coverage_deltas_unit ON coverage_deltas(unit_id, grain, bucket)');
}
