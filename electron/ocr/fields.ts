// Tags a document from its OCR lines (DOMAIN.md "How an administrative document looks").
// Tesseract often reads the two-column header as one line ("V/v chấn chỉnh … Như Xuân,
// ngày 19 …"); the word boxes tell the columns apart, so lines are first cut at wide gaps
// into segments and each segment is placed left, right or across the page.
import { foldVietnamese } from '../archive/text';
import type { Box, OcrLine, OcrWord } from './pool';
import { parseQr } from './qr';
import { isPositionLine, positionDoubtful, snapAgency, snapSurname } from './vocabulary';
import { CONG_VAN, DOCUMENT_TYPES, FIELD_NAMES, type FieldName } from '../../shared/document-fields';

export { FIELD_NAMES, type FieldName };

export interface FieldValue {
  value: string | null;
  /** 0..1 */
  confidence: number;
  /** 1-based page and the region on it, as fractions of the page (0..1), or null */
  page: number | null;
  bbox: Box | null;
  source: FieldSource;
}
/** where a value came from: OCR, the PDF's text layer, a re-read of hand-written digits, a digital signature, a QR code */
export type FieldSource = 'ocr' | 'text' | 'digits' | 'signature' | 'qr';
export type Fields = Record<FieldName, FieldValue>;

export interface TagPage {
  lines: OcrLine[];
  size: { width: number; height: number };
  qr: string | null;
}

const TYPE_BY_FOLDED_NAME = new Map(DOCUMENT_TYPES.map(([, name]) => [foldVietnamese(name), name]));
const TYPE_BY_ABBR = new Map(DOCUMENT_TYPES.map(([abbr, name]) => [abbr.toUpperCase(), name]));

interface Segment {
  text: string;
  words: OcrWord[];
  bbox: Box;
  page: number;
  col: 'left' | 'right' | 'full';
  conf: number;
}

const union = (boxes: Box[]): Box => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});

