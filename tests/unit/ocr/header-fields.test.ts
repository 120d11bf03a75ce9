// The header's number and date read from OCR lines laid out as Decree 30/2020 prints them:
// the number under the body on the left, the italic place-and-date line under the motto on the right.
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../electron/ocr/fields';
import { plausibleDate } from '../../../electron/ocr/header-fields';
import type { OcrLine, OcrWord } from '../../../electron/ocr/pool';

const W = 2480;
const H = 3508;
function line(y: number, x: number, text: string, conf: (t: string) => number = () => 95): OcrLine {
  const words: OcrWord[] = [];
  let cx = x;
  for (const t of text.split(' ')) {
    words.push({ text: t, conf: conf(t), bbox: { x0: cx, y0: y, x1: cx + t.length * 22, y1: y + 40 } });
    cx += t.length * 22 + 16;
  }
  return { text, conf: 95, bbox: { x0: x, y0: y, x1: cx - 16, y1: y + 40 }, words };
}
const tag = (number: string, dateLines: OcrLine[]) =>
  extractFields([{ lines: [line(240, 420, 'ỦY BAN NHÂN DÂN'), line(300, 400, 'TỈNH THANH HÓA'), line(400, 380, number), ...dateLines, line(600, 1100, 'QUYẾT ĐỊNH')], size: { width: W, height: H }, qr: null }]);

describe('the number in the header', () => {
  it('keeps a legal document’s year in the number and gives the Đ back to "QD"', () => {
    expect(tag('Số: 12/2021/QĐ-UBND', [line(400, 1300, 'Thanh Hóa, ngày 05 tháng 3 năm 2021')]).number.value).toBe('12/2021/QĐ-UBND');
    const f = tag('Số: 12/QD-UBND', [line(400, 1300, 'Thanh Hóa, ngày 05 tháng 3 năm 2021')]);
    expect(f.number.value).toBe('12/QĐ-UBND');
    expect(f.type.value).toBe('Quyết định');
  });

  it('doubts a number whose digits rest on a repair', () => {
    const f = tag('Sô:36/5/QĐ-UBND', [line(400, 1300, 'Thanh Hóa, ngày 05 tháng 3 năm 2021')]);
    expect(f.number.value).toBe('3615/QĐ-UBND');
    expect(f.number.confidence).toBeLessThan(0.6);
  });
});

describe('the date in the header', () => {
  it('reads a date line wrapped after the month', () => {
    const f = tag('Số: 12/QĐ-UBND', [line(400, 1300, 'Thanh Hóa, ngày 5 tháng 3'), line(450, 1500, 'năm 2021')]);
    expect(f.date.value).toBe('2021-03-05');
    expect(f.place.value).toBe('Thanh Hóa');
  });

  it('reads the date where OCR misspelt "tháng" past recognition, by where it stands', () => {
    expect(tag('Số: 12/QĐ-UBND', [line(400, 1300, 'Hà Nội, ngày 08 phông 4 năm 2026')]).date.value).toBe('2026-04-08');
    // without the day and the month around it, a word is no "tháng"
    expect(tag('Số: 12/QĐ-UBND', [line(400, 1300, 'Hà Nội, ngày phông năm 2026')]).date.value).toBeNull();
  });

  it('is not made doubtful by a speck read into the place before it', () => {
    const f = tag('Số: 12/QĐ-UBND', [line(400, 1300, 'š, ngày 07 tháng 03 năm 2025', (t) => (t === 'š,' ? 0 : 95))]);
    expect(f.date.value).toBe('2025-03-07');
    expect(f.date.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('doubts a date after the signing time a signature stamp prints on the page, when the stamp was read surely', () => {
    const stamp = (time: string, conf = 95) => line(60, 1500, `Thời gian ký: ${time}`, (t) => (/\d/.test(t) ? conf : 95));
    const after = tag('Số: 12/QĐ-UBND', [stamp('03/02/2025 09:41:27'), line(400, 1300, 'Quảng Trị, ngày 11 tháng 02 năm 2025')]);
    expect(after.date.value).toBe('2025-02-11');
    expect(after.date.confidence).toBeLessThan(0.6);
    expect(tag('Số: 12/QĐ-UBND', [stamp('03/02/2025 09:41:27'), line(400, 1300, 'Quảng Trị, ngày 31 tháng 01 năm 2025')]).date.confidence).toBeGreaterThan(0.9);
    expect(tag('Số: 12/QĐ-UBND', [stamp('2025-02-03T09:41:27+07:00'), line(400, 1300, 'Quảng Trị, ngày 11 tháng 02 năm 2025')]).date.confidence).toBeLessThan(0.6);
    // a stamp OCR hardly read ("2020" for 2026) proves nothing
    expect(tag('Số: 12/QĐ-UBND', [stamp('14.05.2020 16:20', 78), line(400, 1300, 'Hà Nội, ngày 14 tháng 5 năm 2026')]).date.confidence).toBeGreaterThan(0.9);
    // nor does a dated event in the text that no stamp label introduces
    const event = line(60, 1500, 'Hội nghị họp lúc 03/02/2025 09:41 tại trụ sở');
    expect(tag('Số: 12/QĐ-UBND', [event, line(400, 1300, 'Quảng Trị, ngày 11 tháng 02 năm 2025')]).date.confidence).toBeGreaterThan(0.9);
  });

  it('doubts a date whose year OCR hardly read', () => {
    const f = tag('Số: 12/QĐ-UBND', [line(400, 1300, 'Sơn La, ngày 26 tháng 3 năm 1990', (t) => (t === '1990' ? 52 : 95))]);
    expect(f.date.value).toBe('1990-03-26');
    expect(f.date.confidence).toBeLessThan(0.6);
  });

  it('doubts a date in another year than the number’s, or after today', () => {
    const other = tag('Số: 12/2021/QĐ-UBND', [line(400, 1300, 'Thanh Hóa, ngày 05 tháng 3 năm 2024')]);
    expect(other.date.value).toBe('2024-03-05');
    expect(other.date.confidence).toBeLessThan(0.6);
    expect(tag('Số: 12/2021/QĐ-UBND', [line(400, 1300, 'Thanh Hóa, ngày 05 tháng 3 năm 2021')]).date.confidence).toBeGreaterThan(0.9);
    const next = new Date().getUTCFullYear() + 1;
    expect(plausibleDate(next, 1, 2, null)).toBe(false);
    expect(plausibleDate(2020, 1, 2, null, new Date(Date.UTC(2021, 0, 1)))).toBe(true);
    expect(plausibleDate(2020, 1, 2, 2019)).toBe(false);
    // today is Vietnam's: 03:00 on 3 January there is 20:00 on 2 January UTC
    expect(plausibleDate(2026, 1, 3, null, new Date(Date.UTC(2026, 0, 2, 20)))).toBe(true);
    expect(plausibleDate(2026, 1, 4, null, new Date(Date.UTC(2026, 0, 2, 20)))).toBe(false);
  });
});
