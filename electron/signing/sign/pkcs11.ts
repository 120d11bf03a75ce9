// Key source: a USB token through its CA's PKCS#11 module. The PIN is used for one login
// and never stored or logged; a wrong PIN stops at once (no retry that could lock the token).
import { createHash } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { CoreError } from '../../errors';
import type { Signer } from '../cms/cms';
import type { Hash } from '../cms/oids';
import { signerChain } from './signer-chain';

/**
 * PKCS#11 modules commonly installed with the tokens Vietnamese CAs hand out, by OS. The
 * CA's own installer decides the exact file; confirm the path there. SoftHSM2 is for tests.
 */
export const KNOWN_MODULES: Record<string, { label: string; path: string }[]> = {
  win32: [
    { label: 'Token Shuttle (Viettel-CA, VNPT-CA…)', path: 'C:\\Windows\\System32\\ShuttleCsp11_3003.dll' },
    { label: 'Feitian ePass2003', path: 'C:\\Windows\\System32\\eps2003csp11.dll' },
    { label: 'SafeNet eToken', path: 'C:\\Windows\\System32\\eTPKCS11.dll' },
    { label: 'Gemalto IDPrime', path: 'C:\\Windows\\System32\\IDPrimePKCS11.dll' },
    { label: 'OpenSC', path: 'C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll' },
  ],
  linux: [
    { label: 'Feitian ePass2003', path: '/usr/lib/libcastle.so.1.0.0' },
    { label: 'SafeNet eToken', path: '/usr/lib/libeTPkcs11.so' },
    { label: 'OpenSC', path: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so' },
    { label: 'SoftHSM2 (thử nghiệm)', path: '/usr/lib/softhsm/libsofthsm2.so' },
  ],
  darwin: [
    { label: 'SafeNet eToken', path: '/usr/local/lib/libeTPkcs11.dylib' },
    { label: 'OpenSC', path: '/Library/OpenSC/lib/opensc-pkcs11.so' },
  ],
};

export interface TokenInfo {
  slot: Buffer;
  label: string;
  serial: string;
  /** the certificates on the token (public objects, read without the PIN) */
  certificates: { id: string; subject: string; validTo: string }[];
}

const text = (b: Buffer | string) => (typeof b === 'string' ? b : b.toString('utf8')).replace(/\0/g, '').trim();

function open(modulePath: string): pkcs11js.PKCS11 {
  const p = new pkcs11js.PKCS11();
  try {
    p.load(modulePath);
    try {
      p.C_Initialize();
    } catch (e) {
      // another part of this process (a previous batch) still has it open: fine
      if (!/ALREADY_INITIALIZED/.test(String((e as Error).message))) throw e;
    }
  } catch (e) {
    throw new CoreError('TOKEN_MODULE', { module: modulePath, detail: (e as Error).message });
  }
  return p;
}

export function listTokens(modulePath: string): TokenInfo[] {
  const p = open(modulePath);
  try {
    // an empty, uninitialised token (SoftHSM keeps one free slot) has nothing to offer
    const slots = p.C_GetSlotList(true).filter((slot) => (p.C_GetTokenInfo(slot).flags & pkcs11js.CKF_TOKEN_INITIALIZED) !== 0);
    return slots.map((slot) => {
      const t = p.C_GetTokenInfo(slot);
      const s = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      try {
        p.C_FindObjectsInit(s, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]);
        const handles: Buffer[] = [];
        for (let h = p.C_FindObjects(s); h; h = p.C_FindObjects(s)) handles.push(h);
        p.C_FindObjectsFinal(s);
        const certificates = handles.map((h) => {
          const [id, value] = p.C_GetAttributeValue(s, h, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_VALUE }]);
          const c = new X509Certificate(value.value as Buffer);
          return { id: (id.value as Buffer).toString('hex'), subject: /CN=([^\n]+)/.exec(c.subject)?.[1] ?? c.subject, validTo: new Date(c.validTo).toISOString() };
        });
        return { slot, label: text(t.label), serial: text(t.serialNumber), certificates };
      } finally {
        p.C_CloseSession(s);
      }
    });
  } finally {
    p.C_Finalize();
  }
}

type Session = Buffer;
type TokenFailure = 'TOKEN_NOT_FOUND' | 'PIN_WRONG' | 'PIN_LOCKED' | 'TOKEN_NO_KEY';

