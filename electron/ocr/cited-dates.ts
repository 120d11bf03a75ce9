// The dates of the documents a text cites ("Quyết định số 412/QĐ-UB ngày 12 tháng 5 năm 1987",
// "Kế hoạch số 2317/KH-BTC ngày 09/4/2024"). A document can cite only what was issued before it,
// so the latest of them bounds its own date from below. Only a citation with a number and symbol
// counts, in running text, read surely and not after today: a stamp is dated after issue (a
// receipt stamp's "Số: 327 Ngày: 05/5", a copy's "SAO Y … Số: 45/SY-VP ngày …"), a deadline
// "trước ngày 31/12" names no document.
import { foldVietnamese } from '../archive/text';
import { isoDate, isStamp, validDate, type Segment } from './field-layout';
import { vietnamDate } from './signature-evidence';

/** how surely each digit word of a cited date must be read: a misread citation would doubt a right date */
const SURE = 90;
const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[.,;:)]*$/;

const f = (s: string) => foldVietnamese(s).replace(/[^a-z0-9/]/g, '');

const iso = (y: number, m: number, d: number) => (validDate(y, m, d) ? isoDate(y, m, d) : null);

/** The date after "ngày" at word `i`: "18/6/2015" or "18 tháng 9 năm 1986", every digit read surely. */
function dateAt(words: Segment['words'], i: number): string | null {
  const w = words[i];
  const one = w && DAY_MONTH_YEAR.exec(w.text);
  if (one) return w.conf >= SURE ? iso(Number(one[3]), Number(one[2]), Number(one[1])) : null;
  const [d, t, m, n, y] = words.slice(i, i + 5);
  if (!y || f(t.text) !== 'thang' || f(n.text) !== 'nam') return null;
  const digits = [d, m, y].map((x) => /^(\d{1,4})[.,;:)]*$/.exec(x.text));
  if (digits.some((x) => !x) || [d, m, y].some((x) => x.conf < SURE)) return null;
  return iso(Number(digits[2]![1]), Number(digits[1]![1]), Number(digits[0]![1]));
}

/** the text before "ngày" ends in a number and symbol: "số 412/QĐ-UB", "412 / QĐ-UB", "27/2019/NQ-HĐND" */
const ENDS_IN_NUMBER_SYMBOL = /(^|\s)\d{1,5}\s?\/\s?(\d{4}\/)?(\p{L}[\p{L}\d()-]*)$/u;
/** a copy's own number ("45/SY-VP": sao y, sao lục, trích sao), dated when the copy was made */
const COPY_SYMBOL = /^(SY|SL|TSa|TS)\b/i;

/** Is what stands just before `ngày` (its three words) another document's number and symbol? */
function citesDocument(words: Segment['words'], ngay: number): boolean {
  const before = words
    .slice(Math.max(0, ngay - 3), ngay)
    .map((w) => w.text)
    .join(' ')
    .replace(/[.,;]+$/, '');
  const m = ENDS_IN_NUMBER_SYMBOL.exec(before);
  return !!m && !COPY_SYMBOL.test(m[3]);
}

/** The latest date of a document the segments cite, or null. */
export function latestCitedDate(segs: Segment[], today = new Date()): string | null {
  const now = vietnamDate(today.toISOString())!;
  let latest: string | null = null;
  for (const s of segs) {
    if (isStamp(s.text)) continue;
    const words = s.words;
    for (let i = 1; i < words.length - 1; i++) {
      // "Ngày:" is a stamp's label, not running text
      if (!/^ngay$/.test(f(words[i].text)) || words[i].text.endsWith(':') || !citesDocument(words, i)) continue;
      const d = dateAt(words, i + 1);
      // a cited date after today is a misreading, and would rule out every date
      if (d && d <= now && (!latest || d > latest)) latest = d;
    }
  }
  return latest;
}
