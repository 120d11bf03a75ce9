import { describe, expect, it } from 'vitest';
import { followClippedInk } from '../../../electron/ocr/digit-cut';
import { findBlanks, repairDigits, symbolSlash } from '../../../electron/ocr/digits';
import { classifyDigit, cutDigits, readHandwrittenDigits } from '../../../electron/ocr/handwritten-digits';
import type { OcrLine, OcrWord } from '../../../electron/ocr/pool';

const W = 2480;
const H = 3508;
function line(y: number, words: [number, string, number?][]): OcrLine {
  const ws: OcrWord[] = words.map(([x, text, conf]) => ({ text, conf: conf ?? 95, bbox: { x0: x, y0: y, x1: x + text.length * 24, y1: y + 44 } }));
  return { text: ws.map((w) => w.text).join(' '), conf: 90, bbox: { x0: ws[0].bbox.x0, y0: y, x1: ws[ws.length - 1].bbox.x1, y1: y + 44 }, words: ws };
}

/** A digit stroke-drawn into a grey blank (0 = ink), as the văn thư's pen leaves it. */
function blankWith(draw: (put: (x: number, y: number) => void) => void, w = 120, h = 90): { data: Buffer; width: number; height: number } {
  const data = Buffer.alloc(w * h, 235);
  const put = (x: number, y: number) => {
    for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) if (dx * dx + dy * dy <= 9) data[Math.round(y + dy) * w + Math.round(x + dx)] = 30;
  };
  draw(put);
  return { data, width: w, height: h };
}
const stroke = (put: (x: number, y: number) => void, pts: [number, number][]) => {
  for (let i = 1; i < pts.length; i++) for (let t = 0; t <= 1; t += 0.02) put(pts[i - 1][0] + (pts[i][0] - pts[i - 1][0]) * t, pts[i - 1][1] + (pts[i][1] - pts[i - 1][1]) * t);
};

