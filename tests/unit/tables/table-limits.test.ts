// Rows and cells are capped, with the file and the limit named; the cap is checked in the
// worksheet's XML before the parser runs.
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../electron/tables/read-table';
import { TABLE_LIMITS } from '../../../electron/tables/table-limits';
import { registerXlsx, xlsxOf } from '../../fixtures/workbooks';

describe('table size limits', () => {
  it('refuses a workbook over a million rows before parsing it, naming the file and the limit', async () => {
    const big = registerXlsx(TABLE_LIMITS.maxRows); // plus its header row
    const started = Date.now();
    const err = await readTable('so-ket-qua.xlsx', big).catch((e) => e);
    expect(err).toMatchObject({ code: 'TABLE_TOO_MANY_ROWS', params: { file: 'so-ket-qua.xlsx', count: 1_000_001, limit: 1_000_000 } });
    expect(err.message).toBe('so-ket-qua.xlsx: bảng tính có 1.000.001 dòng, vượt giới hạn 1.000.000 dòng; hãy tách thành nhiều tệp nhỏ hơn.');
    // counted, not parsed: parsing a million rows takes a minute
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('caps cells too, in XLSX and CSV', async () => {
    const limits = { maxRows: 100, maxCells: 5 };
    await expect(readTable('rong.xlsx', xlsxOf([['a', 'b', 'c'], ['1', '2', '3']]), limits)).rejects.toMatchObject({ code: 'TABLE_TOO_MANY_CELLS', params: { file: 'rong.xlsx', count: 6, limit: 5 } });
    await expect(readTable('rong.csv', Buffer.from('a,b,c\n1,2,3\n'), limits)).rejects.toMatchObject({ code: 'TABLE_TOO_MANY_CELLS', params: { file: 'rong.csv' } });
    await expect(readTable('dai.csv', Buffer.from('a\n1\n2\n3\n'), { maxRows: 3, maxCells: 100 })).rejects.toMatchObject({ code: 'TABLE_TOO_MANY_ROWS', params: { file: 'dai.csv', count: 4, limit: 3 } });
    expect(await readTable('vua.csv', Buffer.from('a,b\n1,2\n'), limits)).toEqual([['a', 'b'], ['1', '2']]);
  });
});
