// The archive's own secrets, kept in keys/ beside the database (folder 0700, files 0600),
// never inside it: someone who can edit archive.sqlite but not read keys/ can neither sign
// as the archive nor re-chain its audit log.
// - archive-ed25519.pem: signs coverage packages, backup manifests and audit checkpoints.
// - audit-hmac.json: the HMAC-SHA256 key of the audit chain's format 2, and the first row
//   id that must carry it (rows before it were written before the key existed).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './file-modes';

export const KEYS_DIR = 'keys';
export const SIGNING_KEY_FILE = 'archive-ed25519.pem';
export const AUDIT_KEY_FILE = 'audit-hmac.json';

export interface AuditKey {
  key: Buffer;
  /** rows with this id or later must be HMAC-chained (format 2) */
  keyedFrom: number;
}

/** Writes a secret once ('wx': two processes starting together keep the first one's). */
function writeSecret(file: string, bytes: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    fs.writeFileSync(file, bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/** The archive's signing key, made on first use and kept beside the database, readable by its owner only. */
export function archiveKey(dataDir: string): { privateKey: KeyObject; publicKeyPem: string } {
  const file = path.join(dataDir, KEYS_DIR, SIGNING_KEY_FILE);
  if (!fs.existsSync(file)) writeSecret(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const privateKey = createPrivateKey(fs.readFileSync(file));
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

/** The public half of a keys/ folder's signing key, or null when it has none (or it cannot be read as one). */
export function publicKeyOf(dataDir: string): string | null {
  try {
    return publicKeyOfPem(fs.readFileSync(path.join(dataDir, KEYS_DIR, SIGNING_KEY_FILE)));
  } catch {
    return null;
  }
}

/** The public half of a private key's PEM (a sealed backup's, held in memory), or null when it is not one. */
export function publicKeyOfPem(pem: Buffer | undefined): string | null {
  try {
    return pem ? createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'pem' }).toString() : null;
  } catch {
    return null;
  }
}

/** The audit chain's key; made (with `nextRowId` as its first keyed row) when `nextRowId` is given and there is none. */
export function auditKey(dataDir: string, nextRowId?: number): AuditKey | null {
  const file = path.join(dataDir, KEYS_DIR, AUDIT_KEY_FILE);
  if (!fs.existsSync(file)) {
    if (nextRowId === undefined) return null;
    writeSecret(file, JSON.stringify({ format: 'sohoa-audit-key/1', key: randomBytes(32).toString('hex'), keyedFrom: nextRowId }) + '\n');
  }
  return parseAuditKey(fs.readFileSync(file, 'utf8'), file);
}

/** audit-hmac.json's content as a key; `file` names it in the error. */
export function parseAuditKey(text: string, file: string): AuditKey {
  const k = JSON.parse(text) as { key: string; keyedFrom: number };
  if (!/^[0-9a-f]{64}$/.test(k.key) || !Number.isInteger(k.keyedFrom)) throw new Error(`${file}: khóa nhật ký không hợp lệ`);
  return { key: Buffer.from(k.key, 'hex'), keyedFrom: k.keyedFrom };
}

/** JSON with keys in a fixed order, so the signed bytes do not depend on how a reader re-serialises. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** What an admin compares by eye: the first 128 bits of the SHA-256 of the public key (DER). */
export const fingerprint = (publicKeyPem: string) => createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);

export const signCanonical = (value: unknown, privateKey: KeyObject) => sign(null, Buffer.from(canonical(value)), privateKey).toString('base64');

/** False for a bad signature and for a key or signature that cannot be read. */
export function verifyCanonical(value: unknown, publicKeyPem: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(canonical(value)), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
