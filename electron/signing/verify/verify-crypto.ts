// The cryptographic half of verifying a CMS signer: the digest algorithm (SHA-1, SHA-2, SHA-3,
// SHAKE256), the signature algorithm (RSA PKCS#1 v1.5 and PSS, ECDSA in DER or plain r‖s per
// BSI TR-03111, Ed25519, Ed448), that the algorithm agrees with the signer's key, and the
// signer's certificate found by issuer and serial number or by subject key identifier. An
// algorithm we do not know is "cannot check", never valid.
import { constants, createHash, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { fromDer, toDer } from '../cms/cms';
import type { ParsedCms } from '../cms/cms-parse';
import { checkPolicy } from './crypto-policy';

type Asn1 = forge.asn1.Asn1;
const kids = (a: Asn1) => a.value as Asn1[];
const oidOf = (a: Asn1) => forge.asn1.derToOid(forge.util.createBuffer(a.value as string));

export type Digest = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'sha3-224' | 'sha3-256' | 'sha3-384' | 'sha3-512' | 'shake256';

const DIGESTS: Record<string, Digest> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.7': 'sha3-224',
  '2.16.840.1.101.3.4.2.8': 'sha3-256',
  '2.16.840.1.101.3.4.2.9': 'sha3-384',
  '2.16.840.1.101.3.4.2.10': 'sha3-512',
  // id-shake256 (RFC 8419: 512-bit output with Ed448) and id-shake256-len
  '2.16.840.1.101.3.4.2.12': 'shake256',
  '2.16.840.1.101.3.4.2.18': 'shake256',
};
export const digestOfOid = (oid: string): Digest | null => DIGESTS[oid] ?? null;

export function digest(d: Digest, parts: Buffer[], outBits = 512): Buffer {
  const h = d === 'shake256' ? createHash('shake256', { outputLength: outBits / 8 }) : createHash(d);
  for (const p of parts) h.update(p);
  return h.digest();
}

type Family = 'rsa' | 'rsa-pss' | 'ecdsa' | 'ecdsa-plain' | 'ed25519' | 'ed448';
interface Algorithm {
  family: Family;
  /** the hash the algorithm fixes; undefined = the SignerInfo's digest algorithm */
  hash?: Digest;
}

