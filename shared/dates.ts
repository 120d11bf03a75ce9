// Dates as people write them (dd/mm/yyyy) and as the archive stores them (ISO yyyy-mm-dd).
// Shared by the core, which enforces the rule, and the screens, which only show dd/mm/yyyy.

/** The ISO date for "12/03/2021", "12-3-2021", "12.03.2021" or "2021-03-12"; null if it is not a real date. */
export function toIsoDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "12/03/2021" for "2021-03-12" (and for an ISO date-time, its date); text that is no ISO date is returned as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
