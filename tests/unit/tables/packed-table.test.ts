// A table crosses from the worker thread as one string and the cells' lengths: it must come
// back cell for cell, whatever the cells hold.
import { describe, expect, it } from 'vitest';
import { packTable, unpackTable } from '../../../electron/tables/packed-table';
import { parseCsv } from '../../../electron/tables/read-table';

describe('packed table', () => {
  it('gives back every row and cell: empty cells, rows of other lengths, quotes, line breaks, accents and emoji', () => {
    const table = parseCsv('Mã hồ sơ,Tên,Ghi chú\nH1,"Nguyễn ""An""",\nH2,,"hai\ndòng"\n,,,thêm\nX,😀 Lê Thị Bình\n');
    expect(table.length).toBe(5);
    const packed = packTable(table);
    expect(packed.rows).toEqual(new Int32Array([3, 3, 3, 4, 2]));
    expect(unpackTable(structuredClone(packed))).toEqual(table);
  });

  it('packs an empty table and rows without cells', () => {
    expect(unpackTable(packTable([]))).toEqual([]);
    expect(unpackTable(packTable([[], [''], ['a', '']]))).toEqual([[], [''], ['a', '']]);
  });
});
