import { describe, expect, it } from 'vitest';
import type { OcrLine, OcrWord } from '../../../electron/ocr/pool';
import { replaceCovered, signatureArea } from '../../../electron/ocr/signature-reread';

const W = 2480;
const H = 3508;
function line(y: number, words: [number, string][], conf = 95): OcrLine {
  const ws: OcrWord[] = words.map(([x, text]) => ({ text, conf, bbox: { x0: x, y0: y, x1: x + text.length * 24, y1: y + 50 } }));
  return { text: ws.map((w) => w.text).join(' '), conf, bbox: { x0: ws[0].bbox.x0, y0: y, x1: ws[ws.length - 1].bbox.x1, y1: y + 50 }, words: ws };
}

describe('the signature block read again', () => {
  it('lies on the right from "Nơi nhận" and the first title line down past the name', () => {
    const lines = [
      line(1800, [[400, 'Nơi'], [480, 'nhận:'], [1560, 'KT.'], [1650, 'CHỦ'], [1760, 'TỊCH']]),
      line(1860, [[400, '-'], [440, 'Như'], [530, 'trên;'], [1540, 'PHÓ'], [1650, 'CHỦ'], [1760, 'TỊCH']]),
    ];
    const a = signatureArea(lines, W, H)!;
    expect(a.y0).toBeLessThan(1800);
    expect(a.x0).toBeGreaterThanOrEqual(W * 0.45);
    expect(a.x0).toBeLessThan(1540);
    expect(a.x1).toBe(W);
    // the name stands some ten lines under the titles, past the signature and the seal
    expect(a.y1).toBeGreaterThan(1800 + 50 * 12);
  });

  it('is not looked for without title lines, nor taken from a centred authority line under a title', () => {
    expect(signatureArea([line(1800, [[400, 'Nơi'], [480, 'nhận:']])], W, H)).toBeNull();
    const authority = line(900, [[700, 'CHỦ'], [800, 'TỊCH'], [910, 'ỦY'], [980, 'BAN'], [1070, 'NHÂN'], [1190, 'DÂN'], [1290, 'TỈNH'], [1400, 'CAO'], [1480, 'BẰNG']]);
    expect(signatureArea([authority], W, H)).toBeNull();
  });

  it('puts the sure lines read again in place of the words they cover, and keeps the rest', () => {
    const lines = [line(2950, [[384, '-'], [420, 'Lưu:'], [520, 'VT.'], [1600, 'Trân'], [1720, 'Minh'], [1870, 'Khoạ']])];
    const again = line(2948, [[1598, 'Trần'], [1718, 'Minh'], [1868, 'Khoa']], 92);
    replaceCovered(lines, [again]);
    // in reading order: the line read again starts a little higher
    expect(lines.map((l) => l.text)).toEqual(['Trần Minh Khoa', '- Lưu: VT.']);
  });

  it('keeps the page\'s words where the block read again is much less sure of them', () => {
    const lines = [line(2950, [[1600, 'Trần'], [1720, 'Minh'], [1870, 'Khoa']], 95)];
    replaceCovered(lines, [line(2948, [[1598, 'Trần'], [1718, 'Minh'], [1868, 'Khóa']], 70)]);
    expect(lines.map((l) => l.text)).toEqual(['Trần Minh Khoa']);
  });
});
