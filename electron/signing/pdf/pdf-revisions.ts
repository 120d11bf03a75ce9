// A PDF read the way a viewer reads it, one revision at a time: each incremental update's
// cross-reference section (table, stream or both — hybrid files), followed through /Prev,
// objects resolved through the xref of the revision asked for, including those inside object
// streams, and decrypted when the file uses the standard handler with an empty user password.
// Difference analysis compares two such revisions object by object.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObjectParser, PDFRawStream, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { decrypt, encryptParams, fileKey, type Cipher, type EncryptParams } from './pdf-crypt';
import { parser, readContext, streamBytes } from './pdf-streams';

export { streamBytes } from './pdf-streams';

export type Entry = { kind: 'offset'; offset: number; gen: number } | { kind: 'objstm'; stream: number; index: number } | { kind: 'free' };

export interface Revision {
  index: number;
  /** byte offset just after this revision's %%EOF */
  end: number;
  trailer: PDFDict;
  entries: Map<number, Entry>;
}

const name = (s: string) => PDFName.of(s);
const num = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : undefined);

export class PdfFile {
  readonly revisions: Revision[] = [];
  private readonly text: string;
  private readonly cache = new Map<string, PDFObject | undefined>();
  private readonly sections = new Map<number, { trailer: PDFDict; entries: Map<number, Entry> }>();
  private scanned: { num: number; gen: number; offset: number }[] | null = null;
  private enc: { params: EncryptParams; key: Buffer; encryptRef: number | null } | null = null;
  /** set when the file is encrypted and the empty user password does not open it */
  readonly encryptionError: string | null = null;
  readonly encrypted: boolean = false;

  constructor(readonly bytes: Buffer) {
    this.text = bytes.toString('latin1');
    for (const m of this.text.matchAll(/startxref\s+(\d+)\s+%%EOF/g)) {
      const end = m.index + m[0].length;
      const entries = new Map<number, Entry>();
      let trailer: PDFDict | null = null;
      try {
        const seen = new Set<number>();
        for (let at: number | undefined = Number(m[1]); at !== undefined && !seen.has(at); ) {
          seen.add(at);
          const sec = this.section(at);
          trailer ??= sec.trailer;
          for (const [k, v] of sec.entries) if (!entries.has(k)) entries.set(k, v);
          at = num(sec.trailer.get(name('Prev')));
        }
      } catch {
        trailer = null;
      }
      // a broken xref: fall back to the objects as they appear in the bytes of this revision
      if (!trailer) {
        trailer = this.scanTrailer(end);
        if (!trailer) continue;
        for (const o of this.scan()) if (o.offset < end) entries.set(o.num, { kind: 'offset', offset: o.offset, gen: o.gen });
      }
      this.revisions.push({ index: this.revisions.length, end, trailer, entries });
    }
    if (!this.revisions.length) throw new Error('không tìm thấy bảng tham chiếu chéo (xref) nào');
    const last = this.revisions.at(-1)!;
    const encRef = last.trailer.get(name('Encrypt'));
    if (encRef && !(encRef instanceof PDFName)) {
      this.encrypted = true;
      try {
        const encDict = this.deref(last, encRef) as PDFDict;
        const params = encryptParams(encDict, last.trailer);
        this.enc = { params, key: fileKey(params), encryptRef: encRef instanceof PDFRef ? encRef.objectNumber : null };
        this.cache.clear();
      } catch (e) {
        this.encryptionError = (e as Error).message;
      }
    }
  }

  /** The revision a signature whose ByteRange ends at `end` signed: the last one complete by then. */
  revisionAt(end: number): Revision {
    const fit = this.revisions.filter((r) => r.end <= end + 2);
    return fit.at(-1) ?? this.revisions[0];
  }

  /** the context parsed objects belong to (for making empty dictionaries to compare with) */
  get context(): PDFContext {
    return readContext;
  }

  get last(): Revision {
    return this.revisions.at(-1)!;
  }

