// Whether a backup folder may be restored, decided before anything is written. In order:
// the manifest is signed (an unsigned, older backup proves nothing, nor one with its keys in
// the clear) and the signature holds; its key is one the admin trusts (a fingerprint they
// confirmed, or the key of an archive already here); the folder holds only regular,
// single-linked files the manifest lists, each with its size and SHA-256; the passphrase
// opens the sealed keys and authenticates the manifest; the keys are the key that signed; the
// database names no blob the manifest lacks, holds the counts it records, and its audit chain
// verifies with the backup's own keys and ends at the head the manifest records. See docs/backup.md.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CoreError } from '../errors';
import { attachSecretsFromFiles } from '../accounts/audit-keys';
import { AUDIT_BREAK_VI, verifyAuditChain } from '../accounts/audit-chain';
import { CHECKPOINT_FILE } from '../accounts/audit-checkpoint';
import { fingerprint, publicKeyOf, publicKeyOfPem, SIGNING_KEY_FILE } from './archive-keys';
import { archiveCounts, COUNTED, DB_FILE, macBody, Manifest, MANIFEST, manifestSignatureValid, MARKER, SAFE_PATH, type Counts } from './backup-manifest';
import { manifestMacValid, SEALED_KEYS, unsealKeys } from './sealed-keys';
import { blobRelPath, hashFile } from './file-copy';
import { LATEST_VERSION } from './migrations';
import type { Progress } from './backup';

/** Where trust in a backup's key comes from: a fingerprint the admin confirmed, or an archive whose key it must be. */
export interface Trust {
  fingerprint?: string;
  archiveDir?: string;
  /** the backup passphrase: opens the sealed keys and proves the manifest was made by someone who knows it */
  passphrase?: string;
}

/** A backup that passed every check, and its keys (file name in keys/ → bytes) opened from keys.sealed. */
export interface VerifiedBackup {
  manifest: Manifest;
  keys: Map<string, Buffer>;
}

const BLOB = /^files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;
/** keys/ is not among them: a backup's keys are only ever sealed */
const DIRS = /^(files|files\/[0-9a-f]{2}|files\/[0-9a-f]{2}\/[0-9a-f]{2})$/;
/** a refresh stopped part-way leaves its work here beside the old, whole backup; restore never reads it */
const SCRATCH = 'tmp';
const unsafe = (file: string, reason: string) => new CoreError('BACKUP_UNSAFE_FILE', { file, reason });

/** The manifest, parsed, signed and its key trusted; throws naming what is wrong. */
export function trustedManifest(dir: string, trust: Trust): Manifest {
  const file = path.join(dir, MANIFEST);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    throw new CoreError('BACKUP_NO_MANIFEST', { dir });
  }
  if (!st.isFile()) throw unsafe(MANIFEST, 'không phải tệp thường');
  let raw: { formatVersion?: unknown; signature?: unknown };
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CoreError('BACKUP_MANIFEST_BAD', { file, detail: e instanceof Error ? e.message : String(e) });
  }
  if (raw?.formatVersion === 1 || (raw && typeof raw === 'object' && !('signature' in raw))) throw new CoreError('BACKUP_UNSIGNED', { dir });
  // its keys were in the clear: whoever read it (or any backup of that format) can sign one like it
  if (raw?.formatVersion === 2) throw new CoreError('BACKUP_KEYS_UNSEALED', { dir });
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw new CoreError('BACKUP_MANIFEST_BAD', { file, detail: `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}` });
  const m = parsed.data;
  if (!manifestSignatureValid(m)) throw new CoreError('BACKUP_SIGNATURE_BAD', { file });
  const fp = fingerprint(m.publicKey);
  if (trust.archiveDir) {
    const own = publicKeyOf(path.resolve(trust.archiveDir));
    const expected = own ? fingerprint(own) : `không có khóa trong ${path.resolve(trust.archiveDir)}`;
    if (expected !== fp) throw new CoreError('BACKUP_KEY_MISMATCH', { fingerprint: fp, expected });
  } else if (trust.fingerprint) {
    const expected = trust.fingerprint.toLowerCase().replace(/[^0-9a-f]/g, '');
    if (expected !== fp) throw new CoreError('BACKUP_KEY_MISMATCH', { fingerprint: fp, expected: trust.fingerprint });
  } else throw new CoreError('RESTORE_KEY_UNCONFIRMED', { dir, fingerprint: fp });
  return m;
}

/** Every entry of the folder: links and special files refused, files the manifest does not list refused (blobs an earlier backup left, and tmp/, are ignored). */
function checkTree(dir: string, listed: Set<string>): void {
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) throw unsafe(r, 'là liên kết tượng trưng (symlink)');
      if (e.isDirectory()) {
        if (!DIRS.test(r) && r !== SCRATCH) throw unsafe(r, 'thư mục không có trong manifest');
        walk(path.join(abs, e.name), r);
      } else if (!e.isFile()) throw unsafe(r, 'không phải tệp thường');
      else if (!listed.has(r) && r !== MANIFEST && r !== MARKER && !BLOB.test(r) && !r.startsWith(`${SCRATCH}/`)) throw unsafe(r, 'không có trong manifest');
    }
  };
  walk(dir, '');
}

