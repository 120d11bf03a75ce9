// An XLSX is a ZIP: a few megabytes can inflate to gigabytes and bring the process down
// inside the spreadsheet parser. So the parser never reads the file it was given: the entries
// it needs are located (zip-layout.ts: the table of contents and the local headers must agree),
// inflated here with a hard cap on what comes out (declared sizes can lie), counted against
// the limits, and handed over re-packed as a stored ZIP holding only those entries.
import zlib from 'node:zlib';
import { ZipLimitError } from './zip-errors';
import { zipLayout } from './zip-layout';

export { ZipLimitError } from './zip-errors';

export const ZIP_LIMITS = {
  maxEntries: 2_000,
  maxTotalBytes: 300 * 1024 ** 2,
  /** the shared strings are parsed into one in-memory table */
  maxSharedStringsBytes: 100 * 1024 ** 2,
};

/**
 * The entries whose names `want` accepts, inflated; every byte inflated counts against the
 * total, whatever the headers declare. Throws ZipLimitError (saying which limit or what is wrong).
 */
export function readZipEntries(buf: Buffer, want: (name: string) => boolean = () => true, limits = ZIP_LIMITS): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let total = 0;
  for (const e of zipLayout(buf, limits.maxEntries)) {
    if (!want(e.name)) continue;
    const cap = Math.min(limits.maxTotalBytes - total, /sharedStrings\.xml$/i.test(e.name) ? limits.maxSharedStringsBytes : Infinity);
    const data = inflateCapped(buf.subarray(e.dataStart, e.dataStart + e.compressed), e.method, cap, e.name);
    total += data.length;
    out.set(e.name, data);
  }
  return out;
}

/** Throws ZipLimitError when the archive is forged or would inflate beyond the limits. */
export function checkZipInflation(buf: Buffer, limits = ZIP_LIMITS): void {
  readZipEntries(buf, () => true, limits);
}

/** One entry's bytes, inflating at most `cap` bytes: zlib stops as soon as the output passes it. */
function inflateCapped(data: Buffer, method: number, cap: number, name: string): Buffer {
  const tooBig = () => new ZipLimitError(`${name} giải nén vượt ${Math.round(cap / 2 ** 20)} MB`, true);
  if (method === 0) {
    if (data.length > cap) throw tooBig();
    return data;
  }
  if (method !== 8) throw new ZipLimitError(`${name}: kiểu nén ${method} không hỗ trợ`);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooBig();
    throw new ZipLimitError(`${name}: dữ liệu nén hỏng`);
  }
}

/** A ZIP of these entries, stored (not compressed): what a parser reads after readZipEntries. */
export function storedZip(entries: Map<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [n, data] of entries) {
    const name = Buffer.from(n, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x800, 8);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(data.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(cen, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}