  private section(at: number): { trailer: PDFDict; entries: Map<number, Entry> } {
    const hit = this.sections.get(at);
    if (hit) return hit;
    let start: number;
    // some writers are off by a few bytes
    const near = /xref|\d+\s+\d+\s+obj/.exec(this.text.slice(at, at + 40));
    if (!near) {
      const back = this.text.lastIndexOf('xref', at + 40);
      if (back < 0 || at - back > 64) throw new Error('xref không đúng vị trí');
      start = back;
    } else start = at + near.index;
    const sec = this.text.startsWith('xref', start) ? this.xrefTable(start) : this.xrefStream(start);
    // hybrid file: the table's trailer points at an xref stream with the compressed objects
    const stm = num(sec.trailer.get(name('XRefStm')));
    if (stm !== undefined) {
      try {
        for (const [k, v] of this.xrefStream(stm).entries) if (!sec.entries.has(k)) sec.entries.set(k, v);
      } catch {
        /* a hybrid file read as a table-only one */
      }
    }
    this.sections.set(at, sec);
    return sec;
  }

  private xrefTable(start: number) {
    const entries = new Map<number, Entry>();
    const tail = this.text.indexOf('trailer', start);
    if (tail < 0) throw new Error('thiếu trailer');
    const body = this.text.slice(start + 4, tail);
    let n = 0;
    for (const line of body.split(/\r\n|\r|\n/)) {
      const sub = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
      if (sub) {
        n = Number(sub[1]);
        continue;
      }
      const e = /^\s*(\d{1,10})\s+(\d{1,5})\s+([nf])/.exec(line);
      if (!e) continue;
      if (!entries.has(n)) entries.set(n, e[3] === 'n' ? { kind: 'offset', offset: Number(e[1]), gen: Number(e[2]) } : { kind: 'free' });
      n++;
    }
    entries.delete(0);
    const trailer = PDFObjectParser.forBytes(this.bytes.subarray(tail + 7), readContext).parseObject();
    if (!(trailer instanceof PDFDict)) throw new Error('trailer hỏng');
    return { trailer, entries };
  }

  private xrefStream(start: number) {
    const s = this.parseAt(start);
    if (!(s instanceof PDFRawStream)) throw new Error('xref stream hỏng');
    const data = streamBytes(s);
    const w = (s.dict.get(name('W')) as PDFArray).asArray().map((x) => num(x) ?? 0);
    const size = num(s.dict.get(name('Size'))) ?? 0;
    const idx = (s.dict.get(name('Index')) as PDFArray | undefined)?.asArray().map((x) => num(x) ?? 0) ?? [0, size];
    const entries = new Map<number, Entry>();
    const rowLen = w[0] + w[1] + w[2];
    let pos = 0;
    const field = (len: number, dflt: number) => {
      if (!len) return dflt;
      let v = 0;
      for (let i = 0; i < len; i++) v = v * 256 + data[pos++];
      return v;
    };
    for (let i = 0; i + 1 < idx.length; i += 2)
      for (let k = 0; k < idx[i + 1] && pos + rowLen <= data.length; k++) {
        const type = field(w[0], 1), a = field(w[1], 0), b = field(w[2], 0);
        const n = idx[i] + k;
        if (n === 0 || entries.has(n)) continue;
        entries.set(n, type === 1 ? { kind: 'offset', offset: a, gen: b } : type === 2 ? { kind: 'objstm', stream: a, index: b } : { kind: 'free' });
      }
    return { trailer: s.dict, entries };
  }

  /** Parses "n g obj … endobj" at a byte offset. */
  private parseAt(offset: number): PDFObject {
    const head = /^\s*(\d+)\s+(\d+)\s+obj/.exec(this.text.slice(offset, offset + 40));
    if (!head) throw new Error(`không có đối tượng tại vị trí ${offset}`);
    return parser(this.bytes.subarray(offset + head[0].length)).parseObject();
  }

  private scan() {
    if (!this.scanned) this.scanned = [...this.text.matchAll(/(?<![\d.])(\d+)\s+(\d+)\s+obj\b/g)].map((m) => ({ num: Number(m[1]), gen: Number(m[2]), offset: m.index }));
    return this.scanned;
  }

  private scanTrailer(end: number): PDFDict | null {
    const t = this.text.lastIndexOf('trailer', end);
    if (t < 0) return null;
    try {
      const d = PDFObjectParser.forBytes(this.bytes.subarray(t + 7), readContext).parseObject();
      return d instanceof PDFDict ? d : null;
    } catch {
      return null;
    }
  }

  /** Where object `n` lives in a revision, as a cache key; null when absent or free. */
  location(rev: Revision, n: number): string | null {
    const e = rev.entries.get(n);
    if (!e || e.kind === 'free') return null;
    if (e.kind === 'offset') return `o${e.offset}`;
    return `s${this.location(rev, e.stream)}:${e.index}`;
  }

