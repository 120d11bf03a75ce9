// The header's fields: the number and symbol ("Số: 1147/UBND-VP"), the issuing body above it,
// the place and date in the right column, and the type from the centred title or the symbol.
import { foldVietnamese } from '../archive/text';
import { CONG_VAN, DOCUMENT_TYPES } from '../../shared/document-fields';
import { fold, isUpper, letters, NONE, type Fields, type Layout, type Segment } from './field-layout';
import { damagedCapitals } from './spelling';
import { editDistance, snapAgency } from './vocabulary';

const TYPE_BY_FOLDED_NAME = new Map(DOCUMENT_TYPES.map(([, name]) => [foldVietnamese(name), name]));
const TYPE_BY_ABBR = new Map(DOCUMENT_TYPES.map(([abbr, name]) => [abbr.toUpperCase(), name]));
const TYPE_BY_SQUEEZED = new Map(DOCUMENT_TYPES.map(([, name]) => [foldVietnamese(name).replace(/\s+/g, '').toUpperCase(), name]));

/** below review's 0.6: a number with a mark glued to it, a title that could be read as another type */
const DOUBTFUL = 0.55;

// number and symbol: "Số: 1147/UBND-VP"; a draft leaves the number blank. OCR sometimes
// drops the slash ("45QĐ-UBND"): digits glued to a hyphenated symbol get it back.
// "Sô"/"Sộ" for "Số" (the tone lost or moved) and a mark glued to the number ("249}") are OCR's too
const NUM_LINE = /^[Ss][ốoóồổôộỗòỏọỐÔÓỒỔỘ0]\s*[:.;]?\s*(\d*)([^\s\p{L}\d/]?)\s*(?:\/\s*([\p{L}\d.\-–]+)|(\p{Lu}[\p{L}\d.]*[-–][\p{L}\d.\-–]+))/u;

export interface NumberLine {
  fields: Partial<Fields>;
  /** index of the number's segment among the left header segments, or -1 */
  index: number;
  symbol: string | null;
}

export function numberField(L: Layout): NumberLine {
  const { left, norm } = L;
  // a speck before "Số" reads as a mark ("_Số:")
  const text = (s: Segment) => s.text.trim().replace(/^[^\p{L}\d]+/u, '');
  const index = left.findIndex((s) => NUM_LINE.test(text(s)));
  if (index < 0) return { fields: {}, index, symbol: null };
  const s = left[index];
  const m = NUM_LINE.exec(text(s))!;
  const symbol = repairSymbol((m[3] ?? m[4]).replace(/–/g, '-'));
  const digits = s.words.filter((w) => /\d/.test(w.text) && !w.text.includes('/'));
  const least = digits.length ? Math.min(...digits.map((w) => w.conf)) / 100 : undefined;
  const conf = m[2] ? Math.min(least ?? 1, DOUBTFUL) : least;
  return { fields: { number: m[1] ? norm([s], `${m[1]}/${symbol}`, conf) : { ...NONE } }, index, symbol };
}

/** The slash read twice ("/JCT-UBND", "/lQĐ-UBND"): drop the extra stroke when that leaves a known abbreviation. */
function repairSymbol(sym: string): string {
  const [head, ...rest] = sym.split('-');
  if (!rest.length || TYPE_BY_ABBR.has(head.toUpperCase())) return sym;
  const cut = head.replace(/^[JlI|1\][]/, '');
  return cut !== head && TYPE_BY_ABBR.has(cut.toUpperCase()) ? [cut, ...rest].join('-') : sym;
}

/** The issuing body: the left header lines above the number, without the motto's column. */
export function agencyField(L: Layout, numIdx: number): Partial<Fields> {
  const lines = (numIdx >= 0 ? L.left.slice(0, numIdx) : L.left.slice(0, 3)).filter((s) => isUpper(s.text) && !/^[-_—=.]+$/.test(s.text) && letters(s.text).length >= 2);
  if (!lines.length) return {};
  const fixed = lines.map((s) => snapAgency(s.text));
  // a word put right from the vocabulary is a guess: the value is only as sure as the worst such line
  let conf = lines.reduce((a, s, i) => a + (fixed[i].changed ? Math.min(s.conf, 0.8) : s.conf), 0) / lines.length;
  // a word no syllable spells, or a speck before the name, is OCR's: a person looks
  const text = fixed.map((x) => x.text).join(' ');
  if (/^[^\p{L}]/u.test(text) || text.split(/\s+/).some(damagedCapitals)) conf = Math.min(conf, DOUBTFUL);
  return { agency: L.norm(lines, text, conf) };
}

