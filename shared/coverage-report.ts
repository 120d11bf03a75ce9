// What a unit head reads, assembled from per-unit figures the same way on the desk (from its
// in-memory register columns) and on the hub (from PostgreSQL's coverage deltas): levels against
// targets, every unit with its rate, gap and "needed", procedures, and Decision 766.
import { LEVELS, type Level } from './roles';
import { needed, rateOf, type Figures } from './coverage-rule';

export interface ReportUnit {
  id: number;
  code: string;
  name: string;
  level: Level;
  parentId: number | null;
}

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

export interface Scope<U extends ReportUnit = ReportUnit> {
  byId: Map<number, U>;
  subtree: (id: number) => number[];
  inScope: number[];
  scopeSet: Set<number>;
}

/** The units in a scope (a unit and everything below it, or all units for null), from the units valid at a date. */
export function scopeOf<U extends ReportUnit>(units: U[], scopeUnitId: number | null): Scope<U> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<number | null, number[]>();
  for (const u of units) {
    const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u.id]);
  }
  const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  const inScope = scopeUnitId === null ? units.map((u) => u.id) : byId.has(scopeUnitId) ? subtree(scopeUnitId) : [];
  return { byId, subtree, inScope, scopeSet: new Set(inScope) };
}

export interface ReportParts {
  at: string;
  scopeUnitId: number | null;
  scope: Scope;
  /** Own figures per unit in scope. */
  own: Map<number, Figures>;
  /** Own figures per unit and procedure code ('' for none). */
  procedureCells: Map<number, Map<string, Figures>>;
  packageAt?: Map<number, string>;
  targets: Record<Level, number | null>;
  procedureNames: Map<string, string>;
  /** Decision 766: results issued this year up to the date, and how many of them are digitized, per unit. */
  handled: Map<number, Figures>;
}

// nothing to judge without a valid result: 0 of 0 is neither met nor missed
const met = (f: Figures, target: number | null) => (target === null || f.valid === 0 ? null : rateOf(f) >= target - 1e-12);

export function assembleReport(p: ReportParts) {
  const { byId, subtree, inScope, scopeSet } = p.scope;
  const ownOf = (id: number) => p.own.get(id) ?? { valid: 0, digitized: 0 };
  const sumOver = (ids: number[]) => ids.reduce((t, id) => ({ valid: t.valid + ownOf(id).valid, digitized: t.digitized + ownOf(id).digitized }), { valid: 0, digitized: 0 });
  const units: UnitRow[] = inScope.map((id) => {
    const u = byId.get(id)!;
    const f = ownOf(id);
    const target = p.targets[u.level];
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
      rate: rateOf(f),
      target,
      met: met(f, target),
      needed: needed(f.valid, f.digitized, target),
      total: { ...t, rate: rateOf(t) },
      packageAt: p.packageAt?.get(id) ?? null,
    };
  });
  const levels = LEVELS.map((level) => {
    const f = sumOver(units.filter((u) => u.level === level).map((u) => u.id));
    const target = p.targets[level];
    return { level, target, ...f, rate: rateOf(f), met: met(f, target) };
  }).filter((l) => units.some((u) => u.level === l.level));
  const h = inScope.reduce((t, id) => ({ valid: t.valid + (p.handled.get(id)?.valid ?? 0), digitized: t.digitized + (p.handled.get(id)?.digitized ?? 0) }), { valid: 0, digitized: 0 });
  const scopeUnit = p.scopeUnitId !== null ? byId.get(p.scopeUnitId) : undefined;
  return {
    at: p.at,
    scope: scopeUnit ? { id: scopeUnit.id, code: scopeUnit.code, name: scopeUnit.name, level: scopeUnit.level } : null,
    levels,
    units,
    procedures: procedureRows(inScope, p.procedureCells, p.procedureNames),
    decision766: { handled: h.valid, withElectronicResult: h.digitized, rate: rateOf(h) },
  };
}

/** The procedures' figures summed over the units in scope, largest first. */
function procedureRows(inScope: number[], cells: Map<number, Map<string, Figures>>, names: Map<string, string>) {
  const procs = new Map<string, Figures>();
  for (const id of inScope)
    for (const [code, f] of cells.get(id) ?? []) {
      const t = procs.get(code) ?? { valid: 0, digitized: 0 };
      procs.set(code, { valid: t.valid + f.valid, digitized: t.digitized + f.digitized });
    }
  return [...procs]
    .map(([code, f]) => ({ code, name: names.get(code) ?? (code ? code : 'Không rõ thủ tục'), ...f, rate: rateOf(f) }))
    .sort((a, b) => b.valid - a.valid || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Sums each unit's procedure cells into its own figures. */
export function totalOf(m: Map<string, Figures> | undefined): Figures {
  const t = { valid: 0, digitized: 0 };
  for (const f of m?.values() ?? []) {
    t.valid += f.valid;
    t.digitized += f.digitized;
  }
  return t;
}
