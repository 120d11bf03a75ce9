// The PDF standard security handler with an empty user password (ISO 32000-2 §7.6.4): copies
// such as "SAO Y" are often encrypted only to restrict printing, and anyone may open them. RC4
// (V1/V2), AES-128 (V4 AESV2) and AES-256 (V5, R5/R6). Verification decrypts objects to read
// them; the signed bytes themselves are always checked raw.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { PDFArray, PDFBool, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDict, type PDFObject } from 'pdf-lib';

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

export function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

export type Cipher = 'rc4' | 'aes128' | 'aes256' | 'none';

export interface EncryptParams {
  V: number;
  R: number;
  lengthBits: number;
  O: Buffer;
  U: Buffer;
  UE?: Buffer;
  P: number;
  id0: Buffer;
  encryptMetadata: boolean;
  /** the cipher of streams and of strings (V4/V5 crypt filters; RC4 before) */
  stm: Cipher;
  str: Cipher;
}

export class EncryptedWithPassword extends Error {}

/** The file key for the empty user password; throws EncryptedWithPassword when a password is needed. */
export function fileKey(e: EncryptParams): Buffer {
  if (e.R >= 5) return fileKeyAes256(e);
  const n = e.R === 2 ? 5 : e.lengthBits / 8;
  const p = Buffer.alloc(4);
  p.writeInt32LE(e.P);
  const h = createHash('md5').update(PAD).update(e.O.subarray(0, 32)).update(p).update(e.id0);
  if (e.R >= 4 && !e.encryptMetadata) h.update(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let key = h.digest();
  if (e.R >= 3) for (let i = 0; i < 50; i++) key = createHash('md5').update(key.subarray(0, n)).digest();
  key = key.subarray(0, n);
  // the empty password is right when it reproduces /U (Algorithms 4 and 5)
  let ok: boolean;
  if (e.R === 2) ok = rc4(key, PAD).equals(e.U.subarray(0, 32));
  else {
    let x: Buffer = createHash("md5").update(PAD).update(e.id0).digest();
    for (let i = 0; i < 20; i++) x = rc4(Buffer.from(key.map((b) => b ^ i)), x);
    ok = x.equals(e.U.subarray(0, 16));
  }
  if (!ok) throw new EncryptedWithPassword('PDF được mã hóa bằng mật khẩu người dùng');
  return key;
}

/** Algorithm 2.B (R6) or plain SHA-256 (R5) over the password, a salt and (for the owner) U. */
function hash2b(R: number, password: Buffer, salt: Buffer, udata: Buffer): Buffer {
  let k = createHash('sha256').update(password).update(salt).update(udata).digest();
  if (R === 5) return k;
  for (let i = 0; ; ) {
    const k1 = Buffer.concat(Array(64).fill(Buffer.concat([password, k, udata])));
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32)).setAutoPadding(false);
    const e = Buffer.concat([cipher.update(k1), cipher.final()]);
    let sum = 0;
    for (let j = 0; j < 16; j++) sum += e[j];
    k = createHash(['sha256', 'sha384', 'sha512'][sum % 3]).update(e).digest();
    i++;
    if (i >= 64 && e[e.length - 1] <= i - 32) break;
  }
  return k.subarray(0, 32);
}

function fileKeyAes256(e: EncryptParams): Buffer {
  const pw = Buffer.alloc(0);
  const u = e.U;
  if (!hash2b(e.R, pw, u.subarray(32, 40), Buffer.alloc(0)).equals(u.subarray(0, 32))) throw new EncryptedWithPassword('PDF được mã hóa bằng mật khẩu người dùng');
  const k = hash2b(e.R, pw, u.subarray(40, 48), Buffer.alloc(0));
  const d = createDecipheriv('aes-256-cbc', k, Buffer.alloc(16)).setAutoPadding(false);
  return Buffer.concat([d.update(e.UE!.subarray(0, 32)), d.final()]);
}

/** Decrypts one string or stream of object `num gen`. */
export function decrypt(e: EncryptParams, key: Buffer, cipher: Cipher, num: number, gen: number, data: Buffer): Buffer {
  if (cipher === 'none') return data;
  let k = key;
  if (cipher !== 'aes256') {
    const h = createHash('md5').update(key).update(Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, gen & 255, (gen >> 8) & 255]));
    if (cipher === 'aes128') h.update('sAlT');
    k = h.digest().subarray(0, Math.min(key.length + 5, 16));
  }
  if (cipher === 'rc4') return rc4(k, data);
  if (data.length < 32 || data.length % 16) return data.length < 16 ? Buffer.alloc(0) : data;
  const d = createDecipheriv(cipher === 'aes256' ? 'aes-256-cbc' : 'aes-128-cbc', k, data.subarray(0, 16));
  try {
    return Buffer.concat([d.update(data.subarray(16)), d.final()]);
  } catch {
    // bad padding: keep what decrypts rather than fail the whole file
    const raw = createDecipheriv(cipher === 'aes256' ? 'aes-256-cbc' : 'aes-128-cbc', k, data.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([raw.update(data.subarray(16)), raw.final()]);
  }
}

const name = (s: string) => PDFName.of(s);
const num = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : undefined);

/** The standard security handler's parameters from the /Encrypt dictionary and the file's /ID. */
export function encryptParams(d: PDFDict, trailer: PDFDict): EncryptParams {
  const bytes = (k: string) => {
    const v = d.get(name(k));
    return v instanceof PDFString || v instanceof PDFHexString ? Buffer.from(v.asBytes()) : Buffer.alloc(0);
  };
  if (d.get(name('Filter'))?.toString() !== '/Standard') throw new Error(`bộ mã hóa ${d.get(name('Filter'))} chưa được hỗ trợ`);
  const V = num(d.get(name('V'))) ?? 0;
  const R = num(d.get(name('R'))) ?? 2;
  const id = trailer.get(name('ID'));
  const id0 = id instanceof PDFArray && (id.get(0) instanceof PDFString || id.get(0) instanceof PDFHexString) ? Buffer.from((id.get(0) as PDFHexString).asBytes()) : Buffer.alloc(0);
  const cfm = (filterName: string): Cipher => {
    if (V < 4) return 'rc4';
    const f = d.get(name(filterName))?.toString().slice(1) ?? 'Identity';
    if (f === 'Identity') return 'none';
    const cf = (d.get(name('CF')) as PDFDict | undefined)?.get(name(f)) as PDFDict | undefined;
    const m = cf?.get(name('CFM'))?.toString();
    return m === '/AESV3' ? 'aes256' : m === '/AESV2' ? 'aes128' : m === '/V2' ? 'rc4' : 'none';
  };
  const em = d.get(name('EncryptMetadata'));
  return {
    V,
    R,
    lengthBits: num(d.get(name('Length'))) ?? 40,
    O: bytes('O'),
    U: bytes('U'),
    UE: bytes('UE'),
    P: num(d.get(name('P'))) ?? 0,
    id0,
    encryptMetadata: !(em instanceof PDFBool) || em.asBoolean(),
    stm: cfm('StmF'),
    str: cfm('StrF'),
  };
}
