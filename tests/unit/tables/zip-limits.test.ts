// Workbooks that would inflate past what the parser can hold are refused before parsing.
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkZipInflation, ZIP_LIMITS } from '../../../electron/tables/zip-limits';
import { readTable } from '../../../electron/tables/read-table';

/** A ZIP of deflated entries, each `size` bytes of one repeated character, built without holding them inflated. */
async function zipOf(entries: { name: string; size: number; lie?: number }[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const deflate = zlib.createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    deflate.on('data', (c) => out.push(c));
    const done = new Promise((r) => deflate.on('end', r));
    const chunk = Buffer.alloc(1 << 20, 0x20);
    const src = new PassThrough();
    src.pipe(deflate);
    for (let left = e.size; left > 0; left -= chunk.length) if (!src.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => src.once('drain', r));
    src.end();
    await done;
    const data = Buffer.concat(out);
    const name = Buffer.from(e.name);
    const declared = e.lie ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(data.length, 20);
    cen.writeUInt32LE(declared, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(cen, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

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