/** The manifest of a finished, trusted backup, checked against the files beside it, and its keys; throws naming the first bad file. */
export async function verifyBackup(backupDir: string, trust: Trust, progress: Progress = {}): Promise<VerifiedBackup> {
  let dir: string;
  try {
    dir = fs.realpathSync(path.resolve(backupDir));
  } catch {
    throw new CoreError('BACKUP_NO_MANIFEST', { dir: path.resolve(backupDir) });
  }
  const manifest = trustedManifest(dir, trust);
  if (!trust.passphrase) throw new CoreError('BACKUP_PASSPHRASE_REQUIRED', {}); // before hours of hashing
  const file = path.join(dir, MANIFEST);
  if (manifest.schemaVersion > LATEST_VERSION) throw new CoreError('BACKUP_TOO_NEW', { found: manifest.schemaVersion, latest: LATEST_VERSION });
  const seen = new Set<string>();
  for (const f of manifest.files) {
    if (!SAFE_PATH.test(f.path) || seen.has(f.path)) throw new CoreError('BACKUP_MANIFEST_BAD', { file, detail: `đường dẫn không hợp lệ hoặc lặp lại: ${f.path}` });
    if (f.path.startsWith('files/') && path.basename(f.path) !== f.sha256) throw new CoreError('BACKUP_FILE_TAMPERED', { file: f.path });
    seen.add(f.path);
  }
  for (const need of [DB_FILE, SEALED_KEYS]) if (!seen.has(need)) throw new CoreError('BACKUP_FILE_MISSING', { file: need });
  checkTree(dir, seen);

  for (const [i, f] of manifest.files.entries()) {
    progress.step?.('verify', i, manifest.files.length, f.path);
    const p = path.join(dir, f.path);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      throw new CoreError('BACKUP_FILE_MISSING', { file: f.path });
    }
    if (!st.isFile()) throw unsafe(f.path, 'không phải tệp thường');
    if (st.nlink !== 1) throw unsafe(f.path, 'là liên kết cứng (hard link) tới một tệp khác');
    if (st.size !== f.size || (await hashFile(p)).sha256 !== f.sha256) throw new CoreError('BACKUP_FILE_TAMPERED', { file: f.path });
  }
  progress.step?.('verify', manifest.files.length, manifest.files.length, null);
  const keys = await openKeys(dir, manifest, trust.passphrase);
  checkDatabase(dir, manifest, seen, keys);
  return { manifest, keys };
}

const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

/** keys.sealed opened with the passphrase, which must also authenticate the manifest; the signing key in it is the one that signed. */
async function openKeys(dir: string, manifest: Manifest, passphrase: string): Promise<Map<string, Buffer>> {
  const { files, keys } = await unsealKeys(fs.readFileSync(path.join(dir, SEALED_KEYS)), passphrase, fingerprint(manifest.publicKey));
  // signed with the archive key but not made with the passphrase: the key leaked, the backup is forged
  if (!manifestMacValid(macBody(manifest), manifest.passphraseMac, keys)) throw new CoreError('BACKUP_PASSPHRASE_MAC', { file: MANIFEST });
  for (const name of files.keys()) if (!KEY_NAME.test(name)) throw new CoreError('BACKUP_MANIFEST_BAD', { file: SEALED_KEYS, detail: `tên khóa không hợp lệ: ${name}` });
  // the restored archive signs with the key the admin trusted, not another one sealed beside it
  if (publicKeyOfPem(files.get(SIGNING_KEY_FILE)) !== manifest.publicKey) throw new CoreError('BACKUP_KEYS_DIFFER', { file: `${SEALED_KEYS}: ${SIGNING_KEY_FILE}` });
  return files;
}

/** The database's own view: every blob it names is in the backup, the counts agree, the audit chain verifies up to the manifest's head. */
function checkDatabase(dir: string, manifest: Manifest, seen: Set<string>, keys: Map<string, Buffer>): void {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    for (const sha of db.prepare('SELECT sha256 FROM blobs').pluck().iterate() as Iterable<string>)
      if (!seen.has(blobRelPath(sha))) throw new CoreError('BACKUP_INCOMPLETE', { file: blobRelPath(sha) });
    const counts = archiveCounts(db);
    for (const k of Object.keys(COUNTED) as (keyof Counts)[])
      if (counts[k] !== manifest.counts[k]) throw new CoreError('BACKUP_COUNTS_DIFFER', { what: COUNTED[k], found: counts[k], expected: manifest.counts[k] });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== manifest.schemaVersion) throw new CoreError('BACKUP_COUNTS_DIFFER', { what: 'user_version', found: version, expected: manifest.schemaVersion });
    attachSecretsFromFiles(db, keys, CHECKPOINT_FILE);
    const chain = verifyAuditChain(db);
    if (!chain.ok) throw new CoreError('BACKUP_AUDIT_BROKEN', { id: chain.firstBroken!.id, reason: AUDIT_BREAK_VI[chain.firstBroken!.reason] });
    const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
    const want = manifest.auditCheckpoint;
    if ((head?.id ?? null) !== (want?.rowId ?? null) || (head?.hash ?? null) !== (want?.hash ?? null))
      throw new CoreError('BACKUP_AUDIT_HEAD_DIFFERS', { found: head?.id ?? 0, expected: want?.rowId ?? 0 });
  } finally {
    db.close();
  }
}
