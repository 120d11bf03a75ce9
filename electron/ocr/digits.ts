// The digits the văn thư writes in by hand at issue: the number in "Số: …/UBND" and the day
// and month in "ngày … tháng … năm". When OCR did not read them as clean, confident digits,
// the blank is cut out and read again on its own: by the handwritten-digit reader, and by
// tesseract restricted to digits on an enlarged crop under several thresholds; OCR's own
// reading is kept when its confusables (I l | ] → 1, O o Q → 0 …) repair it into digits.
// digit-choice.ts decides between them; only a reading the network is calibrated-sure of
// passes review unflagged.
import { foldVietnamese } from '../archive/text';
import { cropGrey, type GreyImage } from './clean-image';
import { allowed, chooseDigits, digitsThatFit, sureReadingDoubt } from './digit-choice';
import { followClippedInk } from './digit-cut';
import { digitThreshold, otsu, readHandwrittenDigits } from './handwritten-digits';
import { NUMBER_WORD } from './number-line';
import type { Box, OcrLine, OcrPool, OcrWord } from './pool';

/** OCR's usual misreadings of digits, as the letters or marks they become */
const CONFUSABLES: Record<string, string> = { '{': '1', '}': '1', '(': '1', ')': '1', I: '1', l: '1', '|': '1', ']': '1', '[': '1', '!': '1', i: '1', O: '0', o: '0', Q: '0', D: '0', T: '7', S: '5', s: '5', B: '8', Z: '2', z: '2', g: '9', q: '9', G: '6', b: '6', A: '4' };

