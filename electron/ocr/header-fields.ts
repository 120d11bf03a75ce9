// The header's fields: the number and symbol ("Số: 1147/UBND-VP"), the issuing body above it,
// the place and date in the right column, and the type from the centred title or the symbol.
import { foldVietnamese } from '../archive/text';
import { CONG_VAN, DOCUMENT_TYPES } from '../../shared/document-fields';
import { fold, isoDate, isUpper, letters, NONE, validDate, type Fields, type Layout, type Segment } from './field-layout';
import { latestCitedDate } from './cited-dates';
import { parseNumberLine } from './number-line';
import { vietnamDate } from './signature-evidence';
import { damagedCapitals } from './spelling';
import { isVvLine } from './subject-field';
import { editDistance, snapAgency } from './vocabulary';

const TYPE_BY_FOLDED_NAME = new Map(DOCUMENT_TYPES.map(([, name]) => [foldVietnamese(name), name]));
const TYPE_BY_ABBR = new Map(DOCUMENT_TYPES.map(([abbr, name]) => [abbr.toUpperCase(), name]));
/** the abbreviations by their spelling without accents and bars, where that spelling is one abbreviation's only (QD: QĐ; not HD: HD and HĐ) */
const ABBR_BY_FOLDED = (() => {
  const by = new Map<string, string[]>();
  for (const [abbr] of DOCUMENT_TYPES) {
    const k = foldVietnamese(abbr).toUpperCase();
    by.set(k, [...(by.get(k) ?? []), abbr]);
  }
  return new Map([...by].filter(([k, all]) => all.length === 1 && !TYPE_BY_ABBR.has(k)).map(([k, all]) => [k, all[0]]));
})();
const TYPE_BY_SQUEEZED = new Map(DOCUMENT_TYPES.map(([, name]) => [foldVietnamese(name).replace(/\s+/g, '').toUpperCase(), name]));

/** below review's 0.6: a number with a mark glued to it, a title that could be read as another type */
const DOUBTFUL = 0.55;

export interface NumberLine {
  fields: Partial<Fields>;
  /** index of the number's segment among the left header segments, or -1 */
  index: number;
  symbol: string | null;
  /** the year the number carries ("12/2021/QĐ-UBND"), which the date's must match */
  year: number | null;
}

/** The number and symbol (number-line.ts reads the line; a draft leaves the number blank). */
export function numberField(L: Layout): NumberLine {
  const index = L.left.findIndex((s) => parseNumberLine(s.text) !== null);
  if (index < 0) return { fields: {}, index, symbol: null, year: null };
  const s = L.left[index];
  const n = parseNumberLine(s.text)!;
  const symbol = repairSymbol(n.symbol);
  const digits = s.words.filter((w) => /\d/.test(w.text) && !/^\/?\p{L}/u.test(w.text));
  const least = digits.length ? Math.min(...digits.map((w) => w.conf)) / 100 : undefined;
  const conf = n.doubtful ? Math.min(least ?? 1, DOUBTFUL) : least;
  return { fields: { number: n.number ? L.norm([s], `${n.number}/${symbol}`, conf) : { ...NONE } }, index, symbol, year: n.year };
}

/** The slash read twice ("/JCT-UBND", "/lQĐ-UBND"): drop the extra stroke when that leaves a known abbreviation. */
function repairSymbol(sym: string): string {
  // a legal document's year stays in front ("2021/QĐ-UBND")
  const year = /^\d{4}\//.exec(sym)?.[0] ?? '';
  const [head, ...rest] = sym.slice(year.length).split('-');
  if (!rest.length || TYPE_BY_ABBR.has(head.toUpperCase())) return sym;
  // "QD-UBND": the Đ read without its bar, where only one abbreviation has that spelling
  const barred = ABBR_BY_FOLDED.get(foldVietnamese(head).toUpperCase());
  if (barred) return year + [barred, ...rest].join('-');
  const cut = head.replace(/^[JlI|1\][]/, '');
  return cut !== head && TYPE_BY_ABBR.has(cut.toUpperCase()) ? year + [cut, ...rest].join('-') : sym;
}