const SIG_ALGS: Record<string, Algorithm> = {
  '1.2.840.113549.1.1.1': { family: 'rsa' },
  '1.2.840.113549.1.1.5': { family: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { family: 'rsa', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { family: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { family: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { family: 'rsa', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.13': { family: 'rsa', hash: 'sha3-224' },
  '2.16.840.1.101.3.4.3.14': { family: 'rsa', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.15': { family: 'rsa', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.16': { family: 'rsa', hash: 'sha3-512' },
  '1.2.840.113549.1.1.10': { family: 'rsa-pss' },
  // some signers name the key type, not the algorithm: the digest algorithm says the hash
  '1.2.840.10045.2.1': { family: 'ecdsa' },
  '1.2.840.10045.4.1': { family: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { family: 'ecdsa', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { family: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { family: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { family: 'ecdsa', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.9': { family: 'ecdsa', hash: 'sha3-224' },
  '2.16.840.1.101.3.4.3.10': { family: 'ecdsa', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.11': { family: 'ecdsa', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.12': { family: 'ecdsa', hash: 'sha3-512' },
  // BSI TR-03111 ecdsa-plain-*: r‖s, not DER
  '0.4.0.127.0.7.1.1.4.1.1': { family: 'ecdsa-plain', hash: 'sha1' },
  '0.4.0.127.0.7.1.1.4.1.2': { family: 'ecdsa-plain', hash: 'sha224' },
  '0.4.0.127.0.7.1.1.4.1.3': { family: 'ecdsa-plain', hash: 'sha256' },
  '0.4.0.127.0.7.1.1.4.1.4': { family: 'ecdsa-plain', hash: 'sha384' },
  '0.4.0.127.0.7.1.1.4.1.5': { family: 'ecdsa-plain', hash: 'sha512' },
  '0.4.0.127.0.7.1.1.4.1.8': { family: 'ecdsa-plain', hash: 'sha3-224' },
  '0.4.0.127.0.7.1.1.4.1.9': { family: 'ecdsa-plain', hash: 'sha3-256' },
  '0.4.0.127.0.7.1.1.4.1.10': { family: 'ecdsa-plain', hash: 'sha3-384' },
  '0.4.0.127.0.7.1.1.4.1.11': { family: 'ecdsa-plain', hash: 'sha3-512' },
  '1.3.101.112': { family: 'ed25519' },
  '1.3.101.113': { family: 'ed448' },
};

/** Elliptic-curve OIDs: a curve where an algorithm belongs is an error, not an algorithm. */
const CURVES = new Set(['1.2.840.10045.3.1.7', '1.3.132.0.34', '1.3.132.0.35', '1.3.132.0.10', '1.3.36.3.3.2.8.1.1.7', '1.3.36.3.3.2.8.1.1.11', '1.3.36.3.3.2.8.1.1.13']);

export type CryptoStatus = 'valid' | 'invalid' | 'unknown';
export interface CryptoResult {
  status: CryptoStatus;
  /** why it is invalid or cannot be checked */
  reason?: 'ALG_IS_CURVE' | 'ALG_KEY_MISMATCH' | 'ALGORITHM_UNKNOWN' | 'BAD_SIGNATURE' | 'NO_SIGNER_CERT' | 'POLICY' | 'NOT_DER';
  algorithm: string;
  /** the crypto policy rule that applies (crypto-policy.ts), and what broke it */
  policy?: { rule: string; broken?: 'key-size' | 'digest' };
}

const keyFamily = (k: KeyObject) => k.asymmetricKeyType;

function pssParams(der: Buffer | null): { hash: Digest; salt: number } {
  let hash: Digest = 'sha1';
  let salt = 20;
  if (!der) return { hash, salt };
  for (const p of kids(fromDer(der))) {
    if (p.type === 0) hash = digestOfOid(oidOf(kids(kids(p)[0])[0])) ?? hash;
    if (p.type === 2) salt = Number.parseInt(Buffer.from(kids(p)[0].value as string, 'binary').toString('hex') || '0', 16);
  }
  return { hash, salt };
}

/** Verifies the signature value over `data` (the signed attributes, or the content when there are none). */
export function checkSignatureValue(p: ParsedCms, cert: X509Certificate | null, data: Buffer): CryptoResult {
  const oid = p.signatureAlgorithmOid;
  if (CURVES.has(oid)) return { status: 'invalid', reason: 'ALG_IS_CURVE', algorithm: oid };
  const alg = SIG_ALGS[oid];
  const digestName = digestOfOid(p.digestOid);
  if (!alg) return { status: 'unknown', reason: 'ALGORITHM_UNKNOWN', algorithm: oid };
  const name = `${alg.family}${alg.hash ? `-${alg.hash}` : digestName ? `-${digestName}` : ''}`;
  if (!cert) return { status: 'invalid', reason: 'NO_SIGNER_CERT', algorithm: name };
  const key = cert.publicKey;
  const kt = keyFamily(key);
  const agrees =
    alg.family === 'rsa' || alg.family === 'rsa-pss' ? kt === 'rsa' || kt === 'rsa-pss' : alg.family === 'ecdsa' || alg.family === 'ecdsa-plain' ? kt === 'ec' : kt === alg.family;
  if (!agrees) return { status: 'invalid', reason: 'ALG_KEY_MISMATCH', algorithm: name };
  try {
    let ok: boolean;
    const pss = alg.family === 'rsa-pss' ? pssParams(p.signatureAlgorithmParams) : null;
    const verdict = checkPolicy(alg.family, key, pss?.hash ?? alg.hash ?? digestName);
    const policy = { rule: verdict.rule, ...(verdict.broken ? { broken: verdict.broken } : {}) };
    if (!verdict.ok) return { status: 'invalid', reason: 'POLICY', algorithm: name, policy };
    if (alg.family === 'ed25519' || alg.family === 'ed448') ok = cryptoVerify(null, data, key, p.signature);
    else if (pss) {
      const { hash, salt } = pss;
      ok = cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: salt }, p.signature);
      if (!ok) ok = cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, p.signature);
    } else {
      const hash = alg.hash ?? digestName;
      if (!hash || hash === 'shake256') return { status: 'unknown', reason: 'ALGORITHM_UNKNOWN', algorithm: name };
      ok = cryptoVerify(hash, data, alg.family === 'ecdsa-plain' ? { key, dsaEncoding: 'ieee-p1363' } : key, p.signature);
    }
    return ok ? { status: 'valid', algorithm: name, policy } : { status: 'invalid', reason: 'BAD_SIGNATURE', algorithm: name, policy };
  } catch {
    return { status: 'invalid', reason: 'BAD_SIGNATURE', algorithm: name };
  }
}

const parsed = new Map<string, X509Certificate>();
/** A certificate parsed once per process: files with many signatures and a DSS repeat the same ones. */
export function x509(der: Buffer): X509Certificate {
  const key = createHash('sha1').update(der).digest('hex');
  let x = parsed.get(key);
  if (!x) {
    x = new X509Certificate(der);
    if (parsed.size > 4000) parsed.clear();
    parsed.set(key, x);
  }
  return x;
}

/** issuer Name DER and serial (hex, no leading zeros) of a certificate. */
function issuerSerial(der: Buffer): { issuer: Buffer; serial: string } {
  const tbs = kids(kids(fromDer(der))[0]);
  const off = tbs[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { issuer: toDer(tbs[off + 2]), serial: Buffer.from(tbs[off].value as string, 'binary').toString('hex').replace(/^0+/, '') };
}

/** The subjectKeyIdentifier extension's key identifier, if any. */
export function subjectKeyId(der: Buffer): Buffer | null {
  const tbs = kids(kids(fromDer(der))[0]);
  const exts = tbs.find((x) => x.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && x.type === 3);
  for (const e of exts ? kids(kids(exts)[0]) : []) {
    const parts = kids(e);
    if (oidOf(parts[0]) !== '2.5.29.14') continue;
    const inner = fromDer(Buffer.from(parts[parts.length - 1].value as string, 'binary'));
    return Buffer.from(inner.value as string, 'binary');
  }
  return null;
}

/** The signer's certificate named by the signer identifier; among look-alikes, the one whose key verifies. */
export function findSignerCert(p: ParsedCms, data: Buffer): X509Certificate | null {
  const certs = p.certificates.map((der) => ({ der, x: x509(der) }));
  let named: typeof certs = [];
  if (p.sid.ski) named = certs.filter((c) => subjectKeyId(c.der)?.equals(p.sid.ski!));
  else if (p.sid.serial !== undefined) {
    const serial = p.sid.serial.replace(/^0+/, '');
    named = certs.filter((c) => {
      const is = issuerSerial(c.der);
      return is.serial === serial && (!p.sid.issuer || is.issuer.equals(p.sid.issuer));
    });
    if (!named.length) named = certs.filter((c) => issuerSerial(c.der).serial === serial);
  }
  const pool = named.length ? named : certs;
  return (pool.find((c) => checkSignatureValue(p, c.x, data).status === 'valid') ?? pool[0])?.x ?? null;
}
