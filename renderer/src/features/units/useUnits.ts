import { useCallback, useEffect, useState } from 'react';
import type { Unit } from '../../../../shared/contract';
import { call } from '../../api/bridge';

/** All units, reloadable; with helpers for labels and a unit's subtree. */
export function useUnits() {
  const [units, setUnits] = useState<Unit[]>([]);
  const reload = useCallback(() => call('units.list', {}).then(setUnits), []);
  useEffect(() => void reload().catch(() => setUnits([])), [reload]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const subtree = (rootId: number): Unit[] => {
    const out: Unit[] = [];
    const walk = (id: number) => {
      const u = byId.get(id);
      if (!u) return;
      out.push(u);
      units.filter((c) => c.parentId === id).forEach((c) => walk(c.id));
    };
    walk(rootId);
    return out;
  };
  return { units, byId, reload, subtree };
}