/** Opens a session on the named token and logs in; a wrong or locked PIN is named as such. */
function logIn(p: pkcs11js.PKCS11, opts: { token: string; pin: string }, fail: (code: TokenFailure, params?: Record<string, string>) => CoreError, opened: (s: Session) => void): Session {
  const slot = p.C_GetSlotList(true).find((s) => text(p.C_GetTokenInfo(s).label) === opts.token);
  if (!slot) throw fail('TOKEN_NOT_FOUND');
  const session = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  opened(session);
  try {
    p.C_Login(session, pkcs11js.CKU_USER, opts.pin);
  } catch (e) {
    const msg = String((e as Error).message);
    if (/PIN_LOCKED/.test(msg)) throw fail('PIN_LOCKED');
    if (/PIN_INCORRECT|PIN_INVALID|PIN_LEN_RANGE/.test(msg)) throw fail('PIN_WRONG');
    if (!/USER_ALREADY_LOGGED_IN/.test(msg)) throw fail('TOKEN_NOT_FOUND', { detail: msg });
  }
  return session;
}

/** The token's certificates and private keys, paired by CKA_ID. */
function tokenObjects(p: pkcs11js.PKCS11, s: Session) {
  const find = (template: pkcs11js.Template) => {
    p.C_FindObjectsInit(s, template);
    const out: Buffer[] = [];
    for (let h = p.C_FindObjects(s); h; h = p.C_FindObjects(s)) out.push(h);
    p.C_FindObjectsFinal(s);
    return out;
  };
  const certs = find([{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]).map((h) => {
    const [id, value] = p.C_GetAttributeValue(s, h, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_VALUE }]);
    return { id: (id.value as Buffer).toString('hex'), der: value.value as Buffer };
  });
  const keys = find([{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]).map((h) => {
    const [id, type] = p.C_GetAttributeValue(s, h, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_KEY_TYPE }]);
    // CK_ULONG: 8 bytes on 64-bit systems, 4 on 32-bit; key types are small numbers
    return { handle: h, id: (id.value as Buffer).toString('hex'), type: (type.value as Buffer).readUInt32LE(0) };
  });
  return { certs, keys };
}

/** Logs in to the token and offers its key; call close() when the signing batch is done. */
export function pkcs11Signer(opts: { module: string; token: string; pin: string; certificateId?: string }): Signer & { close(): void; label: string } {
  const p = open(opts.module);
  let session: Session | null = null;
  const fail = (code: TokenFailure, params: Record<string, string> = {}) => {
    try {
      if (session) p.C_CloseSession(session);
      p.C_Finalize();
    } catch {
      /* already failing */
    }
    return new CoreError(code, { token: opts.token, ...params });
  };
  const s = logIn(p, opts, fail, (opened) => (session = opened));
  const { certs, keys } = tokenObjects(p, s);
  const key = keys.find((k) => (opts.certificateId ? k.id === opts.certificateId : certs.some((c) => c.id === k.id)));
  const own = key && certs.find((c) => c.id === key.id);
  if (!key || !own) throw fail('TOKEN_NO_KEY');
  const ec = key.type === pkcs11js.CKK_EC;
  // the signer's chain, as far as the token holds it; other certificates on it stay out
  const chain = signerChain(own.der, certs.filter((c) => c !== own).map((c) => c.der)).slice(1);
  // one operation at a time on the session; the token works on a libuv thread (C_SignAsync),
  // so a slow token never holds up the event loop
  let queue: Promise<unknown> = Promise.resolve();
  const signOnToken = (mechanism: number, data: Buffer, room: number) => {
    const run = queue.then(() => {
      p.C_SignInit(s, { mechanism }, key.handle);
      return p.C_SignAsync(s, data, Buffer.alloc(room));
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    label: opts.token,
    certificates: [own.der, ...chain],
    keyType: ec ? 'ec' : 'rsa',
    async sign(data: Buffer, hash: Hash) {
      if (ec) return ecdsaRawToDer(await signOnToken(pkcs11js.CKM_ECDSA, createHash(hash).update(data).digest(), 256));
      const mech = { sha1: pkcs11js.CKM_SHA1_RSA_PKCS, sha256: pkcs11js.CKM_SHA256_RSA_PKCS, sha384: pkcs11js.CKM_SHA384_RSA_PKCS, sha512: pkcs11js.CKM_SHA512_RSA_PKCS }[hash];
      return signOnToken(mech, data, 1024);
    },
    close() {
      try {
        p.C_Logout(s);
        p.C_CloseSession(s);
      } finally {
        p.C_Finalize();
      }
    },
  };
}

/** PKCS#11 gives ECDSA signatures as r‖s; CMS wants SEQUENCE { INTEGER r, INTEGER s }. */
export function ecdsaRawToDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const int = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.subarray(i);
    if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([0x02, v.length]), v]);
  };
  const body = Buffer.concat([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
