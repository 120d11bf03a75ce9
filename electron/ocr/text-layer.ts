// A PDF page's own text (pdf.js text content with positions), as OCR lines in the pixels of a
// rendering at a given resolution, so born-digital pages (and scans that carry a good text
// layer) are tagged from the exact text instead of an OCR of their rendering.
import { thenApply } from '../pdf-matrix';
import type { OcrLine, OcrWord } from './pool';
import { isSyllable } from './spelling';

/** pdf.js text item, as getTextContent returns it */
export interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** fewer letters than this on a page: a scan's stray text (a page number, a stamp), not a text layer */
const MIN_LETTERS = 40;

/**
 * Real text, not a legacy 8-bit Vietnamese font (TCVN3/VNI) whose glyphs pdf.js maps to Latin-1
 * symbols ("Sè: 11/TB-UBND" prints as "Sè"): most characters must be letters, digits or plain
 * punctuation, and almost none of the Latin-1 symbols those encodings use.
 */
export function isRealText(text: string): boolean {
  const chars = [...text.replace(/\s+/g, '')];
  const letters = chars.filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  const legacy = chars.filter((c) => /[\u00a1-\u00bf\u00d7\u00f7\u0192]/u.test(c)).length;
  return letters >= MIN_LETTERS && letters >= chars.length * 0.7 && legacy <= chars.length * 0.02;
}

/** the share of words a text layer must spell as Vietnamese, and of its syllables that carry an accent */
const MIN_SPELLED = 0.8;
const MIN_ACCENTED = 0.3;

/**
 * The document's own text, not a scanner's OCR laid under the scan, which often has no
 * Vietnamese ("v~ vi~c thanh I;p HQi dAng" for "về việc thành lập Hội đồng"): real text whose
 * words are Vietnamese syllables (a capitalised abbreviation or number aside), many with accents.
 */
export function isOwnText(text: string): boolean {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    // abbreviations ("UBND"), symbols ("310/TTr-SNV") and foreign words in capitals say nothing
    .filter((w) => /\p{L}/u.test(w) && !/\p{N}/u.test(w) && !/^\p{Lu}[\p{Lu}Đ-]*$/u.test(w));
  if (words.length < 20) return true;
  const spelled = words.filter((w) => /^\p{Lu}?\p{Ll}*$/u.test(w) && isSyllable(w));
  const accented = spelled.filter((w) => /[À-ỹ]/u.test(w));
  return spelled.length >= words.length * MIN_SPELLED && accented.length >= spelled.length * MIN_ACCENTED;
}

type Mat = number[];

/**
 * Lines of words with boxes in viewport pixels (`viewport` is pdf.js's transform for the
 * rendering); each word is one space-separated run of an item, its width shared by characters.
 */
export function textLines(items: TextItem[], viewport: Mat, scale: number): OcrLine[] {
  const words: (OcrWord & { base: number; size: number })[] = [];
  for (const raw of items) {
    // some producers' fonts map "ố" to o + ˆ + ´: the tagger reads composed letters
    const it = { ...raw, str: raw.str?.normalize('NFC') };
    if (!it.str || !it.str.trim()) continue;
    // the item's own matrix first, then the viewport's (pdf.js's Util.transform(viewport, item))
    const t = thenApply(it.transform, viewport);
    const size = Math.hypot(t[2], t[3]) || it.height * scale;
    const x = t[4];
    const base = t[5];
    const w = it.width * scale;
    const n = [...it.str].length;
    for (const m of it.str.matchAll(/\S+/gu)) {
      const before = [...it.str.slice(0, m.index)].length;
      const len = [...m[0]].length;
      const x0 = x + (w * before) / n;
      const x1 = x + (w * (before + len)) / n;
      words.push({ text: m[0], conf: 99, bbox: { x0, y0: base - size * 0.8, x1, y1: base + size * 0.2 }, base, size, from: 'text' });
    }
  }
  // one line per baseline: words within a third of a letter height of each other
  words.sort((a, b) => a.base - b.base || a.bbox.x0 - b.bbox.x0);
  const lines: OcrLine[] = [];
  let cur: typeof words = [];
  const flush = () => {
    if (!cur.length) return;
    cur.sort((a, b) => a.bbox.x0 - b.bbox.x0);
    const ws: OcrWord[] = cur.map(({ base: _b, size: _s, ...w }) => w);
    const bbox = { x0: Math.min(...ws.map((w) => w.bbox.x0)), y0: Math.min(...ws.map((w) => w.bbox.y0)), x1: Math.max(...ws.map((w) => w.bbox.x1)), y1: Math.max(...ws.map((w) => w.bbox.y1)) };
    lines.push({ text: ws.map((w) => w.text).join(' '), conf: 99, bbox, words: mergeTouching(ws) });
    cur = [];
  };
  for (const w of words) {
    if (cur.length && Math.abs(w.base - cur[0].base) > Math.min(w.size, cur[0].size) * 0.35) flush();
    cur.push(w);
  }
  flush();
  for (const l of lines) l.text = l.words.map((w) => w.text).join(' ');
  return lines;
}

/** Items split inside a word ("Số:" then "11") stay apart; pieces that touch are one word. */
function mergeTouching(ws: OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const w of ws) {
    const prev = out[out.length - 1];
    const h = w.bbox.y1 - w.bbox.y0;
    if (prev && w.bbox.x0 - prev.bbox.x1 < h * 0.05) {
      out[out.length - 1] = { ...prev, text: prev.text + w.text, bbox: { ...prev.bbox, x1: Math.max(prev.bbox.x1, w.bbox.x1) } };
    } else out.push(w);
  }
  return out;
}
