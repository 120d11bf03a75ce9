// The signature block read again on its own. On the whole page, tesseract sees the block beside
// the recipients list, over a seal and a pen stroke, and its page segmentation often loses the
// signer's name altogether or the tone mark over â/ê/ô ("Tuân" for "Tuấn"). Cut out alone (the
// right side of the page from the first title line down) and read as one block of text, it
// reads as printed. The sure words of that reading replace the words they cover; everything
// else on the page stays as it was read.
import { cropGrey, type GreyImage } from './clean-image';
import { isRecipientsHeading, isUpper, letters, union } from './field-layout';
import type { Box, OcrLine, OcrPool, OcrWord } from './pool';
import { isPositionLine, personName, snapSurname } from './vocabulary';

/** how far below the first title line the name may stand (the space left to sign and seal), in line heights */
const BLOCK_LINES = 16;
/** how much surer than a line read again the page's words it covers must be to stay */
const SURER_BY = 10;
/** a name read this surely on the whole page is taken as read */
const CLEAN = 90;
/** a line of the block read this surely replaces what the page's reading had there */
const SURE = 60;

/** The title lines' words on the right half of the page, line by line. */
function titleParts(lines: OcrLine[], width: number, height: number): { words: OcrWord[]; box: Box }[] {
  const out: { words: OcrWord[]; box: Box }[] = [];
  for (const l of lines) {
    if (l.bbox.y0 < height * 0.15) continue; // the header's right column is no signature block
    // the right column's part of the line: past the middle, apart from anything on its left
    // (a centred "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" under a decision's title runs across it)
    const at = l.words.findIndex((w) => w.bbox.x0 > width * 0.5);
    const h = l.bbox.y1 - l.bbox.y0 || 1;
    if (at < 0 || (at > 0 && l.words[at].bbox.x0 - l.words[at - 1].bbox.x1 < h * 1.5)) continue;
    const words = l.words.slice(at);
    const text = words.map((w) => w.text).join(' ');
    if (!words.length || !isUpper(text) || letters(text).length < 4 || !isPositionLine(text)) continue;
    out.push({ words, box: union(words.map((w) => w.bbox)) });
  }
  return out;
}

/** Where the signature block lies: from the first title line on the right down past the name; null without title lines. */
export function signatureArea(lines: OcrLine[], width: number, height: number): Box | null {
  const titles = titleParts(lines, width, height);
  if (!titles.length) return null;
  titles.sort((a, b) => a.box.y0 - b.box.y0); // tesseract gives its blocks' lines, not the page's order
  // the block of the last signature on the page: title lines no more than a few lines apart
  let first = titles.length - 1;
  const lineH = (t: { box: Box }) => t.box.y1 - t.box.y0 || 1;
  while (first > 0 && titles[first].box.y0 - titles[first - 1].box.y1 < lineH(titles[first]) * 3) first--;
  const h = lineH(titles[first]);
  // "Nơi nhận:" stands level with the first title line, which OCR may have missed
  const nhan = lines.find((l) => isRecipientsHeading(l.text) && l.bbox.y0 < titles[first].box.y0 && l.bbox.y0 > titles[first].box.y0 - h * 4);
  const top = Math.min(titles[first].box.y0, nhan?.bbox.y0 ?? Infinity) - h * 0.5;
  const x0 = Math.max(width * 0.45, Math.min(...titles.slice(first).map((t) => t.box.x0)) - h * 3);
  return { x0, y0: Math.max(0, top), x1: width, y1: Math.min(height, top + h * BLOCK_LINES) };
}

/**
 * A name the page's reading got cleanly: a line of its own under the titles (not run together
 * with the recipients on its left), every word surely read, its surname spelt as a surname is,
 * and no â, ê or ô without a tone mark after the surname (where OCR most often drops one:
 * "Tuân" for "Tuấn"; the surname was checked against the surnames, and "Lê" is spelt so).
 * Then the block is not read again: most pages cost nothing more.
 */
function cleanName(lines: OcrLine[], area: Box): boolean {
  return lines.some(
    (l) =>
      l.bbox.y0 > area.y0 &&
      l.bbox.y0 < area.y1 &&
      l.bbox.x0 >= area.x0 &&
      personName(l.text) === l.text.trim() &&
      !/[âêô]/.test(l.text.trim().split(/\s+/).slice(1).join(' ')) &&
      l.words.every((w) => w.conf >= CLEAN) &&
      !snapSurname(l.text.trim()).changed,
  );
}

/** Reads the page's signature block again and puts what it read surely in place of the words it covers; whether it changed any. */
export async function rereadSignatureBlock(pool: OcrPool, page: GreyImage, lines: OcrLine[], dpi: number): Promise<boolean> {
  const area = signatureArea(lines, page.width, page.height);
  const crop = area && !cleanName(lines, area) && cropGrey(page, area);
  if (!area || !crop) return false;
  const again = await pool.recognize(crop, dpi, { tessedit_pageseg_mode: '6' });
  const moved = (b: Box): Box => ({ x0: b.x0 + Math.floor(area.x0), y0: b.y0 + Math.floor(area.y0), x1: b.x1 + Math.floor(area.x0), y1: b.y1 + Math.floor(area.y0) });
  // a word the crop's left edge cut ("ệu" of "hiệu") is the page's to keep
  const whole = (w: OcrWord) => w.bbox.x0 > 2;
  const sure = again.lines
    .filter((l) => l.conf >= SURE && /\p{L}{2}/u.test(l.text) && l.words.some(whole))
    .map((l) => lineOf(l.words.filter(whole).map((w) => ({ ...w, bbox: moved(w.bbox) })), l.conf));
  if (sure.length) replaceCovered(lines, sure);
  return sure.length > 0;
}

/**
 * Drops the page's words that lie under a line read again, and adds those lines in reading
 * order; a line read again less surely than the words it covers (by more than a margin) is left out.
 */
export function replaceCovered(lines: OcrLine[], again: OcrLine[]): void {
  const under = (w: OcrWord, l: OcrLine) => {
    const cx = (w.bbox.x0 + w.bbox.x1) / 2, cy = (w.bbox.y0 + w.bbox.y1) / 2;
    return cx >= l.bbox.x0 && cx <= l.bbox.x1 && cy >= l.bbox.y0 && cy <= l.bbox.y1;
  };
  const pageWords = lines.flatMap((l) => l.words);
  const sure = again.filter((l) => {
    const mine = pageWords.filter((w) => under(w, l));
    return !mine.length || mine.reduce((s, w) => s + w.conf, 0) / mine.length <= l.conf + SURER_BY;
  });
  const covered = (w: OcrWord) => sure.some((l) => under(w, l));
  const kept: OcrLine[] = [];
  for (const l of lines) {
    const words = l.words.filter((w) => !covered(w));
    if (words.length === l.words.length) kept.push(l);
    else if (words.length) kept.push(lineOf(words, l.conf));
  }
  kept.push(...sure);
  kept.sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
  lines.splice(0, lines.length, ...kept);
}

function lineOf(words: OcrWord[], conf: number): OcrLine {
  return {
    text: words.map((w) => w.text).join(' '),
    conf,
    words,
    bbox: union(words.map((w) => w.bbox)),
  };
}
