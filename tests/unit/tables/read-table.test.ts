import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { decodeText, locateColumns, parseCsv, readTable } from '../../../electron/tables/read-table';

const text = 'Tỉnh Thành Phố,Mã TP\nTỉnh Thanh Hóa,38\n';

function utf16le(s: string, bom: boolean) {
  const body = Buffer.from(s, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

describe('decodeText', () => {
  it('reads UTF-8, UTF-8 with BOM and UTF-16 LE as Excel writes them', () => {
    expect(decodeText(Buffer.from(text))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeText(utf16le(text, true))).toBe(text);
  });
  it('falls back to Windows-1258 for Vietnamese text that is not UTF-8', () => {
    // "Như Xuân, Thanh Hóa" in CP1258: ư = FD, â = E2, ó = F3
    const cp1258 = Buffer.from([0x4e, 0x68, 0xfd, 0x20, 0x58, 0x75, 0xe2, 0x6e, 0x2c, 0x20, 0x54, 0x68, 0x61, 0x6e, 0x68, 0x20, 0x48, 0xf3, 0x61]);
    expect(decodeText(cp1258)).toBe('Như Xuân, Thanh Hóa');
  });
  it('composes tone marks written as combining characters (NFC)', () => {
    // "Thế" in CP1258 is "Thê" + combining acute (EC)
    expect(decodeText(Buffer.from([0x54, 0x68, 0xea, 0xec]))).toBe('Thế');
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded delimiters and newlines, CRLF and blank lines', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });
  it('guesses semicolon and tab delimiters', () => {
    expect(parseCsv('a;b\n1;2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('readTable', () => {
  it('reads the first sheet of an XLSX file', async () => {
    const xlsx = await writeExcelFile([
      ['Tỉnh Thành Phố', 'Mã TP'],
      ['Tỉnh Thanh Hóa', 38],
    ]).toBuffer();
    expect(await readTable('dm.xlsx', xlsx)).toEqual([
      ['Tỉnh Thành Phố', 'Mã TP'],
      ['Tỉnh Thanh Hóa', '38'],
    ]);
  });
  it('names the file when a spreadsheet cannot be read', async () => {
    await expect(readTable('hong.xlsx', Buffer.from('not a zip'))).rejects.toThrow(/hong\.xlsx: không đọc được bảng tính/);
  });
});

describe('locateColumns', () => {
  it('finds a header row below a title row, by any alias, ignoring case', () => {
    const t = [['DANH MỤC ĐƠN VỊ'], ['STT', 'MÃ TP', 'tỉnh thành phố']];
    expect(locateColumns(t, { code: ['Mã TP'], name: ['Tỉnh Thành Phố'] }, ['code', 'name'])).toEqual({ headerRow: 1, index: { code: 1, name: 2 } });
    expect(locateColumns(t, { code: ['Mã QH'] }, ['code'])).toBeNull();
  });
});
