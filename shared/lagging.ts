// How the provincial and district letters sort units: at 0%, below target, target met.
// One place for the dashboard and every export.
import type { CoverageUnit } from './contract';

export interface Lagging {
  /** Results to digitize, none digitized. */
  zero: CoverageUnit[];
  /** Some digitized, still under the target. */
  below: CoverageUnit[];
  met: CoverageUnit[];
  /** No valid result at the date: nothing to judge. */
  none: CoverageUnit[];
}

export function lagging(units: CoverageUnit[]): Lagging {
  const out: Lagging = { zero: [], below: [], met: [], none: [] };
  for (const u of [...units].sort((a, b) => a.rate - b.rate || b.valid - a.valid)) {
    if (u.valid === 0) out.none.push(u);
    else if (u.digitized === 0) out.zero.push(u);
    else if (u.met === false) out.below.push(u);
    else out.met.push(u);
  }
  return out;
}

/** 0.201 → "20,1%" (Vietnamese) or "20.1%" with locale 'en-GB'. */
export const percent = (x: number, locale = 'vi-VN') => `${(Math.round(x * 1000) / 10).toLocaleString(locale)}%`;