// place and date: "Như Xuân, ngày 19 tháng 04 năm 2021" (day left blank in drafts)
// OCR slips on these short words ("thúng" for "tháng"): accept near spellings
const DATE = /^(.*?)[,.]?\s*ng[a-z]{0,2}y\s*(\d{1,2})?\s*th[a-z]{1,3}ng\s*(\d{1,2})\s*n[a-z]{1,2}m\s*(\d{4})/;

export function dateFields(L: Layout): Partial<Fields> {
  const { right, first, norm } = L;
  const dateSeg = right.find((s) => DATE.test(fold(s.text))) ?? first.find((s) => /,/.test(s.text) && DATE.test(fold(s.text)));
  if (!dateSeg) return {};
  const m = DATE.exec(fold(dateSeg.text));
  if (!m) return {};
  const out: Partial<Fields> = {};
  const placeWords = dateSeg.text.split(/\s+/).slice(0, m[1].split(/\s+/).filter(Boolean).length);
  const place = placeWords.join(' ').replace(/[,.]$/, '');
  if (place) out.place = norm([dateSeg], place);
  const [d, mo, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (m[2] && validDate(y, mo, d)) {
    // a re-read day or month, or one the digit reader disagreed with, makes the date unsure
    const unsure = dateSeg.words.filter((w) => w.from === 'digits' || (/^\d{1,2}$/.test(w.text) && w.conf < 60));
    // a year read with a digit too many ("năm 19909") was misread: which four are right is a guess
    const longYear = /^\d/.test(fold(dateSeg.text).slice(m.index + m[0].length));
    const conf = longYear ? YEAR_GUESS : unsure.length ? Math.min(...unsure.map((w) => w.conf)) / 100 : undefined;
    out.date = norm([dateSeg], `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, conf);
  }
  return out;
}

/** confidence of a date whose year OCR read with a digit too many */
const YEAR_GUESS = 0.35;

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return y >= 1945 && y <= 2100 && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** The centred title on page 1 under the header. */
export function typeSegment(L: Layout): Segment | null {
  return L.first.find((s) => s.bbox.y0 >= (L.header[0]?.bbox.y0 ?? 0) && isTypeLine(s.text)) ?? null;
}

/** The type: the centred title, else the symbol's abbreviation, else (no abbreviation) a công văn. */
export function typeField(L: Layout, num: NumberLine): Partial<Fields> {
  const seg = typeSegment(L);
  const abbr = num.symbol?.split('-')[0]?.toUpperCase() ?? null;
  const numSeg = num.index >= 0 ? [L.left[num.index]] : [];
  if (seg) {
    const t = typeOf(seg.text)!;
    // two types one letter apart (Thông cáo, Thông báo): the symbol's abbreviation settles which, else a person looks
    const near = nearTypes(t.name);
    const byAbbr = abbr ? TYPE_BY_ABBR.get(abbr) : undefined;
    if (near.length && byAbbr && near.includes(byAbbr)) return { type: L.norm([seg], byAbbr, Math.min(seg.conf, DOUBTFUL)) };
    if (near.length && byAbbr !== t.name) return { type: L.norm([seg], t.name, Math.min(seg.conf, DOUBTFUL)) };
    return { type: L.norm([seg], t.name, t.exact ? undefined : Math.min(seg.conf, 0.8)) };
  }
  // every type but the công văn prints its title: with none read, the symbol's head ("CT-CS" of a
  // Cục Thuế công văn) is a guess a person confirms
  if (abbr && TYPE_BY_ABBR.has(abbr)) return { type: L.norm(numSeg, TYPE_BY_ABBR.get(abbr)!, Math.min(numSeg[0]?.conf ?? 1, DOUBTFUL)) };
  if (num.symbol) return { type: L.norm(numSeg, CONG_VAN) };
  return {};
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
export function typeOf(t: string): { name: string; exact: boolean } | null {
  const exact = TYPE_BY_FOLDED_NAME.get(fold(t));
  if (exact) return { name: exact, exact: true };
  const sq = fold(t).replace(/[^a-z]/g, '').toUpperCase();
  if (!sq) return null;
  const head = fold(t).replace(/\s+(cua|ve)\s.*$/, '');
  const runOn = TYPE_BY_FOLDED_NAME.get(head);
  if (runOn) return { name: runOn, exact: false };
  for (const [k, name] of TYPE_BY_SQUEEZED) if (sq === k || (k.length >= 6 && Math.abs(sq.length - k.length) <= 1 && editDistance(sq, k) <= 1)) return { name, exact: false };
  return null;
}
