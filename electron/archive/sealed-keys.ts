// The archive's keys inside a backup, sealed with a passphrase only an administrator knows.
// A backup's reader must not be able to sign as the archive or recompute its keyed audit
// chain, so keys/ never goes into a backup in the clear: its files are encrypted together
// (AES-256-GCM) into keys.sealed with a key derived from the passphrase by scrypt, with the
// parameters recorded beside the ciphertext. The same derivation gives a second key that
// authenticates the whole manifest (passphraseMac): a forger who holds the archive's signing
// key from elsewhere (an older backup, the machine itself) still cannot make a manifest that
// opens with the administrator's passphrase. The passphrase itself is never stored or logged.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CoreError } from '../errors';
import { canonical } from './archive-keys';

export const SEALED_KEYS = 'keys.sealed';
const FORMAT = 'sohoa-sealed-keys/1' as const;
/** OWASP's scrypt floor for passwords (128 MiB, about half a second here); what a backup is made with. */
const COST = { N: 2 ** 17, r: 8, p: 1 };
/** Shorter passphrases are refused: whoever has the backup can try guesses offline, at leisure. */
export const MIN_PASSPHRASE = 12;

const Sealed = z.object({
  format: z.literal(FORMAT),
  keyFingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  // bounded so a crafted file cannot make restore allocate gigabytes
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(2).max(2 ** 20), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16), salt: z.string().max(100) }),
  cipher: z.literal('aes-256-gcm'),
  iv: z.string().max(100),
  tag: z.string().max(100),
  ciphertext: z.string().max(10_000_000),
});
type Sealed = z.infer<typeof Sealed>;

/** The two keys one passphrase gives: one seals keys/, one authenticates the manifest. */
export interface PassphraseKeys {
  seal: Buffer;
  mac: Buffer;
}

/** NFC first: the same Vietnamese passphrase typed on two systems may arrive composed or decomposed. */
export function checkPassphrase(passphrase: string | undefined | null): string {
  if (!passphrase) throw new CoreError('BACKUP_PASSPHRASE_REQUIRED', {});
  const p = passphrase.normalize('NFC');
  if ([...p].length < MIN_PASSPHRASE) throw new CoreError('BACKUP_PASSPHRASE_WEAK', { min: MIN_PASSPHRASE });
  return p;
}

function derive(passphrase: string, kdf: Sealed['kdf']): Promise<PassphraseKeys> {
  return new Promise((resolve, reject) =>
    // scrypt runs on libuv's pool: the core's thread stays free while it works
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 128 * kdf.N * kdf.r * kdf.p + 2 ** 24 }, (e, k) =>
      e ? reject(e) : resolve({ seal: k.subarray(0, 32), mac: k.subarray(32) }),
    ),
  );
}

/** What the GCM tag also covers: the recorded parameters and the archive key the keys belong to. */
const aad = (s: Omit<Sealed, 'iv' | 'tag' | 'ciphertext'>) => Buffer.from(canonical({ format: s.format, keyFingerprint: s.keyFingerprint, kdf: s.kdf, cipher: s.cipher }));

/** keys/' files (name → bytes) sealed for the archive key `keyFingerprint`; returns the file's bytes and the manifest's MAC key. */
export async function sealKeys(files: Map<string, Buffer>, passphrase: string, keyFingerprint: string): Promise<{ bytes: Buffer; keys: PassphraseKeys }> {
  const head = { format: FORMAT, keyFingerprint, kdf: { name: 'scrypt' as const, ...COST, salt: randomBytes(16).toString('base64') }, cipher: 'aes-256-gcm' as const };
  const keys = await derive(checkPassphrase(passphrase), head.kdf);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keys.seal, iv);
  c.setAAD(aad(head));
  const plain = Buffer.from(JSON.stringify({ files: Object.fromEntries([...files].map(([n, b]) => [n, b.toString('base64')])) }));
  const ciphertext = Buffer.concat([c.update(plain), c.final()]);
  plain.fill(0);
  const sealed: Sealed = { ...head, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
  return { bytes: Buffer.from(JSON.stringify(sealed, null, 1) + '\n'), keys };
}

/** The files sealed in `bytes`; a wrong passphrase (or a file sealed under another) is refused in Vietnamese. */
export async function unsealKeys(bytes: Buffer, passphrase: string, keyFingerprint: string): Promise<{ files: Map<string, Buffer>; keys: PassphraseKeys }> {
  let s: Sealed;
  try {
    s = Sealed.parse(JSON.parse(bytes.toString('utf8')));
  } catch (e) {
    throw new CoreError('BACKUP_MANIFEST_BAD', { file: SEALED_KEYS, detail: e instanceof z.ZodError ? `${e.issues[0].path.join('.')}: ${e.issues[0].message}` : String(e) });
  }
  if (s.keyFingerprint !== keyFingerprint) throw new CoreError('BACKUP_KEYS_DIFFER', { file: SEALED_KEYS });
  const keys = await derive(passphrase, s.kdf);
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', keys.seal, Buffer.from(s.iv, 'base64'));
    d.setAAD(aad(s));
    d.setAuthTag(Buffer.from(s.tag, 'base64'));
    plain = Buffer.concat([d.update(Buffer.from(s.ciphertext, 'base64')), d.final()]);
  } catch {
    // the file's hash is checked against the signed manifest before this: what is left is the passphrase
    throw new CoreError('BACKUP_PASSPHRASE_WRONG', { file: SEALED_KEYS });
  }
  const parsed = JSON.parse(plain.toString('utf8')) as { files: Record<string, string> };
  plain.fill(0);
  return { files: new Map(Object.entries(parsed.files).map(([n, b]) => [n, Buffer.from(b, 'base64')])), keys };
}

/** HMAC-SHA256 of a manifest's content (everything but this MAC and the signature) under the passphrase's MAC key. */
export const manifestMac = (body: Record<string, unknown>, keys: PassphraseKeys) => createHmac('sha256', keys.mac).update(canonical(body)).digest('hex');

export function manifestMacValid(body: Record<string, unknown>, mac: string, keys: PassphraseKeys): boolean {
  const want = Buffer.from(manifestMac(body, keys), 'hex');
  const got = Buffer.from(mac, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}
