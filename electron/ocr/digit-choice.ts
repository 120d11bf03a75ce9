// Which reading of a hand-written blank is kept, and how surely: OCR's own (its confusables
// repaired), the digit network's and tesseract's digits-only reading of the blank alone, held to
// what the document itself allows (as many digits as the blank is wide for, a day of 1–31, a
// month of 1–12). Only the network's calibrated probability, or OCR's own clean digits agreeing
// with the network, can make a re-read value sure enough to pass review unflagged; everything
// else stays below review's 0.6.
import type { HandwrittenReading } from './handwritten-digits';

/** confidence given to digits read again from a blank, when the network did not vouch for them: below review's 0.6 */
export const REREAD_CONFIDENCE = { agreed: 0.55, tesseract: 0.4, repaired: 0.35, inkUnread: 0.2 } as const;

export interface BlankReadings {
  kind: 'number' | 'day' | 'month';
  /** the most digits the blank is wide enough for */
  max: number;
  /** OCR's reading, repaired */
  asRead: string | null;
  /** OCR read the blank as these digits with no repair: a reading of its own, not a guess from letters */
  asReadClean?: boolean;
  /** how many digit-like marks OCR saw in the blank: digits, and what digits become ("/9": two) */
  marks?: number;
  model: HandwrittenReading | null;
  tesseract: string | null;
  /** the network's calibrated review threshold */
  threshold: number;
}

/** A handwritten digit is at least this share of the line's height wide, with its spacing. */
const DIGIT_WIDTH = 0.3;
/** The most digits a blank `width` wide on a line `height` high can hold (a day or month: 2). */
export function digitsThatFit(kind: BlankReadings['kind'], width: number, height: number): number {
  return Math.max(1, Math.min(kind === 'number' ? 5 : 2, Math.floor(width / (height * DIGIT_WIDTH))));
}

/** A value the document allows in this blank. */
export function allowed(kind: BlankReadings['kind'], max: number, t: string | null): t is string {
  if (!t || t.length > max || !/^\d+$/.test(t)) return false;
  if (kind === 'number') return Number(t) > 0;
  return Number(t) >= 1 && Number(t) <= (kind === 'day' ? 31 : 12);
}

/**
 * OCR and tesseract's digits-only pass are one engine and share its misreading of the
 * Vietnamese hooked 1: `other` read as a 4 or a 7 where the network read `net` as a 1.
 */
const hookMisread = (net: string, other: string | undefined) => net === '1' && (other === '4' || other === '7');

/** The value kept for the blank and its confidence (null when nothing was read and the blank holds no ink). */
export function chooseDigits(r: BlankReadings): { text: string | null; confidence: number } {
  const { model, kind, max } = r;
  const fits = (t: string | null): t is string => allowed(kind, max, t);
  const net = model && model.text.length <= max ? model.text : null;
  const votes = [r.asRead, net, r.tesseract].filter((x): x is string => !!x && x.length <= max);
  const agreed = votes.find((v, i) => votes.indexOf(v) !== i) ?? null;
  // the network first, unless the other two agree on another count of digits (it cut the blank
  // wrongly). In a day or month, not on fewer digits than it read each surely: OCR and tesseract
  // are one engine and drop the same faint or hooked 1 ("16" read "4" by both). A number's blank
  // ends at the printed slash, which the cut can take for a last 1: there the two still outvote it
  const recount = !!agreed && !!net && agreed.length !== net.length;
  const outcounted = recount && !(kind !== 'number' && fits(net) && agreed!.length < net!.length && model!.weakest >= r.threshold);
  const first = net && !outcounted ? net : agreed ?? net ?? r.asRead ?? r.tesseract;
  const settled = first === net ? digitByDigit(r, net) : null;
  if (settled && fits(settled)) return { text: settled, confidence: REREAD_CONFIDENCE.agreed };
  if (fits(first) && first === net && model) {
    // vouched for: every digit at least the calibrated threshold, or OCR read the same digits on its
    // own (two readers of different kinds agreeing); and no other reader read as many digits
    // otherwise, nor did the two agree on another count. OCR seeing more marks than the network
    // cut digits means the cut may have lost one (a small 0)
    // OCR and tesseract's shared misreading of a hooked 1 as 4 or 7, where the network is sure of
    // every digit, is no contradiction (held-out office writing: of 633 digits the network read
    // surely as 1, two were 7s and none a 4; on the real pages it was right in all 8 such blanks)
    const sureNet = model.weakest >= r.threshold;
    const hookOnly = (t: string) => sureNet && [...net].every((d, i) => d === t[i] || hookMisread(d, t[i]));
    const contradicted = [r.asRead, r.tesseract].some((t) => t && t.length === net.length && t !== net && !hookOnly(t)) || (r.marks ?? 0) > net.length || recount;
    const sure = (sureNet || (r.asReadClean === true && r.asRead === net)) && !contradicted;
    return { text: net, confidence: sure ? 0.6 + 0.35 * model.confidence : Math.min(0.55, 0.3 + 0.25 * model.confidence) };
  }
  if (fits(first)) return { text: first, confidence: first === agreed ? REREAD_CONFIDENCE.agreed : first === r.tesseract ? REREAD_CONFIDENCE.tesseract : REREAD_CONFIDENCE.repaired };
  // a value the document does not allow is a misreading: the likeliest the network reads that fits,
  // then another reader's; always for review
  const alt = model?.best(fits) ?? null;
  const other = [agreed, r.asRead, r.tesseract].find(fits) ?? null;
  if (alt && (!other || alt.confidence >= 0.2)) return { text: alt.text, confidence: REREAD_CONFIDENCE.repaired };
  if (other) return { text: other, confidence: REREAD_CONFIDENCE.repaired };
  // ink in the blank, yet no reading fits: never silently empty, the network's reading goes to review
  if (model?.text) return { text: model.text, confidence: REREAD_CONFIDENCE.inkUnread };
  return { text: null, confidence: 0 };
}