describe('unsure digits', () => {
  it('repairs what OCR makes of digits, and refuses what is not a number', () => {
    expect(repairDigits('I1')).toEqual({ digits: '11', repaired: true });
    expect(repairDigits('O4')).toEqual({ digits: '04', repaired: true });
    expect(repairDigits('5T5')).toEqual({ digits: '575', repaired: true });
    expect(repairDigits('8]')).toEqual({ digits: '81', repaired: true });
    expect(repairDigits('Zg')).toEqual({ digits: '29', repaired: true });
    expect(repairDigits('1147')).toEqual({ digits: '1147', repaired: false });
    expect(repairDigits('đề')).toBeNull();
    expect(repairDigits('')).toBeNull();
  });

  it('finds the number blank between "Số:" and the slash, and the day and month blanks of the date line', () => {
    const lines = [
      line(400, [[380, 'Số:'], [470, 'I1', 40], [560, '/UBND-VP']]),
      line(460, [[1300, 'Như'], [1400, 'Xuân,'], [1540, 'ngày'], [1660, '2#', 30], [1740, 'tháng'], [1880, '04'], [1950, 'năm'], [2040, '2021']]),
    ];
    const b = findBlanks(lines, W, H);
    expect(b.map((x) => [x.kind, x.text])).toEqual([
      ['number', 'I1'],
      ['day', '2#'],
      ['month', '04'],
    ]);
    // the number's blank lies right of "Số:" and left of the slash
    expect(b[0].area.x0).toBeGreaterThan(380);
    expect(b[0].area.x1).toBeLessThanOrEqual(560);
  });

  it('cuts written digits apart and reads them with the network learnt from MNIST', () => {
    // "17": a one with a flag, a seven
    const g = blankWith((put) => {
      stroke(put, [[20, 35], [38, 15], [34, 78]]);
      stroke(put, [[60, 16], [100, 16], [72, 78]]);
    });
    expect(cutDigits(g, 128)).toHaveLength(2);
    const r = readHandwrittenDigits(g)!;
    expect(r.text).toHaveLength(2);
    expect(r.text[1]).toBe('7');
    // a blank left blank stays blank: a draft's number
    expect(readHandwrittenDigits(blankWith(() => undefined))).toBeNull();
  });

  it('tells a zero from a one', () => {
    const zero = blankWith((put) => {
      for (let a = 0; a < Math.PI * 2; a += 0.02) put(60 + 22 * Math.cos(a), 45 + 32 * Math.sin(a));
    });
    const one = blankWith((put) => stroke(put, [[60, 12], [58, 80]]));
    const read = (g: ReturnType<typeof blankWith>) => classifyDigit({ data: Float32Array.from(g.data, (v) => (v < 128 ? 1 : 0)), width: g.width, height: g.height }).digit;
    expect(read(zero)).toBe(0);
    expect(read(one)).toBe(1);
  });

  it('leaves out what is left of the printed line: the colon of "Số:" and the slash before the symbol', () => {
    // ": 07 /" — the blank cut a little wide on both sides
    const g = blankWith((put) => {
      put(8, 40);
      put(8, 62);
      for (let a = 0; a < Math.PI * 2; a += 0.02) put(38 + 12 * Math.cos(a), 48 + 28 * Math.sin(a));
      stroke(put, [[62, 22], [92, 22], [70, 76]]);
      stroke(put, [[96, 82], [118, 14]]);
    }, 120, 96);
    expect(cutDigits(g, 128)).toHaveLength(2);
    expect(readHandwrittenDigits(g)!.text).toHaveLength(2);
  });

  it('keeps a small round 0 written beside a tall 1, though it is shorter than a mark may be', () => {
    // "10": a long slanted 1, then a 0 half its height with as much ink
    const g = blankWith((put) => {
      stroke(put, [[14, 34], [30, 10], [22, 84]]);
      for (let a = 0; a < Math.PI * 2; a += 0.02) put(62 + 14 * Math.cos(a), 62 + 20 * Math.sin(a));
    }, 100, 96);
    expect(cutDigits(g, 128)).toHaveLength(2);
    // the colon's dots, as short, have little ink: still left out
    const colon = blankWith((put) => {
      put(8, 50);
      put(8, 66);
      stroke(put, [[40, 14], [38, 84]]);
    }, 100, 96);
    expect(cutDigits(colon, 128)).toHaveLength(1);
  });

  it('leaves out the printed slash the number blank’s right edge clips, shorter than the hand-writing', () => {
    // "13" then a third stroke at the right edge
    const thirteenThen = (last: [number, number][]) =>
      blankWith((put) => {
        stroke(put, [[16, 14], [14, 80]]);
        stroke(put, [[34, 16], [56, 16], [44, 44], [58, 62], [36, 80]]);
        stroke(put, last);
      }, 120, 96);
    // the slash with its top cut off by the edge: thin, upright what is left of it, and short
    const clipped = thirteenThen([[108, 78], [116, 34]]);
    expect(cutDigits(clipped, 128, true)).toHaveLength(2);
    // in a day's or month's blank no slash follows: a short last stroke is a digit
    expect(cutDigits(clipped, 128)).toHaveLength(3);
    // a hand-written 1 as tall as the other digits at that edge stays
    const one = thirteenThen([[114, 14], [114, 80]]);
    expect(cutDigits(one, 128, true)).toHaveLength(3);
  });

  it('reads two digits written touching as two when the halves are likelier digits than the whole', () => {
    // "00", the two zeros touching: about as wide as tall, too narrow to be cut as two on its shape alone
    const g = blankWith((put) => {
      for (let a = 0; a < Math.PI * 2; a += 0.02) put(30 + 15 * Math.cos(a), 47 + 28 * Math.sin(a));
      for (let a = 0; a < Math.PI * 2; a += 0.02) put(61 + 15 * Math.cos(a), 47 + 28 * Math.sin(a));
    }, 100, 96);
    expect(cutDigits(g, 128)).toHaveLength(1);
    expect(readHandwrittenDigits(g)!.text).toHaveLength(2);
  });

  it('ends the day blank where the printed "tháng" begins, though a digit written into it widened and spoilt OCR\'s box of it', () => {
    const l = line(460, [[1300, 'Huế,'], [1420, 'ngày'], [1540, '1', 40], [1600, 'tháng', 33], [1780, '8'], [1850, 'năm'], [1940, '2021']]);
    l.words[3].bbox.x0 = 1570; // the box took in the written "5" of "15"
    const day = findBlanks([l], W, H).find((b) => b.kind === 'day')!;
    expect(day.area.x1).toBeGreaterThan(1600);
    // a clean "tháng" keeps its box
    const clean = line(460, [[1300, 'Huế,'], [1420, 'ngày'], [1540, '1', 40], [1600, 'tháng'], [1780, '8'], [1850, 'năm'], [1940, '2021']]);
    expect(findBlanks([clean], W, H).find((b) => b.kind === 'day')!.area.x1).toBeLessThanOrEqual(1600);
  });

  it('starts the day blank where the printed "ngày" ends, though OCR\'s box of the word runs over the first digit', () => {
    const l = line(460, [[1300, 'Huế,'], [1420, 'ngày'], [1640, 'tháng'], [1780, '04'], [1850, 'năm'], [1940, '2021']]);
    l.words[1].bbox.x1 = 1600; // the box took in the written "2" of "22"
    const day = findBlanks([l], W, H).find((b) => b.kind === 'day')!;
    // "ngày" is about 1.17 times as wide as the printed "năm" (72 px here)
    expect(day.area.x0).toBeLessThan(1420 + 72 * 1.2 + 5);
    expect(day.area.x1).toBeLessThanOrEqual(1640);
  });

  it('reads a barred 7 and a felt-tip 9 as they are, not as 4 and 3', () => {
    const thick = (draw: (put: (x: number, y: number) => void) => void) => {
      const g = blankWith((put) => draw((x, y) => {
        for (let d = -2; d <= 2; d++) put(x + d, y);
      }));
      return classifyDigit({ data: Float32Array.from(g.data, (v) => (v < 128 ? 1 : 0)), width: g.width, height: g.height }).digit;
    };
    const barred7 = blankWith((put) => {
      stroke(put, [[30, 16], [88, 16], [52, 80]]);
      stroke(put, [[50, 48], [84, 48]]);
    });
    const read = (g: ReturnType<typeof blankWith>) => classifyDigit({ data: Float32Array.from(g.data, (v) => (v < 128 ? 1 : 0)), width: g.width, height: g.height }).digit;
    expect(read(barred7)).toBe(7);
    expect(
      thick((put) => {
        for (let a = 0; a < Math.PI * 2; a += 0.02) put(58 + 16 * Math.cos(a), 30 + 14 * Math.sin(a));
        stroke(put, [[74, 30], [70, 80]]);
      }),
    ).toBe(9);
  });

  it('finds the number blank behind "Số" as OCR misreads it, and past a 1 read as a slash, up to the symbol’s slash', () => {
    const b = findBlanks([line(400, [[380, 'sá:'], [470, '57%', 40], [560, '/C02-P3']]), line(460, [[380, 'Sô:36/5/BCA-C04', 40]])], W, H);
    expect(b.map((x) => [x.kind, x.text])).toEqual([
      ['number', '57%'],
      ['number', '36/5'],
    ]);
    // the second blank reaches past "36/5" to the slash before "BCA"
    expect(b[1].area.x1).toBeGreaterThan(380 + 24 * 'Sô:36/5'.length - 30);
  });

  it('leaves the year of a legal document’s symbol out of the number blank, and in the line', () => {
    const lines = [line(400, [[380, 'Số:'], [470, 'ÔT', 0], [560, '/2024/QĐ-UBND']])];
    const b = findBlanks(lines, W, H);
    expect(b.map((x) => [x.kind, x.text])).toEqual([['number', 'ÔT']]);
    expect(b[0].area.x1).toBeLessThanOrEqual(560);
    expect(symbolSlash('/2024/QĐ-UBND')).toBe(0);
    expect(symbolSlash('36/5/BCA-C04')).toBe(4);
  });

  it('runs the number blank over digits OCR put after a slash that was a 1, to where the symbol’s letters begin', () => {
    const lines = [line(400, [[380, 'Số:'], [470, '4', 60], [520, '/27QĐ-TTg', 40]])];
    const b = findBlanks(lines, W, H);
    expect(b.map((x) => [x.kind, x.text, x.symbol])).toEqual([['number', '4/27', 'QĐ-TTg']]);
    // the blank ends after "/27", not at the slash
    expect(b[0].area.x1).toBeGreaterThan(520 + 24 * 3 - 5);
  });

  it('finds no number blank in a body line that cites another document’s number', () => {
    expect(findBlanks([line(900, [[300, 'Thực'], [420, 'hiện'], [530, 'Nghị'], [640, 'quyết'], [780, 'số'], [850, '163/2024/QH15']])], W, H)).toEqual([]);
    // "Số" glued to its hand-written digits behind a fraction slash
    expect(findBlanks([line(400, [[380, 'Só⁄3f', 20], [560, '/TTr-'], [700, 'CAT-PC06']])], W, H).map((x) => x.kind)).toEqual(['number']);
  });

  it('takes a slash OCR read as a quote for the slash', () => {
    const lines = [line(400, [[380, 'Số:'], [470, '2/0|', 30], [600, '“CT-KK']])];
    const b = findBlanks(lines, W, H);
    expect(b.map((x) => [x.kind, x.text])).toEqual([['number', '2/0|']]);
  });

  it('takes a slash OCR read as J for the slash, so the number is still read', () => {
    const lines = [line(400, [[380, 'Số:'], [470, 'ÔT', 0], [560, 'JCT-UBND']])];
    const b = findBlanks(lines, W, H);
    expect(b.map((x) => [x.kind, x.text])).toEqual([['number', 'ÔT']]);
    expect(lines[0].words[2].text).toBe('/CT-UBND');
    expect(lines[0].text).toBe('Số: ÔT /CT-UBND');
  });

  it('finds the number blank behind "Số" with the hand-written digits read as letters glued to it, when the symbol follows', () => {
    const b = findBlanks([line(400, [[380, 'SóZf', 30], [500, '/TTr-'], [640, 'CAT-PC04']])], W, H);
    expect(b.map((x) => [x.kind, x.text])).toEqual([['number', 'Zf']]);
    expect(b[0].area.x1).toBeLessThanOrEqual(500);
    // a word that only begins like "Số" is not the number without the symbol after it
    expect(findBlanks([line(400, [[380, 'Sơn'], [480, 'La,'], [560, 'ngày']])], W, H)).toEqual([]);
  });

  it('finds the month blank after a "tháng" OCR misspelt past recognition, between the day and "năm"', () => {
    const b = findBlanks([line(460, [[1300, 'Hà'], [1380, 'Nội,'], [1500, 'ngày'], [1620, '09', 40], [1700, 'phông'], [1840, '#', 20], [1900, 'năm'], [2000, '2026']])], W, H);
    expect(b.map((x) => [x.kind, x.text])).toEqual([
      ['day', '09'],
      ['month', '#'],
    ]);
    // a printed date range in the body has no "tháng" to find
    expect(findBlanks([line(460, [[1300, 'từ'], [1380, 'ngày'], [1500, '01/3'], [1620, 'đến'], [1720, 'hết'], [1820, 'năm'], [1920, '2024.']])], W, H)).toEqual([]);
  });

  it('runs the number blank to the symbol OCR glued to the digits without their slash, in the word after "Số:"', () => {
    const lines = [line(400, [[380, 'Số:'], [470, '4ƒ33QĐ-TTg', 40]])];
    const b = findBlanks(lines, W, H);
    expect(b.map((x) => [x.kind, x.text, x.symbol])).toEqual([['number', '4ƒ33', 'QĐ-TTg']]);
    // the blank ends where the symbol's letters begin
    expect(b[0].area.x1).toBeGreaterThan(470 + 24 * 3);
    expect(b[0].area.x1).toBeLessThan(470 + 24 * 4.5);
    // the slash read as a bracket, the digits split over two words, a symbol with digits in it
    const split = findBlanks([line(400, [[380, 'số:'], [470, '3', 40], [520, '3#)C04-P6', 30]])], W, H);
    expect(split.map((x) => [x.kind, x.text, x.symbol])).toEqual([['number', '33#', 'C04-P6']]);
  });

  it('starts a blank where a digit its start cuts through starts, and never for a printed letter or a lone mark', () => {
    // a "2" written from x = 100 to 140 and a "7" after it; the blank placed from x = 122
    const two = (put: (x: number, y: number) => void) => stroke(put, [[104, 30], [120, 18], [136, 30], [104, 70], [140, 70]]);
    const seven = (put: (x: number, y: number) => void) => stroke(put, [[160, 18], [196, 18], [172, 72]]);
    const area = { x0: 122, y0: 5, x1: 230, y1: 95 };
    const moved = followClippedInk(blankWith((put) => (two(put), seven(put)), 300, 100), area, 60);
    expect(moved.x0).toBeGreaterThan(94);
    expect(moved.x0).toBeLessThan(102);
    expect([moved.x1, moved.y0, moved.y1]).toEqual([230, 5, 95]);
    // ink that runs on past half a line height to the left is the printed word's
    expect(followClippedInk(blankWith((put) => (stroke(put, [[20, 70], [136, 70], [136, 20]]), seven(put)), 300, 100), area, 60)).toEqual(area);
    // a letter shorter than the writing beside it ("y" of "ngày"), or a mark alone in an empty blank
    const letter = (put: (x: number, y: number) => void) => stroke(put, [[112, 45], [124, 68], [136, 45]]);
    expect(followClippedInk(blankWith((put) => (letter(put), seven(put)), 300, 100), area, 60)).toEqual(area);
    expect(followClippedInk(blankWith((put) => two(put), 300, 100), area, 60)).toEqual(area);
  });
});
