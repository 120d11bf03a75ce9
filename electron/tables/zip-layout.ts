// Where each entry of a ZIP lies, read twice: from the table of contents (central directory)
// at the end and by walking the local headers from the first byte, as streaming readers do.
// A ZIP whose two readings disagree (an entry outside the table, a gap, another name or size)
// is refused: a checker reading one and a parser reading the other would see different files.
import { ZipLimitError } from './zip-errors';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  /** where the compressed bytes start, and how many */
  dataStart: number;
  compressed: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

interface Central {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  local: number;
}

function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new ZipLimitError('không phải tệp ZIP');
}

/** The table of contents: its entries, where it starts, after the entry count was held to `maxEntries`. */
function centralDirectory(buf: Buffer, maxEntries: number): { list: Central[]; start: number } {
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const start = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || start === 0xffffffff) throw new ZipLimitError('ZIP64 không được hỗ trợ');
  if (count > maxEntries) throw new ZipLimitError(`${count} mục, tối đa ${maxEntries}`, true);
  if (buf.readUInt16LE(eocd + 8) !== count || start + buf.readUInt32LE(eocd + 12) !== eocd) throw new ZipLimitError('mục lục ZIP hỏng');
  const list: Central[] = [];
  const names = new Set<string>();
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw new ZipLimitError('mục lục ZIP hỏng');
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (names.has(name)) throw new ZipLimitError(`mục ${name} xuất hiện hai lần trong mục lục ZIP`);
    names.add(name);
    list.push({ name, flags: buf.readUInt16LE(p + 8), method: buf.readUInt16LE(p + 10), compressed: buf.readUInt32LE(p + 20), local: buf.readUInt32LE(p + 42) });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (p !== eocd) throw new ZipLimitError('mục lục ZIP hỏng');
  return { list: list.sort((a, b) => a.local - b.local), start };
}

/** The local entry at `p`, checked against its table entry; returns where the next one must start. */
function checkLocal(buf: Buffer, p: number, c: Central, end: number): { entry: ZipEntry; next: number } {
  if (p + 30 > end || buf.readUInt32LE(p) !== LOCAL) throw new ZipLimitError(`mục ${c.name} hỏng`);
  const nameLen = buf.readUInt16LE(p + 26);
  const name = buf.toString('utf8', p + 30, p + 30 + nameLen);
  const localSize = buf.readUInt32LE(p + 18);
  const deferred = (buf.readUInt16LE(p + 6) & 8) !== 0; // sizes in a data descriptor after the data
  if (name !== c.name || buf.readUInt16LE(p + 8) !== c.method || (!deferred && localSize !== c.compressed))
    throw new ZipLimitError(`mục ${name || c.name} không khớp mục lục ZIP (tên, kiểu nén hoặc cỡ khác)`);
  const dataStart = p + 30 + nameLen + buf.readUInt16LE(p + 28);
  let next = dataStart + c.compressed;
  if (next > end) throw new ZipLimitError(`mục ${c.name} hỏng`);
  if (deferred || (c.flags & 8) !== 0) next += next + 4 <= end && buf.readUInt32LE(next) === DESCRIPTOR ? 16 : 12;
  return { entry: { name: c.name, method: c.method, dataStart, compressed: c.compressed }, next };
}

/**
 * The entries in file order, each where both readings put it. Refuses a ZIP with bytes that
 * belong to no listed entry (a hidden entry, say a bomb placed before a small valid workbook).
 */
export function zipLayout(buf: Buffer, maxEntries: number): ZipEntry[] {
  const { list, start } = centralDirectory(buf, maxEntries);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (const c of list) {
    if (c.local !== p) throw hidden(buf, p, c.local);
    const { entry, next } = checkLocal(buf, p, c, start);
    entries.push(entry);
    p = next;
  }
  if (p !== start) throw hidden(buf, p, start);
  return entries;
}

/** The refusal for bytes between `p` and `until` that the table of contents does not list, naming the entry hidden there if there is one. */
function hidden(buf: Buffer, p: number, until: number): ZipLimitError {
  const at = p < until && p + 30 <= buf.length && buf.readUInt32LE(p) === LOCAL ? buf.toString('utf8', p + 30, p + 30 + Math.min(buf.readUInt16LE(p + 26), until - p - 30)) : null;
  return new ZipLimitError(
    at
      ? `có mục ${at} ẩn ngoài mục lục ZIP (byte ${p}); tệp bị sửa để đánh lừa trình đọc`
      : `có ${Math.abs(until - p)} byte ngoài mục lục ZIP (byte ${Math.min(p, until)}); tệp bị sửa để đánh lừa trình đọc`,
  );
}