/**
 * The three readers digit by digit, when all read as many digits: at each place the digit two of
 * them read. OCR and tesseract's digits-only pass are one engine and share its misreading of
 * the Vietnamese hooked 1 as a 4 (or a 7): where they outvote the network's 1 that way, their
 * digit is kept only when the network was torn, finding that reading at least half as likely as
 * its own. Any other digit the two agree on outvotes the network.
 */
function digitByDigit(r: BlankReadings, net: string | null): string | null {
  const { asRead, tesseract, model } = r;
  if (!net || !model || !asRead || !tesseract || asRead.length !== net.length || tesseract.length !== net.length) return null;
  const major = [...net].map((d, i) => (asRead[i] === tesseract[i] ? asRead[i] : d)).join('');
  if (major === net) return null;
  const hook = (i: number) => hookMisread(net[i], major[i]);
  if (![...net].some((_, i) => hook(i))) return major;
  const p = model.best((t) => t === major)?.confidence ?? 0;
  if (p >= model.confidence * 0.5) return major;
  // the hooked 1s stay as the network read them; the other places go by the majority
  const kept = [...net].map((d, i) => (hook(i) ? d : major[i])).join('');
  return kept === net ? null : kept;
}

/**
 * A blank OCR read as sure digits, which the network reads otherwise: what stands (a number
 * keeps OCR's digits, flagged; only a day or month takes another reading).
 * `tesseractAgrees` is asked only when the counts are equal (tesseract and OCR are one engine and
 * drop the same faint or hooked 1, so they settle which digits, not how many). `flag`: review
 * must look; `text`: the value kept; `alt`: the other reading, at hand for a date the document
 * rules out. More digits than OCR saw, each read at or over the threshold, are taken; fewer
 * leave OCR's reading as it is.
 */
export async function sureReadingDoubt(
  kind: BlankReadings['kind'],
  max: number,
  ocr: string,
  model: Pick<HandwrittenReading, 'text' | 'weakest'>,
  threshold: number,
  tesseractAgrees: () => Promise<boolean>,
): Promise<{ flag: boolean; text: string; alt?: string }> {
  if (model.text.length < ocr.length || model.text === ocr) return { flag: false, text: ocr };
  const more = model.text.length > ocr.length;
  if (!more && (await tesseractAgrees())) return { flag: false, text: ocr };
  const fits = kind !== 'number' && allowed(kind, max, model.text) && Number(model.text) !== Number(ocr);
  if (!fits) return { flag: true, text: ocr };
  if (more && model.weakest >= threshold) return { flag: true, text: model.text, alt: ocr };
  return { flag: true, text: ocr, alt: model.text };
}