/** Cuts each OCR line where the gap between words is wider than a few letters. */
export function segments(lines: OcrLine[], width: number, page: number): Segment[] {
  const out: Segment[] = [];
  for (const line of lines) {
    const h = line.bbox.y1 - line.bbox.y0 || 1;
    let cur: OcrWord[] = [];
    const flush = () => {
      if (!cur.length) return;
      const bbox = union(cur.map((w) => w.bbox));
      const mid = (bbox.x0 + bbox.x1) / 2;
      const col = bbox.x1 - bbox.x0 > width * 0.55 ? 'full' : mid < width * 0.5 ? 'left' : 'right';
      out.push({ text: cur.map((w) => w.text).join(' '), words: cur, bbox, page, col, conf: cur.reduce((s, w) => s + w.conf, 0) / cur.length / 100 });
      cur = [];
    };
    // the two header columns run close on narrow pages ("ỦY BAN NHÂN DÂN. CỘNG HÒA …"): in the
    // top quarter, a gap of a letter or more that falls between the columns also cuts
    const central = (prev: OcrWord, w: OcrWord) =>
      line.bbox.y0 < width * 0.35 && w.bbox.x0 - prev.bbox.x1 > h * 0.6 && prev.bbox.x1 > width * 0.25 && prev.bbox.x1 < width * 0.45 && w.bbox.x0 < width * 0.6 && w.bbox.x0 > width * 0.4;
    for (const w of line.words) {
      const prev = cur[cur.length - 1];
      // the blank of an unnumbered draft ("Số:            /UBND-VP") is wide but is no column gap
      const blankNumber = /^\/\S/.test(w.text) && /^[^\p{L}\d]?S\S?[:.;]?$/u.test(prev?.text ?? '') && w.bbox.x0 - (prev?.bbox.x1 ?? 0) < width * 0.2;
      // nor is a draft's blank day ("ngày            tháng 9")
      const blankDay = !!prev && /^ng\S{1,2}y$/.test(fold(prev.text)) && /^th\S{1,3}ng$/.test(fold(w.text)) && w.bbox.x0 - prev.bbox.x1 < width * 0.15;
      if (prev && !blankNumber && !blankDay && (w.bbox.x0 - prev.bbox.x1 > h * 2.2 || central(prev, w))) flush();
      cur.push(w);
    }
    flush();
  }
  // specks read as punctuation carry nothing
  return out.filter((s) => /[\p{L}\d]/u.test(s.text)).sort((a, b) => a.page - b.page || a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
const isUpper = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();
const NONE: FieldValue = { value: null, confidence: 0, page: null, bbox: null, source: 'ocr' };

/** What every field group reads from: the segments of all pages and the header of page 1. */
interface Layout {
  pages: TagPage[];
  all: Segment[];
  first: Segment[];
  header: Segment[];
  left: Segment[];
  right: Segment[];
  norm: (seg: Segment[], value: string | null, conf?: number) => FieldValue;
}

export function extractFields(pages: TagPage[]): Fields {
  const f = Object.fromEntries(FIELD_NAMES.map((n) => [n, { ...NONE }])) as Fields;
  const L = layout(pages);
  const num = numberField(L);
  Object.assign(f, num.fields, agencyField(L, num.index), dateFields(L), typeField(L, num), signatureFields(L), resultFields(L));
  Object.assign(f, subjectField(L, f.type.value !== null && f.type.value !== CONG_VAN ? typeSegment(L) : null));
  Object.assign(f, qrFields(pages));
  return f;
}

function layout(pages: TagPage[]): Layout {
  const all: Segment[] = pages.flatMap((p, i) => segments(p.lines, p.size.width, i + 1));
  const norm = (seg: Segment[], value: string | null, conf?: number): FieldValue => {
    if (!seg.length || value === null || value === '') return { ...NONE };
    const p = seg[0].page;
    const size = pages[p - 1].size;
    const b = union(seg.filter((s) => s.page === p).map((s) => s.bbox));
    const words = seg.flatMap((s) => s.words);
    const source: FieldSource = words.some((w) => w.from === 'digits') ? 'digits' : words.every((w) => w.from === 'text') ? 'text' : 'ocr';
    // one unsure word makes the value unsure: half the mean, half the least sure word
    const mean = seg.reduce((s, x) => s + x.conf, 0) / seg.length;
    const least = words.length ? Math.min(...words.map((w) => w.conf)) / 100 : mean;
    return {
      value,
      confidence: Math.round((conf ?? (mean + least) / 2) * 100) / 100,
      page: p,
      bbox: { x0: b.x0 / size.width, y0: b.y0 / size.height, x1: b.x1 / size.width, y1: b.y1 / size.height },
      source,
    };
  };
  const first = all.filter((s) => s.page === 1);
  const height1 = pages[0]?.size.height ?? 1;
  // header: the top of page 1, down to the type name or the first full-width line
  const headerEnd = first.find((s) => s.bbox.y0 > height1 * 0.08 && (s.col === 'full' || isTypeLine(s.text) || /^kinh gui/.test(fold(s.text))))?.bbox.y0 ?? height1 * 0.3;
  const header = first.filter((s) => s.bbox.y0 < Math.min(headerEnd, height1 * 0.45));
  // receipt stamps and the rendered stamps of digital signatures sit over the header: not the body's lines
  const left = header.filter((s) => s.col === 'left' && !isStamp(s.text));
  const right = header.filter((s) => s.col === 'right' && !isStamp(s.text));
  return { pages, all, first, header, left, right, norm };
}

// number and symbol: "Số: 1147/UBND-VP"; a draft leaves the number blank. OCR sometimes
// drops the slash ("45QĐ-UBND"): digits glued to a hyphenated symbol get it back.
const NUM_LINE = /^[Ss][ốoóồổỐÔÓỒ0]\s*[:.;]?\s*(\d*)\s*(?:\/\s*([\p{L}\d.\-–]+)|(\p{Lu}[\p{L}\d.]*[-–][\p{L}\d.\-–]+))/u;

function numberField(L: Layout): { fields: Partial<Fields>; index: number; symbol: string | null } {
  const { left, norm } = L;
  // a speck before "Số" reads as a mark ("_Số:")
  const text = (s: Segment) => s.text.trim().replace(/^[^\p{L}\d]+/u, '');
  const index = left.findIndex((s) => NUM_LINE.test(text(s)));
  if (index < 0) return { fields: {}, index, symbol: null };
  const s = left[index];
  const m = NUM_LINE.exec(text(s))!;
  const symbol = repairSymbol((m[2] ?? m[3]).replace(/–/g, '-'));
  const digits = s.words.filter((w) => /\d/.test(w.text) && !w.text.includes('/'));
  const conf = digits.length ? Math.min(...digits.map((w) => w.conf)) / 100 : undefined;
  return { fields: { number: m[1] ? norm([s], `${m[1]}/${symbol}`, conf) : { ...NONE } }, index, symbol };
}

/** The slash read twice ("/JCT-UBND", "/lQĐ-UBND"): drop the extra stroke when that leaves a known abbreviation. */
function repairSymbol(sym: string): string {
  const [head, ...rest] = sym.split('-');
  if (!rest.length || TYPE_BY_ABBR.has(head.toUpperCase())) return sym;
  const cut = head.replace(/^[JlI|1\]\[]/, '');
  return cut !== head && TYPE_BY_ABBR.has(cut.toUpperCase()) ? [cut, ...rest].join('-') : sym;
}

/** The issuing body: the left header lines above the number, without the motto's column. */
function agencyField(L: Layout, numIdx: number): Partial<Fields> {
  const lines = (numIdx >= 0 ? L.left.slice(0, numIdx) : L.left.slice(0, 3)).filter((s) => isUpper(s.text) && !/^[-_—=.]+$/.test(s.text) && s.text.replace(/[^\p{L}]/gu, '').length >= 2);
  if (!lines.length) return {};
  const fixed = lines.map((s) => snapAgency(s.text));
  // a word put right from the vocabulary is a guess: the value is only as sure as the worst such line
  const conf = lines.reduce((a, s, i) => a + (fixed[i].changed ? Math.min(s.conf, 0.8) : s.conf), 0) / lines.length;
  return { agency: L.norm(lines, fixed.map((x) => x.text).join(' '), conf) };
}

// place and date: "Như Xuân, ngày 19 tháng 04 năm 2021" (day left blank in drafts)
// OCR slips on these short words ("thúng" for "tháng"): accept near spellings
const DATE = /^(.*?)[,.]?\s*ng[a-z]{0,2}y\s*(\d{1,2})?\s*th[a-z]{1,3}ng\s*(\d{1,2})\s*n[a-z]{1,2}m\s*(\d{4})/;

function dateFields(L: Layout): Partial<Fields> {
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
    const conf = unsure.length ? Math.min(...unsure.map((w) => w.conf)) / 100 : undefined;
    out.date = norm([dateSeg], `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, conf);
  }
  return out;
}

/** The centred title on page 1 under the header. */
function typeSegment(L: Layout): Segment | null {
  return L.first.find((s) => s.bbox.y0 >= (L.header[0]?.bbox.y0 ?? 0) && isTypeLine(s.text)) ?? null;
}

/** The type: the centred title, else the symbol's abbreviation, else (no abbreviation) a công văn. */
function typeField(L: Layout, num: { index: number; symbol: string | null }): Partial<Fields> {
  const seg = typeSegment(L);
  const abbr = num.symbol?.split('-')[0]?.toUpperCase() ?? null;
  const numSeg = num.index >= 0 ? [L.left[num.index]] : [];
  if (seg) {
    const t = typeOf(seg.text)!;
    return { type: L.norm([seg], t.name, t.exact ? undefined : Math.min(seg.conf, 0.8)) };
  }
  if (abbr && TYPE_BY_ABBR.has(abbr)) return { type: L.norm(numSeg, TYPE_BY_ABBR.get(abbr)!) };
  if (num.symbol) return { type: L.norm(numSeg, CONG_VAN) };
  return {};
}

/** Lines that open the body, never part of a subject. */
const BODY_START = /^(can cu|kinh gui|xet|theo|thuc hien|de nghi cua)\b/;

/** The subject: "V/v …" under the number (công văn), or the lines under the type name. */
function subjectField(L: Layout, typeSeg: Segment | null): Partial<Fields> {
  const { first, left, pages, norm } = L;
  if (typeSeg) {
    const width = pages[0].size.width;
    const after = first.filter((s) => s.bbox.y0 > typeSeg.bbox.y0 && (s.col !== 'left' || isCentred(s, width)));
    // body lines start at the text margin; a subject is centred, indented on both sides
    const margins = first.filter((s) => s.col === 'full').map((s) => s.bbox.x0).sort((a, b) => a - b);
    const margin = margins.length ? margins[Math.floor(margins.length / 2)] : width * 0.12;
    const rights = first.filter((s) => s.col === 'full').map((s) => s.bbox.x1).sort((a, b) => a - b);
    const rightMargin = rights.length ? rights[Math.floor(rights.length / 2)] : width * 0.9;
    const subj: Segment[] = [];
    let lastY = typeSeg.bbox.y1;
    const lh = typeSeg.bbox.y1 - typeSeg.bbox.y0;
    for (const s of after) {
      // the rest of a title that runs on ("QUYẾT ĐỊNH CỦA ỦY BAN …"), or noise under it
      if (!subj.length && (isUpper(s.text) || s.conf < 0.5 || !/\p{L}{2}/u.test(s.text))) {
        if (s.bbox.y0 - lastY > lh * 3) break;
        lastY = s.bbox.y1;
        continue;
      }
      if (s.bbox.y0 - lastY > lh * (subj.length ? 1.6 : 3) || !isCentred(s, width) || BODY_START.test(fold(s.text))) break;
      // the authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …") opens the body of a decision
      if (isUpper(s.text) && s.text.replace(/[^\p{L}]/gu, '').length > 8) break;
      // a body paragraph's first line is indented on the left only, its last line ends short
      if (subj.length && s.bbox.x0 - margin > width * 0.04 && s.bbox.x1 > rightMargin - width * 0.01) break;
      subj.push(s);
      lastY = s.bbox.y1;
    }
    if (subj.length) return { subject: norm(subj, subj.map((s) => s.text).join(' ').replace(/^v\/v\s*/i, '')) };
    return {};
  }
  const vIdx = left.findIndex((s) => /^v\s*\/\s*v\b/.test(fold(s.text)));
  if (vIdx < 0) return {};
  const subj = [left[vIdx]];
  for (const s of left.slice(vIdx + 1)) {
    if (s.bbox.y0 - subj[subj.length - 1].bbox.y1 > (s.bbox.y1 - s.bbox.y0) * 1.2) break;
    subj.push(s);
  }
  return { subject: norm(subj, subj.map((s) => s.text).join(' ').replace(/^v\s*\/\s*v\s*/i, '').replace(/[.;]$/, '')) };
}

/** The signature block: the right-hand segments from "Nơi nhận" down, on the last page that has one. */
function signatureFields(L: Layout): Partial<Fields> {
  const { all, pages, norm } = L;
  const out: Partial<Fields> = {};
  const nhanIdx = findLastIndex(all, (s) => /^\S?[o0ơ]i nh[a-z]n\b/.test(fold(s.text)) && s.col === 'left');
  // without "Nơi nhận" (cut off, or under a seal): the right half of the last page's lower part
  const lastPage = all.length ? all[all.length - 1].page : 1;
  const anchor = nhanIdx >= 0 ? all[nhanIdx] : null;
  const page = anchor?.page ?? lastPage;
  const size = pages[page - 1]?.size;
  if (!size) return out;
  const top = anchor ? anchor.bbox.y0 - (anchor.bbox.y1 - anchor.bbox.y0) * 2 : size.height * 0.35;
  const below = all.filter((s) => s.page === page && s.bbox.y0 >= top);
  // the signature block's own lines: confidently read words (a QR code or a seal below it
  // reads as scattered low-confidence letters) made mostly of letters
  const wordy = (t: string) => (t.match(/[\p{L}\s.]/gu)?.length ?? 0) >= t.length * 0.85;
  const sig = below.filter((s) => (s.bbox.x0 + s.bbox.x1) / 2 > size.width * 0.5 && s.col !== 'full' && s.conf >= 0.6 && wordy(s.text));
  let upper = sig.filter((s) => isUpper(s.text) && s.text.replace(/[^\p{L}]/gu, '').length > 2 && isPositionLine(s.text));
  if (!anchor) upper = upper.slice(-4);
  const names = sig.filter((s) => !isUpper(s.text) && /^\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*){1,5}$/u.test(s.text.trim()));
  if (upper.length) out.signerPosition = norm(upper, upper.map((s) => s.text.trim()).join(' '), Math.min(...upper.map((s) => (positionDoubtful(s.text) ? 0.45 : s.conf))));
  const name = names.filter((s) => !upper.length || s.bbox.y0 > upper[upper.length - 1].bbox.y0).pop();
  if (name && (anchor || upper.length)) {
    const fixed = snapSurname(name.text.trim());
    out.signer = norm([name], fixed.text, fixed.changed ? Math.min(name.conf, 0.5) : undefined);
  }
  if (!anchor) return out;
  const rec: Segment[] = [];
  for (const s of below.filter((x) => x.col === 'left' && x.bbox.y0 > anchor.bbox.y0)) {
    if (!/^[-–•+]/.test(s.text.trim())) {
      if (rec.length) break;
      continue;
    }
    rec.push(s);
  }
  if (rec.length) out.recipients = norm(rec, rec.map((s) => cleanRecipient(s.text)).join('\n'));
  return out;
}

/** A result's dossier code, TTHC code and holder, wherever the body prints them. */
function resultFields(L: Layout): Partial<Fields> {
  const out: Partial<Fields> = {};
  const text = L.all.map((s) => s.text);
  const pick = (re: RegExp, name: FieldName, group = 1) => {
    const i = text.findIndex((t) => re.test(t));
    if (i >= 0) out[name] = L.norm([L.all[i]], re.exec(text[i])![group].trim());
  };
  pick(/M[ãa]\s*h[ồo]\s*s[ơo]\s*[:.]?\s*([A-Z0-9][\w.\-/]+)/iu, 'dossierCode');
  pick(/(?:M[ãa]\s*(?:th[ủu]\s*t[ụu]c|TTHC)[^:]*[:.]?\s*)(\d\.\d{6})/iu, 'procedureCode');
  pick(/(?:Ông\s*\/\s*Bà|Họ\s*(?:và\s*)?tên|Chủ\s*hộ)\s*[:.]?\s*(\p{Lu}[\p{L}\s]+)/u, 'holderName');
  pick(/(?:CCCD|CMND|định\s*danh|Căn\s*cước)[^\d]{0,20}(\d{12})(?!\d)/iu, 'holderId');
  return out;
}

/** A QR code from the TTHC systems is read exactly: preferred to what OCR read. */
function qrFields(pages: TagPage[]): Partial<Fields> {
  const out: Partial<Fields> = {};
  for (const [i, p] of pages.entries()) {
    if (!p.qr) continue;
    const q = parseQr(p.qr);
    const put = (name: FieldName, v: string | null) => {
      if (v) out[name] = { value: v, confidence: 1, page: i + 1, bbox: null, source: 'qr' };
    };
    put('dossierCode', q.dossierCode);
    put('procedureCode', q.procedureCode);
    put('holderId', q.holderId);
    put('holderName', q.holderName);
  }
  return out;
}

function isTypeLine(t: string): boolean {
  return isUpper(t.trim()) && typeOf(t) !== null;
}

const TYPE_BY_SQUEEZED = new Map(DOCUMENT_TYPES.map(([, name]) => [foldVietnamese(name).replace(/\s+/g, '').toUpperCase(), name]));
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

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function isCentred(s: Segment, width: number): boolean {
  const mid = (s.bbox.x0 + s.bbox.x1) / 2;
  const w = s.bbox.x1 - s.bbox.x0;
  // a long subject line spans almost the text width, so its middle must sit closer to the centre
  return w < width * 0.6 ? Math.abs(mid - width * 0.53) < width * 0.1 : Math.abs(mid - width * 0.535) < width * 0.05;
}

/** Receipt stamps ("CÔNG VĂN ĐẾN", "Số: 327 Ngày: 05/5") stamped over the header. */
function isStamp(t: string): boolean {
  const f = fold(t);
  return (
    /cong van den|^cv den|^den\b|\bngay\s*:\s*\d/.test(f) ||
    /^so\s*:?\s*\d+\s+ngay/.test(f) ||
    // a digital signature's rendered stamp: "Ký bởi: …", "Cơ quan: …", "Thời gian ký: …", the Gazette centre's
    /^(ky boi|co quan\s*:|thoi gian ky|trung tam cong bao|email\s*:)/.test(f) ||
    /\d{2}[./]\d{2}[./]\d{4}\s+\d{2}:\d{2}/.test(f) ||
    /@[a-z0-9.-]+\.(vn|com)/.test(f)
  );
}

function cleanRecipient(t: string): string {
  return t.trim().replace(/^[-–•+]\s*/, '').replace(/[;.,]+$/, '').trim();
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return y >= 1945 && y <= 2100 && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function findLastIndex<T>(a: T[], p: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (p(a[i])) return i;
  return -1;
}

/** The `sohoa ocr --json` shape of the fields. */
export function fieldsJson(f: Fields) {
  return {
    agency: f.agency.value,
    number: f.number.value,
    date: f.date.value,
    place: f.place.value,
    type: f.type.value,
    subject: f.subject.value,
    signer: f.signer.value,
    signerPosition: f.signerPosition.value,
    recipients: f.recipients.value ? f.recipients.value.split('\n') : [],
    dossierCode: f.dossierCode.value,
    procedureCode: f.procedureCode.value,
    holderId: f.holderId.value,
  };
}
