// Dates as the one-stop systems export them: ISO (2021-04-19), Vietnamese dd/mm/yyyy
// (19/04/2021, 19-4-2021, 19.04.2021), or a spreadsheet date already turned into ISO.

/** ISO date, null for an empty cell, or undefined when the text is not a real date. */
export function parseDate(raw: string): string | null | undefined {
  const s = raw.trim();
  if (!s) return null;
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if (/^\d{5}$/.test(s)) return excelSerial(Number(s));
  else return undefined;
  // checked by hand rather than through Date: a register import parses millions of these
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1900) return undefined;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const daysIn = (y: number, m: number) => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Excel's day count from 1899-12-30, for date cells exported as plain numbers. */
function excelSerial(n: number): string | undefined {
  if (n < 20000 || n > 80000) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + n * 86400000).toISOString().slice(0, 10);
}

export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The last day of each month from January of `at`'s year up to `at` itself. */
export function monthEnds(at: string): string[] {
  const [y, m] = at.split('-').map(Number);
  const out: string[] = [];
  for (let i = 1; i <= m; i++) {
    const end = new Date(Date.UTC(y, i, 0)).toISOString().slice(0, 10);
    out.push(end < at ? end : at);
  }
  return out;
}
