// Turns a snapshot into what a unit head reads: levels against targets, every unit with its
// rate, gap and "needed", the lagging lists, procedures, Decision 766, and figures that
// children sent up in coverage packages.
import type { Level } from '../../shared/roles';
import { LEVELS } from '../../shared/roles';
import type { Db } from '../archive/db';
import { latestPackages } from './received-packages';
import { snapshot, total, type Figures } from './snapshot';
import { needed, targetsFor } from './targets';
import { monthEnds } from './dates';

const rate = (f: Figures) => (f.valid === 0 ? 0 : f.digitized / f.valid);

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  level: Level;
  parentId: number | null;
  parentCode: string | null;
  valid: number;
  digitized: number;
  rate: number;
  target: number | null;
  met: boolean | null;
  needed: number;
  /** The unit and every unit below it. */
  total: Figures & { rate: number };
  /** When the figures came from a child's coverage package: that package's date. */
  packageAt: string | null;
}

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
  const byId = new Map(snap.units.map((u) => [u.id, u]));
  const children = new Map<number | null, number[]>();
  for (const u of snap.units) {
    const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u.id]);
  }
  const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  const inScope = scopeUnitId === null ? snap.units.map((u) => u.id) : byId.has(scopeUnitId) ? subtree(scopeUnitId) : [];
  const scopeSet = new Set(inScope);
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
  return { snap, byId, subtree, inScope, scopeSet, own, procedureCells, packageAt, packages };
}

export function coverageReport(db: Db, at: string, scopeUnitId: number | null): CoverageReport {
  const { snap, byId, subtree, inScope, scopeSet, own, procedureCells, packageAt, packages } = consolidated(db, at, scopeUnitId);
  const targets = targetsFor(db, Number(at.slice(0, 4)));

  const sumOver = (ids: number[]) => ids.reduce((t, id) => ({ valid: t.valid + own.get(id)!.valid, digitized: t.digitized + own.get(id)!.digitized }), { valid: 0, digitized: 0 });
  const units: UnitRow[] = inScope.map((id) => {
    const u = byId.get(id)!;
    const f = own.get(id)!;
    const target = targets[u.level];
    const t = sumOver(subtree(id).filter((x) => scopeSet.has(x)));
    return {
      id,
      code: u.code,
      name: u.name,
      level: u.level,
      parentId: u.parentId,
      parentCode: u.parentId !== null ? (byId.get(u.parentId)?.code ?? null) : null,
      valid: f.valid,
      digitized: f.digitized,
      rate: rate(f),
      target,
      met: target === null ? null : rate(f) >= target - 1e-12,
      needed: needed(f.valid, f.digitized, target),
      total: { ...t, rate: rate(t) },
      packageAt: packageAt.get(id) ?? null,
    };
  });

  const levels = LEVELS.map((level) => {
    const f = sumOver(units.filter((u) => u.level === level).map((u) => u.id));
    const target = targets[level];
    return { level, target, ...f, rate: rate(f), met: target === null ? null : rate(f) >= target - 1e-12 };
  }).filter((l) => units.some((u) => u.level === l.level));

  const procedures = procedureRows(db, inScope, procedureCells);
  const unresolved = unresolvedRows(db, snap, scopeUnitId);

  const h = inScope.reduce((t, id) => ({ valid: t.valid + (snap.handled.get(id)?.valid ?? 0), digitized: t.digitized + (snap.handled.get(id)?.digitized ?? 0) }), { valid: 0, digitized: 0 });
  const scopeUnit = scopeUnitId !== null ? byId.get(scopeUnitId) : undefined;
  return {
    at,
    scope: scopeUnit ? { id: scopeUnit.id, code: scopeUnit.code, name: scopeUnit.name, level: scopeUnit.level } : null,
    levels,
    units,
    procedures,
    unresolved,
    decision766: { handled: h.valid, withElectronicResult: h.digitized, rate: rate(h) },
    packages: packages.map((p) => ({ unitCode: p.unitCode, unitName: p.unitName, at: p.at, createdAt: p.createdAt })),
  };
}

/** The procedures' figures summed over the units in scope, largest first. */
function procedureRows(db: Db, inScope: number[], procedureCells: Map<number, Map<string, Figures>>) {
  const names = new Map((db.prepare('SELECT code, name FROM procedures').all() as { code: string; name: string }[]).map((p) => [p.code, p.name]));
  const procs = new Map<string, Figures>();
  for (const id of inScope)
    for (const [code, f] of procedureCells.get(id)!) {
      const t = procs.get(code) ?? { valid: 0, digitized: 0 };
      procs.set(code, { valid: t.valid + f.valid, digitized: t.digitized + f.digitized });
    }
  return [...procs]
    .map(([code, f]) => ({ code, name: names.get(code) ?? (code ? code : 'Không rõ thủ tục'), ...f, rate: rate(f) }))
    .sort((a, b) => b.valid - a.valid);
}

/** Results of old units split by a partial merge whose new unit is not known yet, under the scope. */
function unresolvedRows(db: Db, snap: { unresolved: Map<number, Figures> }, scopeUnitId: number | null) {
  const allUnits = new Map((db.prepare('SELECT id, code, name, parent_id parentId FROM units').all() as { id: number; code: string; name: string; parentId: number | null }[]).map((u) => [u.id, u]));
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
