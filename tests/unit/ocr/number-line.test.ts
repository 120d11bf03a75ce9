// The number line as Decree 30/2020 prints it and as OCR reads it back.
import { describe, expect, it } from 'vitest';
import { parseNumberLine } from '../../../electron/ocr/number-line';

const read = (t: string) => {
  const n = parseNumberLine(t);
  return n && { value: n.number === null ? null : `${n.number}/${n.symbol}`, year: n.year, doubtful: n.doubtful };
};

describe('the number line', () => {
  it('reads the forms the decree prints: with and without the colon, with the year, with a unit in brackets', () => {
    expect(read('Số: 12/CT-UBND')).toEqual({ value: '12/CT-UBND', year: null, doubtful: false });
    expect(read('Số 12/QĐ-UBND')).toEqual({ value: '12/QĐ-UBND', year: null, doubtful: false });
    expect(read('Số: 12/2021/QĐ-UBND')).toEqual({ value: '12/2021/QĐ-UBND', year: 2021, doubtful: false });
    expect(read('Số: 2087/CAT-PC06(Đ2)')).toEqual({ value: '2087/CAT-PC06(Đ2)', year: null, doubtful: false });
  });

  it('leaves the number of a draft empty, and reads no other line as a number line', () => {
    expect(read('Số:            /UBND-VP')).toEqual({ value: null, year: null, doubtful: false });
    expect(read('Sở Y tế')).toBeNull();
    expect(read('Số lượng 12 người')).toBeNull();
    expect(read('TỈNH THANH HÓA')).toBeNull();
  });

  it('reads "Số" as OCR misreads it', () => {
    for (const head of ['Sô:', 'Sộ:', 'sá:', 'S6:', 'Só', '_Số:']) expect(read(`${head} 87/UBND-VP`)?.value).toBe('87/UBND-VP');
    expect(read('Só⁄3f /TTr- CAT-PC06')?.doubtful).toBe(true);
  });

  it('puts back a symbol OCR broke: the Icelandic Ð, a lost slash, a slash read as a quote, a symbol cut after its hyphen', () => {
    expect(read('Số: 45/QÐ-TTg')?.value).toBe('45/QĐ-TTg');
    expect(read('Số: 45QĐ-UBND')?.value).toBe('45/QĐ-UBND');
    expect(read('Số: 21 “CT-KK')?.value).toBe('21/CT-KK');
    expect(read('Số: 317/TTr- CAT-PC06')?.value).toBe('317/TTr-CAT-PC06');
  });

  it('reads a hand-written 1 OCR took for a slash inside the number, and doubts it', () => {
    expect(read('Sô:36/5/BCA-C04')).toEqual({ value: '3615/BCA-C04', year: null, doubtful: true });
    // a year is no such slash
    expect(read('Số: 7/2019/NQ-HĐND')).toEqual({ value: '7/2019/NQ-HĐND', year: 2019, doubtful: false });
  });

  it('doubts a number with a mark glued to it', () => {
    expect(read('Số: 249}/UBND-VP')).toEqual({ value: '249/UBND-VP', year: null, doubtful: true });
  });
});
