// The number line of the left header column (Decree 30/2020, App. I): "Số: 12/CT-UBND",
// "Số 12/QĐ-UBND", "Số: 12/2021/QĐ-UBND" (a legal document's number carries its year),
// "Số: 2087/CAT-PC06(Đ2)" (a unit in brackets after the symbol). What OCR makes of it, read
// back: "Sô", "Sộ", "sá:", "S6:" for "Số"; the Icelandic "Ð" for "Đ"; the symbol's slash as a
// quote or a J; the slash lost ("45QĐ-UBND"); a hand-written 1 read as a slash inside the
// number ("36/5/BCA-C04" for 3615); a symbol cut after its hyphen ("/TTr- CAT-PC06").

/** "Số" and OCR's readings of it (the tone lost or moved, the ô read as a, 0 or 6), before a colon, the number or the slash */
export const NUMBER_WORD = /^[Ss][ốoóòỏõọôồổỗộơớờởỡợaáàảãạ06ỐÔÓỒỔỘ0](?=\s*[:.;\d/⁄]|\s*$)\s*[:.;]?/u;

export interface NumberLine {
  /** the digits, or null when the blank was left empty (a draft) */
  number: string | null;
  /** "12/CT-UBND", "12/2021/QĐ-UBND" — the year, when the number carries one, is part of the symbol */
  symbol: string;
  /** a year the number carries ("12/2021/QĐ-UBND") */
  year: number | null;
  /** the value rests on a repair (a mark glued to the digits, a slash read as a 1, a symbol with no letter): a person looks */
  doubtful: boolean;
}

/** a symbol: led by a letter, of letters, digits, dots, hyphens and a bracketed unit */
const SYMBOL = /^\p{L}[\p{L}\d.\-()]*$/u;
/** what the symbol's slash becomes under OCR, before a symbol: quotes, J, |, ], l */
const SLASH_LIKE = /^(?:[“”"'‘’`|\]]|[Jl](?=\p{Lu}))/u;
/** digits OCR read as marks or letters inside a number */
const DIGIT_LIKE: Record<string, string> = { '|': '1', I: '1', l: '1', ']': '1', '[': '1', '!': '1', O: '0', o: '0', ø: '0' };

/** Reads a number line; null when the text is no number line. */
export function parseNumberLine(raw: string): NumberLine | null {
  const text = raw.trim().replace(/^[^\p{L}\d]+/u, '').replace(/Ð/g, 'Đ').replace(/ð/g, 'đ').replace(/–/g, '-').replace(/⁄/g, '/');
  const head = NUMBER_WORD.exec(text);
  if (!head) return null;
  const rest = text.slice(head[0].length).trim();
  const at = symbolStart(rest);
  if (!at) return null;
  let body = rest.slice(0, at.index).replace(/\s+/g, '');
  // a year after the number ("12/2021/QĐ-UBND") belongs to the symbol
  const year = /\/((?:19|20)\d\d)\/?$/.exec(body);
  if (year) body = body.slice(0, year.index);
  const symbol = (year ? `${year[1]}/` : '') + at.symbol;
  const n = readDigits(body);
  if (!n) return null;
  const doubtful = n.repaired || !/\p{L}/u.test(at.symbol);
  return { number: n.digits || null, symbol, year: year ? Number(year[1]) : null, doubtful };
}

/** Where the symbol begins in the text after "Số": after its slash (or what OCR made of it), or glued to the digits. */
function symbolStart(rest: string): { index: number; symbol: string } | null {
  // the last slash-like mark before a symbol is the symbol's slash: any earlier one is in the number
  let best: { index: number; symbol: string } | null = null;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    const isSlash = c === '/' || (SLASH_LIKE.test(rest.slice(i, i + 2)) && i > 0 && /[\d\s]/.test(rest[i - 1]));
    if (!isSlash) continue;
    const sym = symbolAfter(rest.slice(i + 1));
    if (sym) best = { index: i, symbol: sym };
  }
  if (best) return best;
  // the slash lost: a hyphenated symbol glued to the digits ("45QĐ-UBND")
  const glued = /^([\d\s/]*)(\p{Lu}[\p{L}\d.]*-[\p{L}\d.\-()]+)/u.exec(rest);
  return glued ? { index: glued[1].length, symbol: glued[2] } : null;
}

/** The symbol at the start of `s` (after its slash), a hyphen-ended piece joined to the next ("TTr- CAT-PC06"). */
function symbolAfter(s: string): string | null {
  const words = s.trim().split(/\s+/);
  let sym = words[0] ?? '';
  if (/-$/.test(sym) && words[1] && SYMBOL.test(words[1])) sym += words[1];
  sym = sym.replace(/[.,;:]+$/, '');
  return SYMBOL.test(sym) && /\p{L}/u.test(sym) ? sym : null;
}

/** The number's digits; confusables, letters and a slash between digits (a hand-written 1) are repairs. */
function readDigits(body: string): { digits: string; repaired: boolean } | null {
  let digits = '';
  let repaired = false;
  for (const [i, c] of [...body].entries()) {
    if (/\d/.test(c)) digits += c;
    else if (c === '/' && i > 0 && i < body.length - 1) {
      digits += '1';
      repaired = true;
    } else if (DIGIT_LIKE[c] && digits) {
      digits += DIGIT_LIKE[c];
      repaired = true;
    } else if (/[^\p{L}\d]/u.test(c)) {
      // a mark glued to the number ("249}"): kept out, and the value doubted
      if (digits || i > 0) repaired = true;
    } else repaired = true; // a letter OCR made of hand-written ink ("3f"): the digits are a guess
  }
  return digits.length <= 6 ? { digits, repaired } : null;
}
