// The province's coverage as the desk's dashboard reads it (same shape as coverage.report and
// coverage.trend), from the hub's deltas and the shared report assembly.
import { rateOf, type Figures } from '../../shared/coverage-rule';
import { assembleReport, scopeOf, totalOf } from '../../shared/coverage-report';
import { monthEnds } from '../../electron/coverage/dates';
import type { Queryable } from '../db/pool';
import { hubSnapshot, readCatalogue, type Catalogue } from './figures';
import { targetsFor } from '../units/units';

/** Raw units whose results can count inside the scope at some date: the scope's subtree and every unit merged into it. */
function contributingUnits({ units, successors }: Catalogue, scopeUnitId: number | null): number[] | null {
  if (scopeUnitId === null) return null;
  const children = new Map<number, number[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const set = new Set<number>();
  const walk = (id: number) => {
    if (set.has(id)) return;
    set.add(id);
    (children.get(id) ?? []).forEach(walk);
  };
  walk(scopeUnitId);
  // predecessors of anything in the set, to a fixed point (a commune merged into one of ours)
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of successors)
      if (set.has(s.successorId) && !set.has(s.unitId)) {
        walk(s.unitId);
        grew = true;
      }
  }
  return [...set];
}

export async function hubCoverageReport(c: Queryable, at: string, scopeUnitId: number | null) {
  const catalogue = await readCatalogue(c);
  const snap = await hubSnapshot(c, at, contributingUnits(catalogue, scopeUnitId), catalogue);
  const scope = scopeOf(snap.units, scopeUnitId);
  const own = new Map<number, Figures>(scope.inScope.map((id) => [id, totalOf(snap.cells.get(id))]));
  const procedureCells = new Map(scope.inScope.map((id) => [id, snap.cells.get(id) ?? new Map<string, Figures>()]));
  const names = new Map((await c.query<{ code: string; name: string }>('SELECT code, name FROM procedures')).rows.map((p) => [p.code, p.name]));
  const report = assembleReport({ at, scopeUnitId, scope, own, procedureCells, procedureNames: names, handled: snap.handled, targets: await targetsFor(c, Number(at.slice(0, 4))) });
  const all = new Map(catalogue.units.map((u) => [u.id, u]));
  const under = (id: number) => {
    if (scopeUnitId === null) return true;
    for (let u = all.get(id); u; u = u.parentId ? all.get(u.parentId) : undefined) if (u.id === scopeUnitId) return true;
    return false;
  };
  const unresolved = [...snap.unresolved].filter(([id]) => under(id)).map(([unitId, f]) => ({ unitId, code: all.get(unitId)!.code, name: all.get(unitId)!.name, ...f }));
  return { ...report, unresolved, packages: [] as { unitCode: string; unitName: string; at: string; createdAt: string }[] };
}

/** Month-end figures for the scope's whole subtree, January to `at`, with each month's target for the scope's level. */
export async function hubCoverageTrend(c: Queryable, at: string, scopeUnitId: number | null) {
  const out = [];
  for (const day of monthEnds(at)) {
    const r = await hubCoverageReport(c, day, scopeUnitId);
    const roots = r.units.filter((u) => (scopeUnitId === null ? !r.units.some((p) => p.id === u.parentId) : u.id === scopeUnitId));
    const f = roots.reduce((t, u) => ({ valid: t.valid + u.total.valid, digitized: t.digitized + u.total.digitized }), { valid: 0, digitized: 0 });
    const level = r.scope?.level ?? 'province';
    out.push({ month: day.slice(0, 7), at: day, ...f, rate: rateOf(f), target: (await targetsFor(c, Number(day.slice(0, 4))))[level] });
  }
  return out;
}
