// The dashboard reads the delta buckets from the cheaper side of the month and the year; for any
// date the signed ranges must count exactly the events up to that date (and, for "handled this
// year", those from the year's first day), with no more than 6 months and 15 days read.
import { describe, expect, it } from 'vitest';
import { bucketRanges } from '../../../hub/coverage/bucket-ranges';
import { rng } from '../../../electron/coverage/demo-register';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('bucketRanges', () => {
  it('sums to the events up to the date, for every day of four years', () => {
    const rand = rng(3);
    const start = Date.parse('2018-01-01');
    const events = Array.from({ length: 4000 }, () => ({ day: iso(start + Math.floor(rand() * 13 * 365) * DAY), n: 1 + Math.floor(rand() * 5) }));
    const buckets = new Map<string, number>();
    const add = (k: string, n: number) => buckets.set(k, (buckets.get(k) ?? 0) + n);
    for (const e of events) {
      add(`y|${e.day.slice(0, 4)}-01-01`, e.n);
      add(`m|${e.day.slice(0, 7)}-01`, e.n);
      add(`d|${e.day}`, e.n);
    }
    for (let t = Date.parse('2021-01-01'); t < Date.parse('2025-01-01'); t += DAY) {
      const at = iso(t);
      const { yearStart, ranges } = bucketRanges(at);
      let all = 0;
      let year = 0;
      for (const [k, n] of buckets) {
        const [g, b] = k.split('|');
        for (const r of ranges)
          if (r.grain === g && b >= r.from && b < r.to) {
            all += r.sign * n;
            if (b >= yearStart) year += r.sign * n;
          }
      }
      expect(all, at).toBe(events.filter((e) => e.day <= at).reduce((s, e) => s + e.n, 0));
      expect(year, at).toBe(events.filter((e) => e.day <= at && e.day >= yearStart).reduce((s, e) => s + e.n, 0));
      const months = ranges.filter((r) => r.grain === 'm').reduce((s, r) => s + (Number(r.to.slice(0, 4)) * 12 + Number(r.to.slice(5, 7)) - Number(r.from.slice(0, 4)) * 12 - Number(r.from.slice(5, 7))), 0);
      const days = ranges.filter((r) => r.grain === 'd').reduce((s, r) => s + (Date.parse(r.to) - Date.parse(r.from)) / DAY, 0);
      expect(months, at).toBeLessThanOrEqual(7);
      expect(days, at).toBeLessThanOrEqual(15);
    }
  });
});