/** The issuing body: the left header lines above the number, without the motto's column. */
export function agencyField(L: Layout, numIdx: number): Partial<Fields> {
  const lines = (numIdx >= 0 ? L.left.slice(0, numIdx) : L.left.slice(0, 3)).filter((s) => isUpper(s.text) && !/^[-_—=.]+$/.test(s.text) && letters(s.text).length >= 2);
  if (!lines.length) return {};
  // a rule or dotted underline read into the line ("_.... BỘ CÔNG AN") is no part of the name
  const read = lines.map((s) => s.text.trim().replace(/^[-_—–.…·,'"`\s]+(?=\p{L})/u, ''));
  const fixed = read.map((t) => snapAgency(t));
  // a word put right from the vocabulary is a guess: the value is only as sure as the worst such line
  let conf = lines.reduce((a, s, i) => a + (fixed[i].changed ? Math.min(s.conf, 0.8) : s.conf), 0) / lines.length;
  // a word no syllable spells, or another speck before the name, is OCR's: a person looks
  const text = fixed.map((x) => x.text).join(' ');
  if (/^[^\p{L}]/u.test(text) || text.split(/\s+/).some(damagedCapitals)) conf = Math.min(conf, DOUBTFUL);
  return { agency: L.norm(lines, text, conf) };
}

// place and date: "Như Xuân, ngày 19 tháng 04 năm 2021" (day left blank in drafts)
// OCR slips on these short words ("thúng" for "tháng"; "phông" on a poor scan): accept near
// spellings, and a word shaped like "tháng" where it stands between the day and the month
const DATE = /^(.*?)[,.]?\s*ng[a-z]{0,2}y\s*(\d{1,2})?\s*(?:th[a-z]{1,4}|[a-z]{2,4}ng)\s*(\d{1,2})\s*n[a-z]{1,2}m\s*(\d{4})/;

export function dateFields(L: Layout, num?: Pick<NumberLine, 'year'>): Partial<Fields> {
  const { norm } = L;
  const found = dateLine(L);
  if (!found) return {};
  const { segs, m } = found;
  const words = segs.flatMap((s) => s.words);
  const out: Partial<Fields> = {};
  const nPlace = m[1].split(/\s+/).filter(Boolean).length;
  const place = words.slice(0, nPlace).map((w) => w.text).join(' ').replace(/[,.]$/, '');
  if (place) out.place = norm(segs, place);
  const [d, mo, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (m[2] && validDate(y, mo, d)) {
    // the date's own words: a speck read into the place before it says nothing of the date
    const own = words.slice(nPlace);
    // a re-read day or month, one the digit reader disagreed with, or a year OCR hardly read, makes the date unsure
    const unsure = own.filter((w) => w.from === 'digits' || (/^\d{1,4}$/.test(w.text) && w.conf < UNSURE_DIGITS));
    // a year read with a digit too many ("năm 19909") was misread: which four are right is a guess
    const longYear = /^\d/.test(fold(segs.map((s) => s.text).join(' ')).slice(m.index + m[0].length));
    const ownConf = own.length ? (own.reduce((a, w) => a + w.conf, 0) / own.length + Math.min(...own.map((w) => w.conf))) / 200 : undefined;
    let conf = longYear ? YEAR_GUESS : unsure.length ? Math.min(...unsure.map((w) => w.conf)) / 100 : ownConf;
    // an impossible date is a misreading: after today, in another year than the number's, after
    // a digital signature whose stamp is printed on the page (signed after issue), or before a
    // document the text cites
    const signed = stampDate(L);
    const cited = latestCitedDate(L.all);
    const possible = (yy: number, mm: number, dd: number) =>
      validDate(yy, mm, dd) && plausibleDate(yy, mm, dd, num?.year ?? null) && (signed === null || isoDate(yy, mm, dd) <= signed) && (cited === null || isoDate(yy, mm, dd) >= cited);
    let iso = isoDate(y, mo, d);
    if (!possible(y, mo, d)) {
      conf = Math.min(conf ?? 1, DOUBTFUL);
      iso = isoDate(...(readingThatFits(own, [y, mo, d], possible) ?? [y, mo, d]));
    }
    out.date = norm(segs, iso, conf);
  }
  return out;
}

/** The place-and-date line: in the right column, else a header line with a comma; "ngày … năm …" may run over two lines. */
function dateLine(L: Layout): { segs: Segment[]; m: RegExpExecArray } | null {
  const test = (segs: Segment[]) => {
    const m = DATE.exec(fold(segs.map((s) => s.text).join(' ')));
    return m ? { segs, m } : null;
  };
  for (const s of L.right) if (DATE.test(fold(s.text))) return test([s]);
  for (const s of L.first) if (/,/.test(s.text) && DATE.test(fold(s.text))) return test([s]);
  // the italic line wrapped ("Như Xuân, ngày 05 tháng 3" / "năm 2021")
  for (let i = 0; i + 1 < L.right.length; i++) {
    const hit = /ng[a-z]{0,2}y/.test(fold(L.right[i].text)) ? test([L.right[i], L.right[i + 1]]) : null;
    if (hit) return hit;
  }
  return null;
}

/** a signing time as a signature's stamp prints it: "03/02/2025 09:41:27", "04.02.2025 15:02:51", "2025-03-11T09:21:40+07:00" */
const STAMP_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})[,;]?$/;
const STAMP_ISO = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}/;

/** what a signature stamp writes before its time: "Thời gian ký:", "Ký ngày", "Ký bởi: …" a line or two above, "Signed" */
const STAMP_LABEL = /thoi gian ky|ngay ky|ky ngay|ky boi|signing time|signed|date:/;

/**
 * The earliest signing day a signature stamp on page 1 prints, read surely (a misread stamp
 * would doubt a right date) and labelled as a stamp labels it (a dated event in the body is not
 * a signing); null if none.
 */
export function stampDate(L: Pick<Layout, 'first'>): string | null {
  const days: string[] = [];
  for (const [k, seg] of L.first.entries()) {
    if (!L.first.slice(Math.max(0, k - 2), k + 1).some((s) => STAMP_LABEL.test(fold(s.text)))) continue;
    for (const [i, w] of seg.words.entries()) {
      if (w.conf < 90) continue;
      const m = STAMP_DATE.exec(w.text);
      const iso = STAMP_ISO.exec(w.text);
      const next = seg.words[i + 1];
      if (m && next && /^\d{1,2}:\d{2}/.test(next.text)) days.push(`${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`);
      else if (iso) days.push(`${iso[1]}-${iso[2]}-${iso[3]}`);
    }
  }
  return days.filter((x) => validDate(Number(x.slice(0, 4)), Number(x.slice(5, 7)), Number(x.slice(8)))).sort()[0] ?? null;
}

/** Not after today where the document was issued (Vietnam, UTC+7), and in the number's year when the number carries one. */
export function plausibleDate(y: number, m: number, d: number, numberYear: number | null, today = new Date()): boolean {
  if (`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` > vietnamDate(today.toISOString())!) return false;
  return numberYear === null || numberYear === y;
}

/**
 * Another reading of a date the document rules out, for review: the day or month another reader
 * read (the word's `alt`), else a year OCR hardly read put one digit right; only when exactly one
 * reading fits.
 */
function readingThatFits(own: Segment['words'], [y, mo, d]: [number, number, number], possible: (y: number, m: number, d: number) => boolean): [number, number, number] | null {
  // the day's, the month's and the year's words, in that order, each holding the value parsed
  const [dayWord, monthWord, yearWord] = own.filter((w) => /^\d/.test(w.text));
  const holds = (w: Segment['words'][number] | undefined, v: number) => !!w && Number(/^\d+/.exec(w.text)![0]) === v;
  if (!holds(dayWord, d) || !holds(monthWord, mo)) return null;
  // another reader's value, when it is another value ("05" is the day "5" read)
  const alt = (w: Segment['words'][number], v: number) => (w.alt && Number(w.alt) !== v ? Number(w.alt) : null);
  const [d2, m2] = [alt(dayWord, d), alt(monthWord, mo)];
  const readers = ([[y, mo, d2], [y, m2, d], [y, m2, d2]] as const).filter((c): c is [number, number, number] => c.every((v) => v !== null) && possible(...(c as [number, number, number])));
  if (readers.length) return readers.length === 1 ? readers[0] : null;
  if (!holds(yearWord, y) || yearWord.conf >= UNSURE_DIGITS) return null;
  const years = yearsOneDigitAway(y).filter((c) => possible(c, mo, d));
  return years.length === 1 ? [years[0], mo, d] : null;
}

/** a day, month or year OCR read under this is unsure */
const UNSURE_DIGITS = 60;

/** The years one digit from `y` ("1990": 1991 … 1999, 1900 … 1980, 2990 …). */
function yearsOneDigitAway(y: number): number[] {
  const s = String(y);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) for (const c of '0123456789') if (c !== s[i] && !(i === 0 && c === '0')) out.push(Number(s.slice(0, i) + c + s.slice(i + 1)));
  return out;
}

