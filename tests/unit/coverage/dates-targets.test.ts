import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/archive/db';
import { monthEnds, parseDate } from '../../../electron/coverage/dates';
import { needed, setTarget, targetsFor } from '../../../electron/coverage/targets';
import { tempDir } from '../../helpers';

describe('parseDate', () => {
  it('reads ISO, dd/mm/yyyy with / - . separators, and Excel day numbers', () => {
    expect(['2021-04-19', '19/04/2021', '19-4-2021', '19.04.2021', '2021-04-19T00:00:00.000Z', '44305'].map(parseDate)).toEqual(Array(6).fill('2021-04-19'));
  });
  it('gives null for empty and undefined for impossible dates', () => {
    expect(parseDate('  ')).toBeNull();
    expect([parseDate('31/02/2021'), parseDate('2021-13-01'), parseDate('hôm qua'), parseDate('04/19/2021')]).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('lists month ends up to the date', () => {
    expect(monthEnds('2021-03-15')).toEqual(['2021-01-31', '2021-02-28', '2021-03-15']);
  });
});

describe('targets', () => {
  it('"needed" is the smallest n with (digitized + n) / valid ≥ target', () => {
    expect(needed(10, 0, 0.3)).toBe(3);
    expect(needed(10, 3, 0.3)).toBe(0);
    expect(needed(7, 1, 0.15)).toBe(1); // 2/7 = 28.6% ≥ 15%; 1/7 = 14.3% is not
    expect(needed(7, 0, 0.15)).toBe(2);
    expect(needed(3, 0, 0.2)).toBe(1);
    expect(needed(0, 0, 0.3)).toBe(0);
    expect(needed(5, 5, 0.3)).toBe(0);
    expect(needed(5, 0, null)).toBe(0);
    for (let valid = 1; valid < 60; valid++)
      for (const t of [0.15, 0.2, 0.3, 0.8]) {
        const n = needed(valid, 0, t);
        expect(n / valid).toBeGreaterThanOrEqual(t - 1e-12);
        if (n > 0) expect((n - 1) / valid).toBeLessThan(t);
      }
  });
  it('are per year and level, a year without its own keeping the latest earlier one', () => {
    const db = openDatabase(path.join(tempDir(), 't.sqlite'));
    expect(targetsFor(db, 2020)).toEqual({ province: null, district: null, commune: null });
    expect(targetsFor(db, 2021)).toEqual({ province: 0.3, district: 0.2, commune: 0.15 });
    setTarget(db, 2024, 'commune', 0.8);
    expect(targetsFor(db, 2023).commune).toBe(0.15);
    expect(targetsFor(db, 2024)).toEqual({ province: 0.3, district: 0.2, commune: 0.8 });
    expect(targetsFor(db, 2026).commune).toBe(0.8);
  });
});
