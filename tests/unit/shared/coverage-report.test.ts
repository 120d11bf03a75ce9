import { describe, expect, it } from 'vitest';
import { assembleReport, scopeOf } from '../../../shared/coverage-report';

const units = [
  { id: 1, code: '38', name: 'Tỉnh Thanh Hóa', level: 'province' as const, parentId: null },
  { id: 2, code: '402', name: 'Huyện Như Xuân', level: 'district' as const, parentId: 1 },
];

describe('a level or unit with no valid result', () => {
  it('is neither met nor missed: 0 of 0 is nothing to judge', () => {
    const r = assembleReport({
      at: '2026-12-01',
      scopeUnitId: null,
      scope: scopeOf(units, null),
      own: new Map([[1, { valid: 4, digitized: 1 }]]),
      procedureCells: new Map(),
      targets: { province: 0.5, district: 0.15, commune: 0.1 },
      procedureNames: new Map(),
      handled: new Map(),
    });
    expect(r.levels.find((l) => l.level === 'district')).toMatchObject({ valid: 0, digitized: 0, rate: 0, met: null });
    expect(r.units.find((u) => u.code === '402')).toMatchObject({ met: null, needed: 0 });
    expect(r.levels.find((l) => l.level === 'province')).toMatchObject({ met: false });
  });
});
