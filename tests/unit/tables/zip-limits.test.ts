// Workbooks that would inflate past what the parser can hold, or that show the checker and the
// parser different entries, are refused before parsing; the parser reads only what was checked.
import { describe, expect, it } from 'vitest';
import { checkZipInflation, readZipEntries, ZIP_LIMITS } from '../../../electron/tables/zip-limits';
import { readTable } from '../../../electron/tables/read-table';
import { xlsxOf } from '../../fixtures/workbooks';
import { prependHiddenEntry, zipFiles, zipOf } from '../../fixtures/zips';

describe('ZIP inflation limits', () => {
  it('refuses a 3 MB-class bomb that inflates past the total, even when its headers claim little', async () => {
    const bomb = await zipOf([{ name: 'xl/worksheets/sheet1.xml', size: ZIP_LIMITS.maxTotalBytes + (1 << 20), lie: 1000 }]);
    expect(bomb.length).toBeLessThan(2 * 2 ** 20);
    expect(() => checkZipInflation(bomb)).toThrow(/giải nén vượt/);
    await expect(readTable('so-theo-doi.xlsx', bomb)).rejects.toMatchObject({ code: 'TABLE_TOO_BIG', params: { file: 'so-theo-doi.xlsx' } });
  });

  it('holds the shared strings and the entry count to their own limits', async () => {
    const strings = await zipOf([{ name: 'xl/sharedStrings.xml', size: 2000 }]);
    expect(() => checkZipInflation(strings, { ...ZIP_LIMITS, maxSharedStringsBytes: 1000 })).toThrow(/sharedStrings/);
    const many = await zipOf(Array.from({ length: 12 }, (_, i) => ({ name: `x${i}.xml`, size: 10 })));
    expect(() => checkZipInflation(many, { ...ZIP_LIMITS, maxEntries: 10 })).toThrow(/12 mục/);
    expect(() => checkZipInflation(many)).not.toThrow();
  });

  it('refuses a workbook with more entries than the limit, naming the file and the count', async () => {
    const many = zipFiles(Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `xl/x${i}.xml`, data: '<x/>' })));
    await expect(readTable('nhieu-muc.xlsx', many)).rejects.toMatchObject({ code: 'TABLE_TOO_BIG', message: expect.stringMatching(/^nhieu-muc\.xlsx: .*2001 mục, tối đa 2000/) });
  });

  it('names a file that is no ZIP at all as unreadable, not as too big', async () => {
    await expect(readTable('hong.xlsx', Buffer.from('PK not really'))).rejects.toMatchObject({ code: 'TABLE_UNREADABLE' });
  });

  it('refuses a bomb hidden before a small valid workbook, outside its table of contents, saying so', async () => {
    const valid = xlsxOf([['Mã hồ sơ', 'Ngày cấp'], ['HS-1', '2024-01-02']]);
    // 40 MB of spaces as another sheet1.xml, which a reader walking local headers would inflate
    const bomb = await zipOf([{ name: 'xl/worksheets/sheet1.xml', size: 40 * 2 ** 20 }]);
    const forged = prependHiddenEntry(bomb, valid);
    expect(forged.length).toBeLessThan(valid.length + 100_000);
    const err = await readTable('so-dang-ky.xlsx', forged).catch((e) => e);
    expect(err).toMatchObject({ code: 'TABLE_UNREADABLE', params: { file: 'so-dang-ky.xlsx' } });
    expect(err.message).toMatch(/mục xl\/worksheets\/sheet1\.xml ẩn ngoài mục lục ZIP \(byte 0\)/);
    // the same workbook without the hidden entry reads
    expect(await readTable('so-dang-ky.xlsx', valid)).toEqual([['Mã hồ sơ', 'Ngày cấp'], ['HS-1', '2024-01-02']]);
  });

  it('refuses a local header that names another entry than the table of contents', () => {
    const zip = zipFiles([{ name: 'xl/a.xml', data: '<a/>' }]);
    zip.write('xl/b', 30); // the local header's name; the table still says xl/a.xml
    expect(() => readZipEntries(zip)).toThrow(/không khớp mục lục ZIP/);
  });

  it('inflates only the entries asked for, and only those count', () => {
    const zip = zipFiles([
      { name: 'xl/a.xml', data: 'a'.repeat(1000) },
      { name: 'xl/media/image1.png', data: 'p'.repeat(5000) },
    ]);
    const got = readZipEntries(zip, (n) => n.endsWith('.xml'), { ...ZIP_LIMITS, maxTotalBytes: 2000 });
    expect([...got.keys()]).toEqual(['xl/a.xml']);
    expect(() => readZipEntries(zip, () => true, { ...ZIP_LIMITS, maxTotalBytes: 2000 })).toThrow(/image1\.png giải nén vượt/);
  });
});