/** The digits OCR meant, when every character is a digit or a known confusable; null otherwise. */
export function repairDigits(t: string): { digits: string; repaired: boolean } | null {
  const s = t.replace(/[\s.,:;'"`_-]/g, '');
  if (!s || s.length > 5) return null;
  let out = '';
  for (const c of s) {
    // accents OCR puts on a stroke it took for a letter ("Í" for a 1) do not matter
    const base = c.normalize('NFD')[0];
    if (/\d/.test(c)) out += c;
    else if (CONFUSABLES[c] ?? CONFUSABLES[base]) out += CONFUSABLES[c] ?? CONFUSABLES[base];
    else return null;
  }
  return { digits: out, repaired: out !== s };
}

/** digits OCR read this surely are kept as read */
const SURE = 85;


export interface DigitBlank {
  kind: 'number' | 'day' | 'month';
  line: OcrLine;
  /** words [from, to) of the line that hold the blank (may be empty) */
  from: number;
  to: number;
  /** what OCR read in the blank */
  text: string;
  /** the symbol, when OCR lost the slash and glued it to the number */
  symbol?: string;
  /** the printed word before the blank, when OCR glued the blank's ink to it: its printed length */
  gluedHead?: number;
  area: Box;
}

/** "tháng" misread past the usual slips ("phông", "tbáng"): a short word opening with "th" or closing with "ng" */
export const MONTH_WORD = /^(th[a-z]{1,4}|[a-z]{2,4}ng)$/;

/** the printed "ngày" and "tháng" in widths of the printed "năm" (the same type on the same line) */
const PRINTED_WIDTH = { day: 1.17, month: 1.37 } as const;

/** a symbol ("CT-UBND", "TTr-UBND", "KH-VP") behind a slash OCR read as J, |, ], l or a quote */
const SLASH_MISREAD = /^[J|\]l“”"'‘’`](\p{Lu}[\p{L}]*(-[\p{L}\d.()]+)+)$/u;

/** "Số:" as OCR reads it (number-line.ts), also behind a speck OCR read as a mark ("_Số:") */
const isNumberWord = (t: string) => NUMBER_WORD.test(t.replace(/^[^\p{L}\d]/u, ''));

/**
 * Where the symbol's slash is in a word: the last slash a letter follows ("36/5/BCA-C04": a 1
 * read as a slash comes before it), or the slash before the year a legal document's symbol
 * carries ("/2024/QĐ-UBND"); else the first.
 */
export function symbolSlash(t: string): number {
  const m = /(?:\/(?:19|20)\d\d)?\/(?=\p{L})(?!.*\/\p{L})/u.exec(t);
  return m ? m.index : t.indexOf('/');
}
const NUMBER_HEAD = /^[^\p{L}\d]?[Ss]\S?[:.;]?/u;
/** digits, then a symbol (known by its hyphen) with no slash between: OCR lost it, or read it as a digit or a bracket */
const LOST_SLASH = /^(.*[\d#])[)\]|]?(\p{Lu}[\p{L}\d]*-[\p{L}\d.()-]+)$/u;
/** "Số" with what OCR made of hand-written digits run into it: a few letters or digits */
const GLUED_NUMBER_WORD = /^[Ss][ốoóòỏõọôồổỗộơớờởỡợ0ỐÔÓỒỔỘOÒỎÕỌƠ][\p{L}\d]{1,4}$/u;

/** The blanks for hand-written digits on a page's header lines (a slash OCR read as "J" is put back in its word). */
export function findBlanks(lines: OcrLine[], width: number, height: number): DigitBlank[] {
  return lines.filter((l) => l.bbox.y0 <= height * 0.45).flatMap((l) => [...numberBlanks(l, width), ...dateBlanks(l, width)]);
}

/** The number's blank: "Số:" … "/SYMBOL". */
function numberBlanks(line: OcrLine, width: number): DigitBlank[] {
  const out: DigitBlank[] = [];
  const w = line.words;
  const h = line.bbox.y1 - line.bbox.y0 || 1;
  const pad = h * 0.35;
  // the header's "Số" leads its line (the left column comes first); a body's "số" ("Nghị quyết số 163/2024/QH15") follows words
  // OCR may also read the hand-written digits as letters glued to "Số" ("SóZf"), known by the symbol that follows
  const s = w.findIndex(
    (x, i) => (isNumberWord(x.text) || (GLUED_NUMBER_WORD.test(x.text) && /^\/\p{L}/u.test(w[i + 1]?.text ?? ''))) && x.bbox.x0 < width * 0.5 && w.slice(0, i).every((p) => !/[\p{L}\d]/u.test(p.text)),
  );
  if (s < 0) return out;
  // the symbol's slash: in the word a letter follows it in
  let slash = w.findIndex((x, i) => i >= s && /\/\p{L}/u.test(x.text));
  // the slash read as a letter-like stroke or a quote ("JCT-UBND", "“CT-KK"): no Vietnamese symbol starts with J, |, ], l or a quote
  if (slash < 0) {
    const j = w.findIndex((x, i) => i > s && SLASH_MISREAD.test(x.text) && x.bbox.x0 - w[s].bbox.x1 < width * 0.25);
    if (j > 0) {
      w[j] = { ...w[j], text: w[j].text.replace(/^./u, '/') };
      line.text = w.map((x) => x.text).join(' ');
      slash = j;
    }
  }
  if (slash < 0) slash = w.findIndex((x, i) => i >= s && x.text.includes('/'));
  // the slash lost ("Số:2øKH-VP"): the symbol glued on, known by its hyphen
  const glued = slash < 0 ? /^(.*?)(\p{Lu}[\p{L}]*-[\p{L}\d.-]+)$/u.exec(w[s].text) : null;
  if (glued && glued[1].length > 2) {
    const sym = glued[1].length;
    const sx = w[s].bbox.x0 + ((w[s].bbox.x1 - w[s].bbox.x0) * sym) / w[s].text.length;
    const hs = w[s].bbox.y1 - w[s].bbox.y0;
    const x0 = w[s].bbox.x0 + hs * 1.3;
    const head = NUMBER_HEAD.exec(w[s].text)![0];
    if (sx - x0 > h * 0.3) out.push({ kind: 'number', line, from: s, to: s + 1, text: glued[1].slice(head.length), area: { x0, y0: line.bbox.y0 - pad, x1: sx, y1: line.bbox.y1 + pad }, symbol: glued[2] });
    slash = -1;
  }
  // the slash lost between the digits and the symbol, in a word soon after "Số:" ("4ƒ33QĐ-TTg", "3 3#)C04-P6")
  if (slash < 0 && !glued) slash = w.findIndex((x, i) => i > s && i <= s + 3 && LOST_SLASH.test(x.text));
  if (slash >= 0 && w[slash].bbox.x0 - w[s].bbox.x1 < width * 0.25) {
    const head = NUMBER_HEAD.exec(w[s].text)![0];
    const tailOfS = w[s].text.slice(head.length);
    // digits after the slash glued to the symbol ("/27QĐ-TTg" of a stamped 1127): the slash was a 1
    // and the symbol's own slash was lost, so the blank runs to where the symbol's letters begin
    const lost = /\/\p{L}/u.test(w[slash].text) ? null : LOST_SLASH.exec(w[slash].text);
    const at = lost ? lost[1].length : symbolSlash(w[slash].text);
    const before = w[slash].text.slice(0, at);
    const sameWord = slash === s;
    const text = sameWord ? w[s].text.slice(head.length, at) : [tailOfS, ...w.slice(s + 1, slash).map((x) => x.text), before].join('');
    // the printed "Số:" is about 1.3 letter heights wide; OCR often counts the first digit into it
    const hs = w[s].bbox.y1 - w[s].bbox.y0;
    const x0 = Math.min(w[s].bbox.x1, w[s].bbox.x0 + hs * 1.3);
    const sx = w[slash].bbox.x0 + ((w[slash].bbox.x1 - w[slash].bbox.x0) * at) / w[slash].text.length;
    if (sx - x0 > h * 0.3) out.push({ kind: 'number', line, from: s, to: slash + 1, text, area: { x0, y0: line.bbox.y0 - pad, x1: sx - h * 0.02, y1: line.bbox.y1 + pad }, symbol: lost?.[2] });
  }
  return out;
}

/** The day's and the month's blanks: "ngày" … "tháng" … "năm". */
function dateBlanks(line: OcrLine, width: number): DigitBlank[] {
  const out: DigitBlank[] = [];
  const w = line.words;
  const h = line.bbox.y1 - line.bbox.y0 || 1;
  const pad = h * 0.35;
  const f = w.map((x) => foldVietnamese(x.text).toLowerCase());
  // "ngày" may carry the handwritten day glued to it ("ngàyÂÂ")
  // the header's date follows the place ("Quảng Ngãi, ngày"); dates in the body are printed
  const d = f.findIndex((x, i) => /^ng[a-z]{0,2}y/.test(x) && x.length <= 8 && ((i > 0 && /,$/.test(w[i - 1].text)) || w[i].bbox.x0 > width * 0.45));
  if (d < 0) return out;
  // "tháng" as OCR spells it, else (a poor scan's "phông") a word shaped like it between the day's blank and the month's before "năm"
  const year = (from: number) => f.findIndex((x, i) => i > from && /^n[a-z]{1,2}m$/.test(x));
  let m = f.findIndex((x, i) => i > d && /^th[a-z]{1,3}ng$/.test(x));
  const yearAfterDay = m < 0 ? year(d) : -1;
  if (m < 0) m = f.findIndex((x, i) => i > d + 1 && i < yearAfterDay - 1 && MONTH_WORD.test(x));
  if (m < 0) return out;
  const y = year(m);
  const unit = y > m && f[y] === 'nam' && w[y].conf >= 80 ? w[y].bbox.x1 - w[y].bbox.x0 : null;
  const blank = (kind: 'day' | 'month', a: number, b: number) => {
    // a word that runs on past "ngày"/"tháng" holds the blank's start: the printed word ends about there
    const printed = kind === 'day' ? 4 : 5;
    const glued = f[a].length > printed;
    let x0 = glued ? w[a].bbox.x0 + ((w[a].bbox.x1 - w[a].bbox.x0) * printed) / f[a].length : w[a].bbox.x1;
    // OCR's box of the printed word often runs over the first hand-written digit: the printed
    // word is only as wide as its share of the printed "năm" on the same line
    if (unit) x0 = Math.min(x0, w[a].bbox.x0 + unit * PRINTED_WIDTH[kind]);
    if (b > a + 1) x0 = Math.min(x0, w[a + 1].bbox.x0);
    // likewise at the blank's end: a digit written into the printed "tháng" (or "năm") widens OCR's
    // box of that word leftwards and spoils its reading; then the blank runs to where the printed
    // word begins (5% of slack: OCR's boxes of clean words vary about that much)
    const after = (kind === 'day' ? PRINTED_WIDTH.month : 1) * 1.05;
    const inked = unit !== null && w[b].conf < 60 && w[b].bbox.x1 - w[b].bbox.x0 > unit * after;
    const x1 = inked ? w[b].bbox.x1 - unit * after : w[b].bbox.x0;
    const text = (glued ? w[a].text.slice(printed) : '') + w.slice(a + 1, b).map((x) => x.text).join('');
    if (x1 - x0 > h * 0.3) out.push({ kind, line, from: a + 1, to: b, text, gluedHead: glued ? printed : undefined, area: { x0: x0 + h * 0.05, y0: line.bbox.y0 - pad, x1: x1 - h * 0.05, y1: line.bbox.y1 + pad } });
  };
  blank('day', d, m);
  if (y > m) blank('month', m, y);
  return out;
}

/** Is what OCR read in the blank already sure digits? */
function sure(b: DigitBlank): boolean {
  const words = b.line.words.slice(b.kind === 'number' ? b.from : b.from, b.to).filter((x) => /\d/.test(x.text));
  const max = b.kind === 'number' ? 5 : 2;
  return new RegExp(`^\\d{1,${max}}$`).test(b.text) && words.length > 0 && words.every((x) => x.conf >= SURE);
}

/** Tesseract on the blank alone: enlarged, digits only, one line, three thresholds; the surest reading. */
export async function tesseractDigits(pool: OcrPool, g: GreyImage, dpi: number, agreeWith: (string | null)[]): Promise<{ text: string; confidence: number } | null> {
  const t = otsu(g.data);
  const pad = Math.round(g.height * 0.3);
  let best: { text: string; confidence: number } | null = null;
  for (const th of [t, Math.max(40, t - 40), Math.min(220, t + 30)]) {
    // bilevel at this threshold, on a white margin, twice the size (nearest: keep edges hard)
    const W = (g.width + 2 * pad) * 2;
    const H = (g.height + 2 * pad) * 2;
    const data = Buffer.alloc(W * H, 255);
    for (let y = 0; y < g.height; y++)
      for (let x = 0; x < g.width; x++)
        if (g.data[y * g.width + x] < th) {
          const X = (x + pad) * 2, Y = (y + pad) * 2;
          data[Y * W + X] = data[Y * W + X + 1] = data[(Y + 1) * W + X] = data[(Y + 1) * W + X + 1] = 0;
        }
    const r = await pool.recognize({ data, width: W, height: H }, dpi * 2, { tessedit_char_whitelist: '0123456789', tessedit_pageseg_mode: '7' });
    const text = r.lines.flatMap((l) => l.words.map((w) => w.text)).join('').replace(/\D/g, '');
    if (text && (!best || r.confidence > best.confidence)) best = { text, confidence: r.confidence / 100 };
    // a reading another reader made too settles it: no need for the other thresholds
    if (text && agreeWith.includes(text)) return { text, confidence: r.confidence / 100 };
  }
  return best;
}

export interface DigitReading {
  kind: DigitBlank['kind'];
  ocr: string;
  classifier: string | null;
  tesseract: string | null;
  chosen: string | null;
}

/**
 * Reads every unsure blank of the page again and puts what was read into its line as one
 * word marked `from: 'digits'`; returns what each reader read (bench:tags compares them).
 */
export async function rereadDigits(pool: OcrPool, page: GreyImage, lines: OcrLine[], dpi: number): Promise<DigitReading[]> {
  const readings: DigitReading[] = [];
  const blanks = findBlanks(lines, page.width, page.height);
  // later blanks of a line first, so the word indices of earlier ones stay right
  blanks.sort((a, b) => lines.indexOf(a.line) - lines.indexOf(b.line) || b.from - a.from);
  for (const b of blanks) {
    b.area = followClippedInk(page, b.area, b.line.bbox.y1 - b.line.bbox.y0 || 1);
    const g = cropGrey(page, b.area);
    if (!g) continue;
    const max = digitsThatFit(b.kind, b.area.x1 - b.area.x0, b.line.bbox.y1 - b.line.bbox.y0 || 1);
    const ok = (t: string | null | undefined) => (t && t.length <= max ? t : null);
    const hw = readHandwrittenDigits(g, b.kind === 'number');
    if (sure(b)) {
      // OCR is sure, yet tesseract can be sure of a hand-written 12 as "02", or as "2" when the 1
      // is faint: where the network reads the blank otherwise, review is asked to look
      if (hw) {
        const v = await sureReadingDoubt(b.kind, max, b.text, hw, digitThreshold(), async () => (await tesseractDigits(pool, g, dpi, [b.text]))?.text === b.text);
        const own = b.line.words.slice(b.from, b.to).filter((x) => /\d/.test(x.text) && !x.text.includes('/'));
        if (v.flag) for (const x of own) x.conf = Math.min(x.conf, 50);
        // the value and the other reading go into OCR's one word of the blank; when that word
        // holds more than the digits, the network's reading stays only at hand
        if (v.alt && own.length === 1) {
          if (v.text === b.text) own[0].alt = v.alt;
          else if (own[0].text === b.text) {
            own[0].text = v.text;
            own[0].alt = v.alt;
            own[0].from = 'digits';
            b.line.text = b.line.words.map((x) => x.text).join(' ');
          } else own[0].alt = v.text;
        }
      }
      continue;
    }
    const classifier = ok(hw?.text);
    // an empty blank (a draft's number or day) stays empty: no tesseract guess on blank paper
    const repaired = repairDigits(b.text);
    const ts = hw ? await tesseractDigits(pool, g, dpi, [hw.text, repaired?.digits ?? null]) : null;
    const tesseract = ok(ts?.text);
    const asRead = repaired && repaired.digits.length <= max ? repaired.digits : null;
    const asReadClean = !!repaired && !repaired.repaired;
    // the strokes OCR took for digits, or for the marks digits become (a 1 read as "/" or "l")
    const marks = [...b.text].filter((c) => /[\d/]/.test(c) || c in CONFUSABLES).length;
    const { text: chosen, confidence: conf } = chooseDigits({ kind: b.kind, max, asRead, asReadClean, marks, model: hw, tesseract, threshold: digitThreshold() });
    readings.push({ kind: b.kind, ocr: b.text, classifier, tesseract, chosen });
    if (!chosen) continue;
    // the other readers' reading that fits, for a date the document rules out
    const other = [classifier, tesseract, asRead].find((t) => allowed(b.kind, max, t) && Number(t) !== Number(chosen));
    const word: OcrWord = { text: chosen, conf: Math.round(conf * 100), bbox: b.area, from: 'digits', ...(other && b.kind !== 'number' ? { alt: other } : {}) };
    putReading(b, word);
  }
  return readings;
}

/** What was read goes into the blank's line as one word, in place of whatever OCR had made of it. */
function putReading(b: DigitBlank, word: OcrWord): void {
  const w = b.line.words;
  if (b.kind === 'number') {
    // "Số:" · digits · "/SYMBOL", whatever OCR had made of them
    const s = w[b.from];
    const sl = w[b.to - 1];
    const head = NUMBER_HEAD.exec(s.text)![0].replace(/^[^\p{L}]/u, '');
    const tail = b.symbol ? `/${b.symbol}` : sl.text.slice(symbolSlash(sl.text));
    const headWord = { ...s, text: head };
    const tailWord = { ...sl, text: tail };
    w.splice(b.from, b.to - b.from, headWord, word, tailWord);
  } else {
    if (b.gluedHead) w[b.from - 1] = { ...w[b.from - 1], text: w[b.from - 1].text.slice(0, b.gluedHead) };
    w.splice(b.from, b.to - b.from, word);
  }
  b.line.text = w.map((x) => x.text).join(' ');
}
