// The documents a text cites bound its own date from below: a date read before the latest of
// them is a misreading, doubted. A date the document rules out (so, or by the number's year)
// takes the day or month another reader read, or a year OCR hardly read put one digit right,
// when exactly one such reading fits; still for review.
import { describe, expect, it } from 'vitest';
import { latestCitedDate } from '../../../electron/ocr/cited-dates';
import { extractFields } from '../../../electron/ocr/fields';
import type { Segment } from '../../../electron/ocr/field-layout';
import type { OcrLine } from '../../../electron/ocr/pool';

const W = 2480;
const H = 3508;

/** a line of words at (x, y), each read at `conf` unless the word says otherwise ("1980@52"; "3@50~9": another reader read 9) */
function line(y: number, x: number, text: string, conf = 96): OcrLine {
  let cx = x;
  const words = text.split(' ').map((t) => {
    const [read, alt] = t.split('~');
    const [word, c] = read.split('@');
    const w = { text: word, conf: c ? Number(c) : conf, bbox: { x0: cx, y0: y, x1: cx + word.length * 22, y1: y + 40 }, ...(alt ? { alt } : {}) };
    cx += word.length * 22 + 16;
    return w;
  });
  return { text: words.map((w) => w.text).join(' '), conf, bbox: { x0: x, y0: y, x1: cx - 16, y1: y + 40 }, words };
}
const seg = (text: string, conf = 96): Segment => ({ ...line(0, 100, text, conf), page: 1, col: 'full' });

describe('the dates of the documents a text cites', () => {
  it('takes the latest date a numbered citation gives, in either form', () => {
    const cited = latestCitedDate([
      seg('Căn cứ Quyết định số: 412 / UB-QĐ ngày 12 tháng 5 năm 1987 của UBND tỉnh;'),
      seg('Căn cứ Nghị định số 73/2019/NĐ-CP ngày 05/9/2019 của Chính phủ;'),
      seg('Xét đề nghị tại Tờ trình số 27/TTr-SNV. ngày 03/01/2020.'),
    ]);
    expect(cited).toBe('2020-01-03');
  });

  it('leaves out what names no document, a receipt stamp, and a date read unsurely', () => {
    expect(latestCitedDate([seg('hoàn thành trước ngày 31/12/2030;')])).toBeNull();
    expect(latestCitedDate([seg('Căn cứ Luật Đất đai ngày 18/01/2024;')])).toBeNull();
    expect(latestCitedDate([seg('CÔNG VĂN ĐẾN Số: 327 Ngày: 05/5/2025')])).toBeNull();
    expect(latestCitedDate([seg('ĐẾN Số: 327/VP Ngày: 05/5/2025')])).toBeNull();
    // a copy's own number and date, stamped when the copy was made
    expect(latestCitedDate([seg('SAO Y BẢN CHÍNH Số: 45/SY-VP ngày 20/5/2025')])).toBeNull();
    expect(latestCitedDate([seg('Số: 45/SY-VP ngày 20/5/2025')])).toBeNull();
    // a date after today is a misreading, and would rule out every date
    expect(latestCitedDate([seg('Căn cứ Quyết định số 12/QĐ-UBND ngày 05/5/2095;')], new Date('2026-01-01'))).toBeNull();
    expect(latestCitedDate([seg('Căn cứ Kế hoạch số 15/KH-UBND ngày 20/3/2025;@70')])).toBeNull();
    expect(latestCitedDate([seg('Căn cứ Kế hoạch số 15/KH-UBND ngày 20/3/2025;@90')])).toBe('2025-03-20');
    // the document's own header line: its place stands between the number and the date
    expect(latestCitedDate([seg('Số: 15/KH-UBND Thanh Hóa, ngày 20 tháng 3 năm 2025')])).toBeNull();
  });
});

describe('the date against the documents cited', () => {
  const page = (dateLine: string, body: string[], number = 'Số: 212/QĐ-UBND') => {
    const lines = [
      line(240, 420, 'ỦY BAN NHÂN DÂN'),
      line(300, 400, 'TỈNH THANH HÓA'),
      line(400, 380, number),
      line(400, 1300, dateLine),
      line(560, 1100, 'QUYẾT ĐỊNH'),
      line(620, 800, 'Về việc giao đất ở cho hộ gia đình'),
      ...body.map((t, i) => line(760 + i * 60, 300, t)),
    ];
    return extractFields([{ lines, size: { width: W, height: H }, qr: null }]).date;
  };
  const body = ['Căn cứ Quyết định số 118/QĐ-UB ngày 14/12/1998 của UBND tỉnh;', 'Xét Tờ trình số 9/TTr-UB ngày 09/01/1999 của UBND huyện;'];

  it('puts right a year OCR hardly read when one year a digit away fits, and asks a person', () => {
    // 1991 … 1999 are a digit from 1990, and of them only 1999 comes after January 1999
    const d = page('Thanh Hóa, ngày 20 tháng 2 năm 1990@52', body);
    expect(d.value).toBe('1999-02-20');
    expect(d.confidence).toBeLessThan(0.6);
  });

  it('doubts a date read surely before a cited document, and keeps it as read', () => {
    const d = page('Thanh Hóa, ngày 20 tháng 2 năm 1990', body);
    expect(d.value).toBe('1990-02-20');
    expect(d.confidence).toBeLessThan(0.6);
  });

  it('keeps the year read when more than one year a digit away would fit', () => {
    // after a citation of December 2015, 2016 … 2019 and 2020 are each a digit from 2010
    const d = page('Thanh Hóa, ngày 20 tháng 2 năm 2010@52', ['Căn cứ Quyết định số 118/QĐ-UB ngày 14/12/2015 của UBND tỉnh;']);
    expect(d.value).toBe('2010-02-20');
    expect(d.confidence).toBeLessThan(0.6);
  });

  it('takes the day or month another reader read when only that reading fits, and asks a person', () => {
    const cites = ['Căn cứ Kế hoạch số 5120/KH-BTC ngày 14/7/2025 của Bộ Tài chính;'];
    const d = page('Hà Nội, ngày 16 tháng 3@50~9 năm 2025', cites);
    expect(d.value).toBe('2025-09-16');
    expect(d.confidence).toBeLessThan(0.6);
    // both the other day and the other month would fit: neither is guessed
    const two = page('Hà Nội, ngày 1@50~21 tháng 3@50~9 năm 2025', ['Căn cứ Kế hoạch số 5120/KH-BTC ngày 02/3/2025;']);
    expect(two.value).toBe('2025-03-01');
    expect(two.confidence).toBeLessThan(0.6);
    // another reader's "05" for a day read "5" is the same day, not a second reading that fits
    expect(page('Hà Nội, ngày 5@50~05 tháng 3@50~9 năm 2025', cites).value).toBe('2025-09-05');
    // a possible date keeps what was read, whatever the other reader read
    expect(page('Hà Nội, ngày 16 tháng 8@50~9 năm 2025', cites).value).toBe('2025-08-16');
  });

  it('puts right a year OCR hardly read to the year the number carries', () => {
    const d = page('Thanh Hóa, ngày 20 tháng 2 năm 2024@45', [], 'Số: 12/2021/QĐ-UBND');
    expect(d.value).toBe('2021-02-20');
    expect(d.confidence).toBeLessThan(0.6);
  });

  it('does not doubt a date after every document it cites', () => {
    const d = page('Thanh Hóa, ngày 20 tháng 2 năm 1999', body);
    expect(d.value).toBe('1999-02-20');
    expect(d.confidence).toBeGreaterThan(0.6);
  });
});
