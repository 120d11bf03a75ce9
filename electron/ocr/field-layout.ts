// What every field group reads from: the OCR lines of each page cut into segments (a line is
// cut where the gap between words is wider than a few letters, since tesseract often reads the
// two-column header as one line: "V/v chấn chỉnh … Như Xuân, ngày 19 …"), each placed left,
// right or across the page; the header of page 1; and how a value found in segments is told.
import { foldVietnamese } from '../archive/text';
import type { Box, OcrLine, OcrWord } from './pool';
import type { FieldName } from '../../shared/document-fields';

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

export interface Segment {
  text: string;
  words: OcrWord[];
  bbox: Box;
  page: number;
  col: 'left' | 'right' | 'full';
  conf: number;
}

/** What every field group reads from: the segments of all pages and the header of page 1. */
export interface Layout {
  pages: TagPage[];
  all: Segment[];
  first: Segment[];
  header: Segment[];
  left: Segment[];
  right: Segment[];
  /** the value found in these segments, with its place and confidence */
  norm: (seg: Segment[], value: string | null, conf?: number) => FieldValue;
}

/** A calendar day of an administrative document (1945, the state's first, to 2100). */
export function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return y >= 1945 && y <= 2100 && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
export const isoDate = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export const NONE: FieldValue = { value: null, confidence: 0, page: null, bbox: null, source: 'ocr' };
export const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
export const isUpper = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();
/** letters only, for counting them */
export const letters = (s: string) => s.replace(/[^\p{L}]/gu, '');

/** The heading of the recipients list beside the signature block ("Nơi nhận:", also with its N lost). */
export const isRecipientsHeading = (s: string) => /^\S?[o0ơ]i nh[a-z]n\b/.test(fold(s));

export const union = (boxes: Box[]): Box => ({
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
      if (cur.length) out.push(segmentOf(cur, width, page));
      cur = [];
    };
    for (const w of line.words) {
      const prev = cur[cur.length - 1];
      if (prev && isColumnGap(line, prev, w, width, h, cur[cur.length - 2])) flush();
      cur.push(w);
    }
    flush();
  }
  // specks read as punctuation carry nothing
  return out.filter((s) => /[\p{L}\d]/u.test(s.text)).sort((a, b) => a.page - b.page || a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}

function segmentOf(words: OcrWord[], width: number, page: number): Segment {
  const bbox = union(words.map((w) => w.bbox));
  const mid = (bbox.x0 + bbox.x1) / 2;
  const col = bbox.x1 - bbox.x0 > width * 0.55 ? 'full' : mid < width * 0.5 ? 'left' : 'right';
  return { text: words.map((w) => w.text).join(' '), words, bbox, page, col, conf: words.reduce((s, w) => s + w.conf, 0) / words.length / 100 };
}

function isColumnGap(line: OcrLine, prev: OcrWord, w: OcrWord, width: number, h: number, before?: OcrWord): boolean {
  // the blank of an unnumbered draft ("Số:            /UBND-VP") is wide but is no column gap,
  // nor is what is left of it once the number is written in ("Số: 11        /TB-UBND")
  const so = (x?: OcrWord) => !!x && /^[^\p{L}\d]?S\S?[:.;]?$/u.test(x.text);
  const blankNumber = /^\/\S/.test(w.text) && (so(prev) || (/^\d+$/.test(prev.text) && so(before))) && w.bbox.x0 - prev.bbox.x1 < width * 0.2;
  // nor is a draft's blank day ("ngày            tháng 9")
  const blankDay = /^ng\S{1,2}y$/.test(fold(prev.text)) && /^th\S{1,3}ng$/.test(fold(w.text)) && w.bbox.x0 - prev.bbox.x1 < width * 0.15;
  if (blankNumber || blankDay) return false;
  // the two header columns run close on narrow pages ("ỦY BAN NHÂN DÂN. CỘNG HÒA …"): in the
  // top quarter, a gap of a letter or more that falls between the columns also cuts
  const central =
    line.bbox.y0 < width * 0.35 && w.bbox.x0 - prev.bbox.x1 > h * 0.6 && prev.bbox.x1 > width * 0.25 && prev.bbox.x1 < width * 0.45 && w.bbox.x0 < width * 0.6 && w.bbox.x0 > width * 0.4;
  return w.bbox.x0 - prev.bbox.x1 > h * 2.2 || central;
}

/** The segments of every page, page 1's header and its two columns, and how values are told. */
export function layout(pages: TagPage[], isHeaderEnd: (s: Segment) => boolean): Layout {
  const all: Segment[] = pages.flatMap((p, i) => segments(p.lines, p.size.width, i + 1));
  const first = all.filter((s) => s.page === 1);
  const height1 = pages[0]?.size.height ?? 1;
  // header: the top of page 1, down to the type name or the first full-width line
  const headerEnd = first.find((s) => s.bbox.y0 > height1 * 0.08 && (s.col === 'full' || isHeaderEnd(s)))?.bbox.y0 ?? height1 * 0.3;
  const header = first.filter((s) => s.bbox.y0 < Math.min(headerEnd, height1 * 0.45));
  // receipt stamps and the rendered stamps of digital signatures sit over the header: not the body's lines
  const left = header.filter((s) => s.col === 'left' && !isStamp(s.text));
  const right = header.filter((s) => s.col === 'right' && !isStamp(s.text));
  return { pages, all, first, header, left, right, norm: (seg, value, conf) => valueOf(pages, seg, value, conf) };
}

function valueOf(pages: TagPage[], seg: Segment[], value: string | null, conf?: number): FieldValue {
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
}

/** Receipt stamps ("CÔNG VĂN ĐẾN", "Số: 327 Ngày: 05/5") stamped over the header. */
export function isStamp(t: string): boolean {
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