  /** Object `n` as revision `rev` defines it (decrypted); undefined when absent. */
  resolve(rev: Revision, n: number): PDFObject | undefined {
    const loc = this.location(rev, n);
    if (!loc) return undefined;
    if (this.cache.has(loc)) return this.cache.get(loc);
    let obj: PDFObject | undefined;
    try {
      const e = rev.entries.get(n)!;
      if (e.kind === 'offset') {
        const head = /^\s*(\d+)\s+(\d+)\s+obj/.exec(this.text.slice(e.offset, e.offset + 40));
        if (head && Number(head[1]) === n) obj = this.decryptObject(this.parseAt(e.offset), n, Number(head[2]));
        else {
          // a wrong offset: take the last definition of the object before the revision ends
          const o = this.scan().filter((x) => x.num === n && x.offset < rev.end).at(-1);
          obj = o ? this.decryptObject(this.parseAt(o.offset), n, o.gen) : undefined;
        }
      } else if (e.kind === 'objstm') obj = this.fromObjectStream(rev, e.stream, e.index, n);
    } catch {
      obj = undefined;
    }
    this.cache.set(loc, obj);
    return obj;
  }

  private fromObjectStream(rev: Revision, stream: number, index: number, n: number): PDFObject | undefined {
    const s = this.resolve(rev, stream);
    if (!(s instanceof PDFRawStream)) return undefined;
    const data = streamBytes(s);
    const first = num(s.dict.get(name('First'))) ?? 0;
    const count = num(s.dict.get(name('N'))) ?? 0;
    const nums = data.subarray(0, first).toString('latin1').trim().split(/\s+/).map(Number);
    // objects in streams are found by number; the index is only a hint
    let k = nums[index * 2] === n ? index : -1;
    if (k < 0) for (let i = 0; i < count; i++) if (nums[2 * i] === n) k = i;
    if (k < 0) return undefined;
    return parser(data.subarray(first + nums[2 * k + 1])).parseObject();
  }

  /** Follows a reference in a revision (direct objects come back as they are). */
  deref(rev: Revision, o: PDFObject | undefined): PDFObject | undefined {
    for (let i = 0; o instanceof PDFRef && i < 16; i++) o = this.resolve(rev, o.objectNumber);
    return o instanceof PDFRef ? undefined : o;
  }

  dict(rev: Revision, o: PDFObject | undefined): PDFDict | undefined {
    const d = this.deref(rev, o);
    return d instanceof PDFDict ? d : d instanceof PDFRawStream ? d.dict : undefined;
  }

  catalog(rev: Revision): PDFDict | undefined {
    return this.dict(rev, rev.trailer.get(name('Root')));
  }

  private decryptObject(o: PDFObject, n: number, gen: number): PDFObject {
    const enc = this.enc;
    if (!enc || n === enc.encryptRef) return o;
    const { params, key } = enc;
    const str = (c: Cipher, s: PDFString | PDFHexString) => PDFHexString.of(decrypt(params, key, c, n, gen, Buffer.from(s.asBytes())).toString('hex'));
    const walk = (x: PDFObject): PDFObject => {
      if (x instanceof PDFString || x instanceof PDFHexString) return str(params.str, x);
      if (x instanceof PDFArray) return arr(x);
      if (x instanceof PDFDict) return dictOf(x);
      return x;
    };
    const arr = (a: PDFArray) => {
      const out = PDFArray.withContext(readContext);
      for (const v of a.asArray()) out.push(walk(v));
      return out;
    };
    const dictOf = (d: PDFDict) => {
      const out = PDFDict.withContext(readContext);
      // the signature value itself is never encrypted (ISO 32000-2 §7.6.2)
      const isSig = d.has(name('ByteRange'));
      for (const [k, v] of d.entries()) out.set(k, isSig && k.asString() === '/Contents' ? v : walk(v));
      return out;
    };
    if (o instanceof PDFRawStream) {
      const type = o.dict.get(name('Type'))?.toString();
      if (type === '/XRef') return o;
      const d = dictOf(o.dict);
      if (type === '/Metadata' && !params.encryptMetadata) return PDFRawStream.of(d, o.contents);
      return PDFRawStream.of(d, new Uint8Array(decrypt(params, key, params.stm, n, gen, Buffer.from(o.contents))));
    }
    return walk(o);
  }
}

/** The text of a PDF string (PDFDocEncoding or UTF-16 with a BOM). */
export function pdfText(o: PDFObject | undefined): string | null {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return null;
}
