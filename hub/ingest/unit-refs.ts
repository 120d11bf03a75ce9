// Units as a desk names them (code + validity start), resolved once per batch and checked
// against the desk's scope: its own unit and every unit below it.
import type { HubUnitRef } from '../../shared/hub-protocol';
import type { Client } from '../db/pool';
import { findUnit, subtreeIds, type HubUnit } from '../units/units';
import type { Desk } from './desk-auth';
import { refuse } from './refusal';

export async function unitResolver(c: Client, desk: Desk) {
  const scope = await subtreeIds(c, desk.unitId);
  const cache = new Map<string, HubUnit | null>();
  const find = async (ref: HubUnitRef) => {
    const k = `${ref.code}|${ref.validFrom ?? ''}`;
    if (!cache.has(k)) cache.set(k, await findUnit(c, ref.code, ref.validFrom));
    return cache.get(k)!;
  };
  return {
    scope,
    find,
    /** The unit, or a refusal when the hub does not know it or it lies outside the desk's scope. */
    async inScope(ref: HubUnitRef): Promise<HubUnit> {
      const u = await find(ref);
      if (!u) throw refuse(422, 'UNIT_UNKNOWN', `mã ${ref.code}`);
      if (!scope.has(u.id)) throw refuse(403, 'OUT_OF_SCOPE', `đơn vị ${u.code} ${u.name}`);
      return u;
    },
    /** The unit, or null when unknown (a holder's commune may lie anywhere, or be missing). */
    async optional(ref: HubUnitRef | null): Promise<HubUnit | null> {
      return ref ? find(ref) : null;
    },
  };
}

export type UnitResolver = Awaited<ReturnType<typeof unitResolver>>;
