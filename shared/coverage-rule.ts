// The coverage rule, written once for the desk and the hub: when a result is valid at a date,
// which unit it counts for after the 2025 merges, and how many more are needed for a target.
// A result is valid at D when issued on or before D, not expired before D (valid until ≥ D,
// or no expiry) and not revoked by D; it counts as digitized from the day it was marked.

export interface RegisterDates {
  issuedOn: string;
  validUntil: string | null;
  revokedOn: string | null;
  digitizedOn: string | null;
}

export const isValidAt = (r: RegisterDates, at: string) => r.issuedOn <= at && (r.validUntil === null || r.validUntil >= at) && (r.revokedOn === null || r.revokedOn > at);
export const isDigitizedAt = (r: RegisterDates, at: string) => r.digitizedOn !== null && r.digitizedOn <= at;

export interface Figures {
  valid: number;
  digitized: number;
}

export const rateOf = (f: Figures) => (f.valid === 0 ? 0 : f.digitized / f.valid);

/** Smallest n with (digitized + n) / valid ≥ target; 0 when there is nothing to reach. */
export function needed(valid: number, digitized: number, target: number | null): number {
  if (target === null || valid === 0) return 0;
  // a tiny tolerance so 0.3 × 10 counts as 3, not 3.0000000000000004
  return Math.max(0, Math.ceil(target * valid - 1e-9) - digitized);
}

export interface UnitNode {
  id: number;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface Successor {
  unitId: number;
  successorId: number;
  kind: 'full' | 'partial';
}

export const unitValidAt = (u: { validFrom: string | null; validTo: string | null }, at: string) => (!u.validFrom || u.validFrom <= at) && (!u.validTo || u.validTo >= at);

/**
 * Resolves the unit a result counts for at a date: the unit itself while it exists; after a
 * full merge its successor; after a partial merge the holder's new commune (or the admin's
 * choice) when that is one of the successors, else unresolved (null); a unit ended with no
 * successor (a district in 2025) hands its results to its nearest ancestor still valid.
 */
export function makeResolver(units: UnitNode[], successors: Successor[], at: string) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const next = new Map<number, Successor[]>();
  for (const s of successors) next.set(s.unitId, [...(next.get(s.unitId) ?? []), s]);
  const resolve = (unitId: number, holderUnitId: number | null, depth = 0): number | null => {
    const u = byId.get(unitId);
    if (!u || depth > 10) return null;
    if (unitValidAt(u, at)) return unitId;
    const succ = next.get(unitId) ?? [];
    if (succ.length === 1 && succ[0].kind === 'full') return resolve(succ[0].successorId, holderUnitId, depth + 1);
    if (succ.length > 0) {
      const pick = succ.find((s) => s.successorId === holderUnitId);
      return pick ? resolve(pick.successorId, holderUnitId, depth + 1) : null;
    }
    return u.parentId ? resolve(u.parentId, holderUnitId, depth + 1) : null;
  };
  return resolve;
}
