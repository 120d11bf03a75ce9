// Turns a snapshot into what a unit head reads: levels against targets, every unit with its
// rate, gap and "needed", the lagging lists, procedures, Decision 766, and figures that
// children sent up in coverage packages.
import type { Level } from '../../shared/roles';
import type { Db } from '../archive/db';
import { rateOf as rate } from '../../shared/coverage-rule';
import { assembleReport, scopeOf, type UnitRow } from '../../shared/coverage-report';
import { latestPackages } from './received-packages';
import { snapshot, total, type Figures, type Snapshot } from './snapshot';
import { targetsFor } from './targets';
import { monthEnds } from './dates';

export type { UnitRow } from '../../shared/coverage-report';

export interface CoverageReport {
  at: string;
  scope: { id: number; code: string; name: string; level: Level } | null;
  levels: { level: Level; target: number | null; valid: number; digitized: number; rate: number; met: boolean | null }[];
  units: UnitRow[];
  procedures: { code: string; name: string; valid: number; digitized: number; rate: number }[];
  unresolved: { unitId: number; code: string; name: string; valid: number; digitized: number }[];
  decision766: { handled: number; withElectronicResult: number; rate: number };
  packages: { unitCode: string; unitName: string; at: string; createdAt: string }[];
}

/** Own figures per unit in scope (children's packages taking over their subtrees), per procedure too. */
export function consolidated(db: Db, at: string, scopeUnitId: number | null) {
  const snap = snapshot(db, at);
  const scope = scopeOf(snap.units, scopeUnitId);
  const { byId, subtree, inScope, scopeSet } = scope;
  const own = new Map<number, Figures>(inScope.map((id) => [id, total(snap.cells.get(id))]));
  const procedureCells = new Map<number, Map<string, Figures>>(inScope.map((id) => [id, snap.cells.get(id) ?? new Map()]));
  const packageAt = new Map<number, string>();
  const byCode = new Map(snap.units.map((u) => [u.code, u.id]));
  const packages = latestPackages(db).filter((p) => byCode.has(p.unitCode) && scopeSet.has(byCode.get(p.unitCode)!));
  for (const p of packages)
    for (const pu of p.units) {
      const id = byCode.get(pu.code);
      if (id === undefined || !scopeSet.has(id)) continue;
      own.set(id, { valid: pu.valid, digitized: pu.digitized });
      procedureCells.set(id, new Map(Object.entries(pu.procedures).map(([code, [valid, digitized]]) => [code, { valid, digitized }])));
      packageAt.set(id, p.at);
    }
  return { snap, scope, byId, subtree, inScope, scopeSet, own, procedureCells, packageAt, packages };
}

export function coverageReport(db: Db, at: string, scopeUnitId: number | null): CoverageReport {
  const { snap, scope, own, procedureCells, packageAt, packages } = consolidated(db, at, scopeUnitId);
  const procedureNames = new Map((db.prepare('SELECT code, name FROM procedures').all() as { code: string; name: string }[]).map((p) => [p.code, p.name]));
  const parts = { at, scopeUnitId, scope, own, procedureCells, packageAt, procedureNames, handled: snap.handled, targets: targetsFor(db, Number(at.slice(0, 4))) };
  return {
    ...assembleReport(parts),
    unresolved: unresolvedRows(snap, scopeUnitId),
    packages: packages.map((p) => ({ unitCode: p.unitCode, unitName: p.unitName, at: p.at, createdAt: p.createdAt })),
  };
}

/** Results of old units split by a partial merge whose new unit is not known yet, under the scope (units from the snapshot: no query per drill-down). */
function unresolvedRows(snap: Pick<Snapshot, 'unresolved' | 'allUnits'>, scopeUnitId: number | null) {
  if (!snap.unresolved.size) return [];
  const allUnits = new Map(snap.allUnits.map((u) => [u.id, u]));
  const underScope = (id: number): boolean => {
    if (scopeUnitId === null) return true;
    for (let cur = allUnits.get(id); cur; cur = cur.parentId ? allUnits.get(cur.parentId) : undefined) if (cur.id === scopeUnitId) return true;
    return false;
  };
  return [...snap.unresolved].filter(([id]) => underScope(id)).map(([unitId, f]) => ({ unitId, code: allUnits.get(unitId)!.code, name: allUnits.get(unitId)!.name, ...f }));
}

/** Month-end figures for the scope's whole subtree, January to `at`, with each month's target for the scope's level. */
export function coverageTrend(db: Db, at: string, scopeUnitId: number | null) {
  return monthEnds(at).map((day) => {
    const r = coverageReport(db, day, scopeUnitId);
    const roots = r.units.filter((u) => (scopeUnitId === null ? !r.units.some((p) => p.id === u.parentId) : u.id === scopeUnitId));
    const f = roots.reduce((t, u) => ({ valid: t.valid + u.total.valid, digitized: t.digitized + u.total.digitized }), { valid: 0, digitized: 0 });
    const level = r.scope?.level ?? 'province';
    return { month: day.slice(0, 7), at: day, ...f, rate: rate(f), target: targetsFor(db, Number(day.slice(0, 4)))[level] };
  });
}
