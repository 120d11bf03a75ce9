// An XLSX is a ZIP: a few megabytes can inflate to gigabytes and bring the process down
// inside the spreadsheet parser. Before parsing, every entry is inflated here with a hard
// output cap (declared sizes can lie), and the entry count, each entry and the total are
// held to limits a real register or catalogue stays far below.
import zlib from 'node:zlib';

export const ZIP_LIMITS = {
  maxEntries: 2_000,
  maxTotalBytes: 300 * 1024 ** 2,
  /** the shared strings are parsed into one in-memory table */
  maxSharedStringsBytes: 100 * 1024 ** 2,
};

export class ZipLimitError extends Error {
  /** true when a limit was passed; false when the archive itself is broken */
  constructor(
    message: string,
    readonly limit = false,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Throws ZipLimitError (the message says which limit) when the archive would inflate beyond the limits. */
export function checkZipInflation(buf: Buffer, limits = ZIP_LIMITS): void {
  const eocd = findEocd(buf);
  const entries = buf.readUInt16LE(eocd + 10);
  if (entries === 0xffff) throw new ZipLimitError('ZIP64 không được hỗ trợ');
  if (entries > limits.maxEntries) throw new ZipLimitError(`${entries} mục, tối đa ${limits.maxEntries}`, true);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipLimitError('mục lục ZIP hỏng');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const cap = Math.min(limits.maxTotalBytes - total, /sharedStrings\.xml$/i.test(name) ? limits.maxSharedStringsBytes : Infinity);
    total += inflatedSize(buf, local, method, compressed, cap, name);
  }
}

function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new ZipLimitError('không phải tệp ZIP');
}

/** The real inflated size of one entry, inflating at most `cap` bytes. */
function inflatedSize(buf: Buffer, local: number, method: number, compressed: number, cap: number, name: string): number {
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new ZipLimitError(`mục ${name} hỏng`);
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const data = buf.subarray(start, start + compressed);
  const tooBig = () => new ZipLimitError(`${name} giải nén vượt ${Math.round(cap / 2 ** 20)} MB`, true);
  if (method === 0) {
    if (data.length > cap) throw tooBig();
    return data.length;
  }
  if (method !== 8) throw new ZipLimitError(`${name}: kiểu nén ${method} không hỗ trợ`);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, cap) }).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooBig();
    throw new ZipLimitError(`${name}: dữ liệu nén hỏng`);
  }
}
