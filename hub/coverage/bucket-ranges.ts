// Which delta buckets add up to the figures at a date, read from the cheaper side: the years
// before, then either the months before this one or this year's bucket minus the months after,
// then either the days of this month up to the date or the month's bucket minus the days after.
// Every grain holds the same events, so both sides give the same sum; the far side of a month
// costs at most 15 days and of a year at most 6 months, instead of 30 days and 11 months.

export interface BucketRange {
  grain: 'y' | 'm' | 'd';
  /** Buckets from `from` (inclusive) to `to` (exclusive), ISO dates. */
  from: string;
  to: string;
  sign: 1 | -1;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The ranges for `at`; "handled this year" counts only buckets from the year's first day (`yearStart`). */
export function bucketRanges(at: string): { yearStart: string; ranges: BucketRange[] } {
  const [y, m, d] = at.split('-').map(Number);
  const yearStart = iso(y, 1, 1);
  const nextYear = iso(y + 1, 1, 1);
  const monthStart = iso(y, m, 1);
  const nextMonth = iso(y, m + 1, 1);
  const monthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const monthsBack = 1 + (12 - m) < m - 1;
  const daysBack = 1 + (monthDays - d) <= d;
  const dayAfter = iso(y, m, d + 1);
  const ranges: BucketRange[] = [{ grain: 'y', from: '0001-01-01', to: yearStart, sign: 1 }];
  if (monthsBack) {
    ranges.push({ grain: 'y', from: yearStart, to: nextYear, sign: 1 });
    ranges.push({ grain: 'm', from: daysBack ? nextMonth : monthStart, to: nextYear, sign: -1 });
  } else {
    ranges.push({ grain: 'm', from: yearStart, to: daysBack ? nextMonth : monthStart, sign: 1 });
  }
  if (daysBack) ranges.push({ grain: 'd', from: dayAfter, to: nextMonth, sign: -1 });
  else ranges.push({ grain: 'd', from: monthStart, to: dayAfter, sign: 1 });
  return { yearStart, ranges: ranges.filter((r) => r.from < r.to) };
}
