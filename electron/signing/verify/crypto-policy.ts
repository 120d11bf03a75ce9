// The cryptographic policy, in one place: which key sizes, paddings and digests a signature may
// use (Circular 15/2025 and the peers' defaults: EU DSS's constraints, pyHanko's algorithm
// policy). A digest the key's rule does not allow makes the signature invalid whatever its
// value; a key below the size is flagged, as SHA-1 is (old signatures stay readable: the peers'
// own 1024-bit test signatures are valid there). docs/verification.md prints this table; the
// report names the rule and what broke it.
import type { KeyObject } from 'node:crypto';
import type { Digest } from './verify-crypto';

export type PolicyFamily = 'rsa' | 'rsa-pss' | 'ecdsa' | 'ecdsa-plain' | 'ed25519' | 'ed448';

export interface PolicyRule {
  /** key families the rule covers */
  families: PolicyFamily[];
  /** smallest key size in bits (RSA modulus, EC field); below it is flagged */
  minBits?: number;
  /** the only digests allowed with this key (EdDSA fixes its hash: RFC 8419) */
  digests?: Digest[];
  /** how the table words the rule */
  text: string;
}

const SHA2_3: Digest[] = ['sha224', 'sha256', 'sha384', 'sha512', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'sha1'];

export const CRYPTO_POLICY: PolicyRule[] = [
  { families: ['rsa', 'rsa-pss'], minBits: 2048, digests: SHA2_3, text: 'RSA ≥ 2048 bit, PKCS#1 v1.5 or PSS, SHA-2/SHA-3' },
  { families: ['ecdsa', 'ecdsa-plain'], minBits: 256, digests: SHA2_3, text: 'ECDSA ≥ 256 bit (P-256/384/521, Brainpool), DER or plain r‖s, SHA-2/SHA-3' },
  { families: ['ed25519'], digests: ['sha512'], text: 'Ed25519 with SHA-512 only' },
  { families: ['ed448'], digests: ['shake256'], text: 'Ed448 with SHAKE256 only' },
];

/** Digests that are accepted but shown as a warning. */
export const FLAGGED_DIGESTS: ReadonlySet<Digest> = new Set(['sha1']);

export interface PolicyVerdict {
  ok: boolean;
  /** the rule that applies (its text), for the report */
  rule: string;
  /** what broke it: a digest the rule refuses (invalid) or a key below its size (flagged) */
  broken?: 'key-size' | 'digest';
}

/** Key size in bits as the policy counts it (RSA modulus, EC curve order). */
export function keyBits(key: KeyObject): number | null {
  const d = key.asymmetricKeyDetails;
  if (d?.modulusLength) return d.modulusLength;
  const curve = d?.namedCurve ?? '';
  const m = /(\d{3})/.exec(curve.replace('secp256k1', 'p256').replace('prime256v1', 'p256'));
  return m ? Number(m[1]) : null;
}

/** Whether a signature by this family, key and digest is within the policy. */
export function checkPolicy(family: PolicyFamily, key: KeyObject, digest: Digest | null): PolicyVerdict {
  const rule = CRYPTO_POLICY.find((r) => r.families.includes(family))!;
  if (rule.digests && digest && !rule.digests.includes(digest)) return { ok: false, rule: rule.text, broken: 'digest' };
  const bits = keyBits(key);
  if (rule.minBits && bits !== null && bits < rule.minBits) return { ok: true, rule: rule.text, broken: 'key-size' };
  return { ok: true, rule: rule.text };
}
