import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canSeeUnit, unitSubtree, visibleUnits } from '../../../electron/accounts/scope';
import { openDatabase } from '../../../electron/archive/db';
import { tempDir } from '../../helpers';

describe('scope', () => {
  const db = openDatabase(path.join(tempDir(), 's.sqlite'));
  const add = (code: string, level: string, parent: number | null) =>
    Number(db.prepare('INSERT INTO units(code, name, level, parent_id) VALUES (?, ?, ?, ?)').run(code, code, level, parent).lastInsertRowid);
  const province = add('38', 'province', null);
  const district = add('402', 'district', province);
  const communeA = add('16222', 'commune', district);
  const communeB = add('16219', 'commune', district);
  const otherDistrict = add('403', 'district', province);

  it('a unit head sees the units below; staff only their own; an admin all', () => {
    expect(unitSubtree(db, district).sort()).toEqual([district, communeA, communeB].sort());
    expect(visibleUnits(db, { role: 'unit_head', unitId: district })!.sort()).toEqual([district, communeA, communeB].sort());
    expect(visibleUnits(db, { role: 'records_staff', unitId: communeA })).toEqual([communeA]);
    expect(visibleUnits(db, { role: 'signing_officer', unitId: communeA })).toEqual([communeA]);
    expect(visibleUnits(db, { role: 'admin', unitId: communeA })).toBeNull();
  });

  it('checks one unit, and nobody but an admin sees unassigned documents', () => {
    expect(canSeeUnit(db, { role: 'unit_head', unitId: district }, communeB)).toBe(true);
    expect(canSeeUnit(db, { role: 'unit_head', unitId: district }, otherDistrict)).toBe(false);
    expect(canSeeUnit(db, { role: 'records_staff', unitId: communeA }, communeB)).toBe(false);
    expect(canSeeUnit(db, { role: 'unit_head', unitId: province }, null)).toBe(false);
    expect(canSeeUnit(db, { role: 'admin', unitId: communeA }, null)).toBe(true);
  });
});