/** confidence of a date whose year OCR read with a digit too many */
const YEAR_GUESS = 0.35;

/** The centred title on page 1 under the header. */
export function typeSegment(L: Layout): Segment | null {
  return L.first.find((s) => s.bbox.y0 >= (L.header[0]?.bbox.y0 ?? 0) && isTypeLine(s.text)) ?? null;
}

/** The type: the centred title, else the symbol's abbreviation, else (no abbreviation) a công văn. */
export function typeField(L: Layout, num: NumberLine): Partial<Fields> {
  const seg = typeSegment(L);
  const abbr = num.symbol?.replace(/^\d{4}\//, '').split('-')[0]?.toUpperCase() ?? null;
  const numSeg = num.index >= 0 ? [L.left[num.index]] : [];
  if (seg) {
    const t = typeOf(seg.text)!;
    // a title the closed list names only in part: its first words give the type, which a person confirms
    if (t.compound) return { type: L.norm([seg], t.name, Math.min(seg.conf, DOUBTFUL)) };
    // two types one letter apart (Thông cáo, Thông báo): the symbol's abbreviation settles which, else a person looks
    const near = nearTypes(t.name);
    const byAbbr = abbr ? TYPE_BY_ABBR.get(abbr) : undefined;
    if (near.length && byAbbr && near.includes(byAbbr)) return { type: L.norm([seg], byAbbr, Math.min(seg.conf, DOUBTFUL)) };
    if (near.length && byAbbr !== t.name) return { type: L.norm([seg], t.name, Math.min(seg.conf, DOUBTFUL)) };
    // a title whose letters spell a name of the closed list exactly is at least as sure as one a
    // slip away: the line's confidence, not lowered by its least sure word as free text is
    return { type: L.norm([seg], t.name, t.exact ? seg.conf : Math.min(seg.conf, 0.8)) };
  }
  // a "V/v" subject is a công văn's (Decree 30 App. I): the symbol's head ("CT-…" of a tax office's
  // công văn) does not make it a Chỉ thị
  // the type rests on the V/v line, or on the symbol's letters: a hand-written number beside them says nothing of it
  const vv = L.left.find((s) => isVvLine(s.text));
  if (vv) return { type: L.norm([vv], CONG_VAN) };
  // every type but the công văn prints its title: with none read, the symbol's head is a guess a person confirms
  if (abbr && TYPE_BY_ABBR.has(abbr)) return { type: L.norm(numSeg, TYPE_BY_ABBR.get(abbr)!, Math.min(numSeg[0]?.conf ?? 1, DOUBTFUL)) };
  // no title and no V/v read: a công văn by elimination, which a person confirms
  if (num.symbol) return { type: L.norm(numSeg, CONG_VAN, Math.min(symbolConf(numSeg[0]) ?? 1, DOUBTFUL)) };
  return {};
}

/** How surely the number line's letters (the symbol, "Số") were read, leaving its digits aside. */
function symbolConf(seg: Segment | undefined): number | undefined {
  const lettered = seg?.words.filter((w) => /\p{L}{2}/u.test(w.text) && w.from !== 'digits') ?? [];
  return lettered.length ? lettered.reduce((a, w) => a + w.conf, 0) / lettered.length / 100 : undefined;
}

/** The other types whose names are one letter from this one's (accents and spaces aside). */
export function nearTypes(name: string): string[] {
  const sq = (n: string) => fold(n).replace(/[^a-z]/g, '');
  return [...TYPE_BY_FOLDED_NAME.values()].filter((o) => o !== name && editDistance(sq(o), sq(name)) <= 1);
}

export function isTypeLine(t: string): boolean {
  return isUpper(t.trim()) && typeOf(t) !== null;
}

/**
 * The document type a title names. OCR runs a bold title's letters together ("CHÍTHỊI",
 * "TỜTRÌNH") or doubles a stroke; a title may run on ("QUYẾT ĐỊNH CỦA ỦY BAN …"). Compared
 * without accents and spaces, within one slip for names of six letters or more.
 */
export function typeOf(t: string): { name: string; exact: boolean; compound?: boolean } | null {
  const folded = fold(t);
  const exact = TYPE_BY_FOLDED_NAME.get(folded);
  if (exact) return { name: exact, exact: true };
  const sq = folded.replace(/[^a-z]/g, '').toUpperCase();
  if (!sq) return null;
  const head = folded.replace(/\s+(cua|ve)\s.*$/, '');
  const runOn = TYPE_BY_FOLDED_NAME.get(head);
  if (runOn) return { name: runOn, exact: false };
  for (const [k, name] of TYPE_BY_SQUEEZED) if (sq === k || (k.length >= 6 && Math.abs(sq.length - k.length) <= 1 && editDistance(sq, k) <= 1)) return { name, exact: false };
  // a compound title ("BÁO CÁO TỔNG KẾT", "KẾ HOẠCH LIÊN TỊCH"): the longest name of the closed
  // list that opens it, followed by one to four words (specks and marks after a title are no words)
  const title = folded.trim();
  let opens: { key: string; name: string } | null = null;
  for (const [key, name] of TYPE_BY_FOLDED_NAME) {
    if (!title.startsWith(`${key} `)) continue;
    const more = title.slice(key.length).trim().split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length;
    if (more >= 1 && more <= 4 && (!opens || key.length > opens.key.length)) opens = { key, name };
  }
  return opens ? { name: opens.name, exact: false, compound: true } : null;
}
