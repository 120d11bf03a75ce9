// Workbooks that would inflate past what the parser can hold are refused before parsing.
import { describe, expect, it } from 'vitest';
import { checkZipInflation, ZIP_LIMITS } from '../../../electron/tables/zip-limits';
import { readTable } from '../../../electron/tables/read-table';
import { zipOf } from '../../fixtures/zips';

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

  it('names a file that is no ZIP at all as unreadable, not as too big', async () => {
    await expect(readTable('hong.xlsx', Buffer.from('PK not really'))).rejects.toMatchObject({ code: 'TABLE_UNREADABLE' });
  });
});
