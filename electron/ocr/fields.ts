// Tags a document from its OCR lines (DOMAIN.md "How an administrative document looks").
// Tesseract often reads the two-column header as one line ("V/v chấn chỉnh … Như Xuân,
// ngày 19 …"); the word boxes tell the columns apart, so lines are first cut at wide gaps
// into segments and each segment is placed left, right or across the page.
import { foldVietnamese } from '../archive/text';
import type { Box, OcrLine, OcrWord } from './pool';
import { parseQr } from './qr';
import { CONG_VAN, DOCUMENT_TYPES, FIELD_NAMES, type FieldName } from '../../shared/document-fields';

export { FIELD_NAMES, type FieldName };

export interface FieldValue {
  value: string | null;
  /** 0..1 */
  confidence: number;
  /** 1-based page and the region on it, as fractions of the page (0..1), or null */
  page: number | null;
  bbox: Box | null;
  source: 'ocr' | 'qr';
}
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
    for (const w of line.words) {
      const prev = cur[cur.length - 1];
      if (prev && w.bbox.x0 - prev.bbox.x1 > h * 2.2) flush();
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

export function extractFields(pages: TagPage[]): Fields {
  const f = Object.fromEntries(FIELD_NAMES.map((n) => [n, { ...NONE }])) as Fields;
  const all: Segment[] = pages.flatMap((p, i) => segments(p.lines, p.size.width, i + 1));
  const norm = (seg: Segment[], value: string | null, conf?: number): FieldValue => {
    if (!seg.length || value === null || value === '') return { ...NONE };
    const p = seg[0].page;
    const size = pages[p - 1].size;
    const b = union(seg.filter((s) => s.page === p).map((s) => s.bbox));
    return {
      value,
      confidence: Math.round((conf ?? seg.reduce((s, x) => s + x.conf, 0) / seg.length) * 100) / 100,
      page: p,
      bbox: { x0: b.x0 / size.width, y0: b.y0 / size.height, x1: b.x1 / size.width, y1: b.y1 / size.height },
      source: 'ocr',
    };
  };
  const first = all.filter((s) => s.page === 1);
  const height1 = pages[0]?.size.height ?? 1;

  // header: the top of page 1, down to the type name or the first full-width line
  const headerEnd = first.find((s) => s.bbox.y0 > height1 * 0.08 && (s.col === 'full' || isTypeLine(s.text) || /^kinh gui/.test(fold(s.text))))?.bbox.y0 ?? height1 * 0.3;
  const header = first.filter((s) => s.bbox.y0 < Math.min(headerEnd, height1 * 0.45));
  const left = header.filter((s) => s.col === 'left' && !isStamp(s.text));
  const right = header.filter((s) => s.col === 'right');

  // number and symbol: "Số: 1147/UBND-VP"; a draft leaves the number blank. OCR sometimes
  // drops the slash ("45QĐ-UBND"): digits glued to a hyphenated symbol get it back.
  const NUM_LINE = /^[Ss][ốoóồổỐÔÓỒ0]\s*[:.;]?\s*(\d*)\s*(?:\/\s*([\p{L}\d.\-–]+)|(\p{Lu}[\p{L}\d.]*[-–][\p{L}\d.\-–]+))/u;
  const numIdx = left.findIndex((s) => NUM_LINE.test(s.text.trim()));
  let symbol: string | null = null;
  if (numIdx >= 0) {
    const s = left[numIdx];
    const m = NUM_LINE.exec(s.text.trim())!;
    symbol = (m[2] ?? m[3]).replace(/–/g, '-');
    const digits = s.words.filter((w) => /\d/.test(w.text));
    f.number = m[1] ? norm([s], `${m[1]}/${symbol}`, digits.length ? Math.min(...digits.map((w) => w.conf)) / 100 : undefined) : { ...NONE };
  }
  // issuing body: the left header lines above the number, without the motto's column
  const agencyLines = (numIdx >= 0 ? left.slice(0, numIdx) : left.slice(0, 3)).filter((s) => isUpper(s.text) && !/^[-_—=.]+$/.test(s.text));
  if (agencyLines.length) f.agency = norm(agencyLines, agencyLines.map((s) => s.text).join(' '));

  // place and date: "Như Xuân, ngày 19 tháng 04 năm 2021" (day left blank in drafts)
  // OCR slips on these short words ("thúng" for "tháng"): accept near spellings
  const DATE = /^(.*?)[,.]?\s*ng[a-z]{0,2}y\s*(\d{1,2})?\s*th[a-z]{1,3}ng\s*(\d{1,2})\s*n[a-z]{1,2}m\s*(\d{4})/;
  const dateSeg = right.find((s) => DATE.test(fold(s.text))) ?? first.find((s) => /,/.test(s.text) && DATE.test(fold(s.text)));
  if (dateSeg) {
    const t = fold(dateSeg.text);
    const m = DATE.exec(t);
    if (m) {
      const placeWords = dateSeg.text.split(/\s+/).slice(0, m[1].split(/\s+/).filter(Boolean).length);
      const place = placeWords.join(' ').replace(/[,.]$/, '');
      if (place) f.place = norm([dateSeg], place);
      const [d, mo, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
      if (m[2] && validDate(y, mo, d)) f.date = norm([dateSeg], `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }
  }

  // type: the centred title, else the symbol's abbreviation, else (no abbreviation) a công văn
  const typeSeg = first.find((s) => s.bbox.y0 >= (header[0]?.bbox.y0 ?? 0) && isTypeLine(s.text));
  const abbr = symbol?.split('-')[0]?.toUpperCase() ?? null;
  if (typeSeg) f.type = norm([typeSeg], TYPE_BY_FOLDED_NAME.get(fold(typeSeg.text))!);
  else if (abbr && TYPE_BY_ABBR.has(abbr)) f.type = norm(numIdx >= 0 ? [left[numIdx]] : [], TYPE_BY_ABBR.get(abbr)!);
  else if (symbol) f.type = norm([left[numIdx]], CONG_VAN);

  // subject: "V/v …" under the number (công văn), or the lines under the type name
  if (typeSeg) {
    const width = pages[0].size.width;
    const after = first.filter((s) => s.bbox.y0 > typeSeg.bbox.y0 && (s.col !== 'left' || isCentred(s, width)));
    // body lines start at the text margin; a subject is centred, indented on both sides
    const margins = first.filter((s) => s.col === 'full').map((s) => s.bbox.x0).sort((a, b) => a - b);
    const margin = margins.length ? margins[Math.floor(margins.length / 2)] : width * 0.12;
    const subj: Segment[] = [];
    let lastY = typeSeg.bbox.y1;
    const lh = typeSeg.bbox.y1 - typeSeg.bbox.y0;
    for (const s of after) {
      if (s.bbox.y0 - lastY > lh * 1.6 || !isCentred(s, width) || s.bbox.x0 - margin < width * 0.025 || /^(can cu|kinh gui|xet|theo)/.test(fold(s.text))) break;
      subj.push(s);
      lastY = s.bbox.y1;
    }
    if (subj.length) f.subject = norm(subj, subj.map((s) => s.text).join(' ').replace(/^v\/v\s*/i, ''));
  } else {
    const vIdx = left.findIndex((s) => /^v\s*\/\s*v\b/.test(fold(s.text)));
    if (vIdx >= 0) {
      const subj = [left[vIdx]];
      for (const s of left.slice(vIdx + 1)) {
        if (s.bbox.y0 - subj[subj.length - 1].bbox.y1 > (s.bbox.y1 - s.bbox.y0) * 1.2) break;
        subj.push(s);
      }
      f.subject = norm(subj, subj.map((s) => s.text).join(' ').replace(/^v\s*\/\s*v\s*/i, '').replace(/[.;]$/, ''));
    }
  }

  // signature block: the right-hand segments from "Nơi nhận" down, on the last page that has one
  const nhanIdx = findLastIndex(all, (s) => /^noi nhan/.test(fold(s.text)));
  if (nhanIdx >= 0) {
    const anchor = all[nhanIdx];
    const size = pages[anchor.page - 1].size;
    const below = all.filter((s) => s.page === anchor.page && s.bbox.y0 >= anchor.bbox.y0 - (anchor.bbox.y1 - anchor.bbox.y0) * 2);
    // the signature block's own lines: confidently read words (a QR code or a seal below it
    // reads as scattered low-confidence letters) made mostly of letters
    const wordy = (t: string) => (t.match(/[\p{L}\s.]/gu)?.length ?? 0) >= t.length * 0.85;
    const sig = below.filter((s) => (s.bbox.x0 + s.bbox.x1) / 2 > size.width * 0.5 && s.col !== 'full' && s.conf >= 0.6 && wordy(s.text));
    const upper = sig.filter((s) => isUpper(s.text) && s.text.replace(/[^\p{L}]/gu, '').length > 2);
    const names = sig.filter((s) => !isUpper(s.text) && /^\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*){1,5}$/u.test(s.text.trim()));
    if (upper.length) f.signerPosition = norm(upper, upper.map((s) => s.text.trim()).join(' '));
    const name = names.filter((s) => !upper.length || s.bbox.y0 > upper[upper.length - 1].bbox.y0).pop();
    if (name) f.signer = norm([name], name.text.trim());
    const rec: Segment[] = [];
    for (const s of below.filter((x) => x.col === 'left' && x.bbox.y0 > anchor.bbox.y0)) {
      if (!/^[-–•+]/.test(s.text.trim())) {
        if (rec.length) break;
        continue;
      }
      rec.push(s);
    }
    if (rec.length) {
      const v = norm(rec, rec.map((s) => cleanRecipient(s.text)).join('\n'));
      f.recipients = v;
    }
  }

  // results: dossier code, TTHC code, holder
  const text = all.map((s) => s.text);
  const pick = (re: RegExp, name: FieldName, group = 1) => {
    const i = text.findIndex((t) => re.test(t));
    if (i >= 0) f[name] = norm([all[i]], re.exec(text[i])![group].trim());
  };
  pick(/M[ãa]\s*h[ồo]\s*s[ơo]\s*[:.]?\s*([A-Z0-9][\w.\-/]+)/iu, 'dossierCode');
  pick(/(?:M[ãa]\s*(?:th[ủu]\s*t[ụu]c|TTHC)[^:]*[:.]?\s*)(\d\.\d{6})/iu, 'procedureCode');
  pick(/(?:Ông\s*\/\s*Bà|Họ\s*(?:và\s*)?tên|Chủ\s*hộ)\s*[:.]?\s*(\p{Lu}[\p{L}\s]+)/u, 'holderName');
  pick(/(?:CCCD|CMND|định\s*danh|Căn\s*cước)[^\d]{0,20}(\d{12})(?!\d)/iu, 'holderId');

  // a QR code from the TTHC systems is read exactly: prefer it
  for (const [i, p] of pages.entries()) {
    if (!p.qr) continue;
    const q = parseQr(p.qr);
    const put = (name: FieldName, v: string | null) => {
      if (v) f[name] = { value: v, confidence: 1, page: i + 1, bbox: null, source: 'qr' };
    };
    put('dossierCode', q.dossierCode);
    put('procedureCode', q.procedureCode);
    put('holderId', q.holderId);
    put('holderName', q.holderName);
  }
  return f;
}

function isTypeLine(t: string): boolean {
  return isUpper(t.trim()) && TYPE_BY_FOLDED_NAME.has(fold(t));
}

function isCentred(s: Segment, width: number): boolean {
  const mid = (s.bbox.x0 + s.bbox.x1) / 2;
  return Math.abs(mid - width * 0.53) < width * 0.1 && s.bbox.x1 - s.bbox.x0 < width * 0.8;
}

/** Receipt stamps ("CÔNG VĂN ĐẾN", "Số: 327 Ngày: 05/5") stamped over the header. */
function isStamp(t: string): boolean {
  const f = fold(t);
  return /cong van den|^den\b|\bngay\s*:\s*\d/.test(f) || /^so\s*:?\s*\d+\s+ngay/.test(f);
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
