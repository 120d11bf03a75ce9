// The handwritten-digit reader for the number and the day the văn thư writes in by hand
// (tesseract, trained on print, reads a hooked 1 as 4: "17" as "47", "160" as "460"). Digits are cut from the
// blank by connected ink components (digit-cut.ts), made upright and centred (digit-normalise.ts)
// and read by a small convolutional network (digit-net.ts) trained on MNIST made to look like
// Vietnamese office writing; its probabilities are calibrated, so a reading below the network's
// calibrated threshold is one review must look at.
import { otsuLevel } from './clean';
import { cutAt, cutDigits, cutThreshold, splitInto, type InkImage } from './digit-cut';
import { digitProbabilities, loadDigitNet } from './digit-net';
import { normalisedDigit } from './digit-normalise';

export { cutDigits, type InkImage };

export interface DigitRead {
  digit: number;
  /** the calibrated probability of `digit` */
  probability: number;
  /** the calibrated probability of every digit */
  probabilities: number[];
}

/** One digit's ink, read by the network. */
export function classifyDigit(img: InkImage): DigitRead {
  const probabilities = digitProbabilities(normalisedDigit(img));
  let digit = 0;
  for (let c = 1; c < 10; c++) if (probabilities[c] > probabilities[digit]) digit = c;
  return { digit, probability: probabilities[digit], probabilities };
}

/** below this calibrated probability a digit the network read is flagged for review (set by training) */
export const digitThreshold = () => loadDigitNet().info.threshold;

// ---- cutting digits out of a blank ---------------------------------------------------------

/** Otsu's threshold of grey pixels (0 = black): ink is what lies below it. */
export function otsu(px: Uint8Array | Buffer): number {
  return otsuLevel(px) + 1;
}

/** What the network read in a blank. */
export interface HandwrittenReading {
  text: string;
  /** the calibrated probability of the whole reading: its digits' probabilities multiplied */
  confidence: number;
  /** the least sure digit's probability (compared with `digitThreshold()`) */
  weakest: number;
  /** the likeliest reading whose value passes `accept` (a day of 1–31), with its probability */
  best(accept: (text: string) => boolean): { text: string; confidence: number } | null;
}

/** Reads the digits written in a blank (`endsAtSlash`: a number's, see cutDigits); null when nothing is written there. */
export function readHandwrittenDigits(grey: { data: Uint8Array | Buffer; width: number; height: number }, endsAtSlash = false): HandwrittenReading | null {
  // a blank that is only paper: Otsu splits paper grain, and nothing is dark
  let dark = 0;
  for (const v of grey.data) if (v < 110) dark++;
  if (dark < grey.width * grey.height * 0.004) return null;
  const digits = cutDigits(grey, cutThreshold(grey), endsAtSlash);
  if (!digits.length || digits.length > 5) return null;
  const read = digits.flatMap(readOneOrTwo);
  return {
    text: read.map((r) => r.digit).join(''),
    confidence: read.reduce((p, r) => p * r.probability, 1),
    weakest: Math.min(...read.map((r) => r.probability)),
    best(accept) {
      // every combination of each digit's three likeliest digits (at most 27 for three digits)
      const top = read.map((r) => r.probabilities.map((p, digit) => ({ p, digit })).sort((x, y) => y.p - x.p).slice(0, 3));
      let out: { text: string; confidence: number } | null = null;
      const walk = (i: number, text: string, p: number) => {
        if (i === top.length) {
          if (accept(text) && (!out || p > out.confidence)) out = { text, confidence: p };
          return;
        }
        for (const c of top[i]) walk(i + 1, text + c.digit, p * c.p);
      };
      if (top.length <= 3) walk(0, '', 1);
      return out;
    },
  };
}

/**
 * One digit, or two written touching ("90"): a component about as wide as tall is read both
 * ways, and split when its two halves are together likelier digits than the whole is one
 * (a barred 7 is wide, yet read surely whole). Where two round digits touch, the least ink
 * crosses inside one of them, not at the join: every cut in the middle third is tried, and the
 * pair the network finds likeliest kept.
 */
const SPLIT_DOUBT = 0.5;
function readOneOrTwo(d: InkImage): DigitRead[] {
  const whole = classifyDigit(d);
  if (d.width < d.height * 0.95) return [whole];
  let halves = splitInto(d, 2).map(classifyDigit);
  const pair = (h: DigitRead[]) => Math.sqrt(h[0].probability * h[1].probability);
  const step = Math.max(1, Math.round(d.width / 24));
  for (let x = Math.round(d.width / 3); x <= Math.round((2 * d.width) / 3); x += step) {
    const h = cutAt(d, [0, x, d.width]).map(classifyDigit);
    if (pair(h) > pair(halves)) halves = h;
  }
  // a 1 is never as wide as it is tall: read so, the ink is two digits whatever the network says.
  // Else two only when the pair leaves under half the whole's doubt: the best of many cuts clears
  // a lower bar than one cut did, and a wide single digit must not fall in two (held-out MNIST
  // digits stretched square: 45 of 892 split so, 47 under the one-cut rule; a fifth split 18 but
  // kept a real touching day whole)
  return whole.digit === 1 || 1 - pair(halves) < (1 - whole.probability) * SPLIT_DOUBT ? halves : [whole];
}
