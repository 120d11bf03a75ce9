// An online, consistent backup of the archive into a folder (after Paperless-ngx's
// document_exporter): the database through SQLite's backup API, then exactly the blobs that
// copy references, the archive's keys, and a manifest written last. A folder without a
// manifest is a backup that did not finish; running again into it resumes: files already
// there and matching their hash are kept, the rest copied. Running again into a finished
// backup refreshes it, the old one staying restorable until the new one replaces it.
// The manifest is signed with the archive key, and the audit head it records is also signed
// into the archive's own checkpoints. The keys go in sealed under the administrator's backup
// passphrase, which also authenticates the manifest: reading a backup gives no key to forge
// one with. The folder is the owner's alone (0700), the database in it 0600 (docs/backup.md).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CoreError } from '../errors';
import { isInside } from '../files';
import { checkpointAt } from '../accounts/audit-checkpoint';
import { auditSecretsOf } from '../accounts/audit-keys';
import { archiveKey, fingerprint } from './archive-keys';
import type { Db } from './db';
import { writeFileDurably, fsyncDir } from './durable-write';
import { blobRelPath, copyVerified, CopyMismatch, hashFile, listFiles, syncPending, newPending } from './file-copy';
import { createPrivateFile, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './file-modes';
import { archiveCounts, DB_FILE, MANIFEST, MARKER, signManifest, type Counts, type Manifest } from './backup-manifest';
import { checkPassphrase, manifestMac, SEALED_KEYS, sealKeys, type PassphraseKeys } from './sealed-keys';

export interface Progress {
  cancelled?: () => boolean;
  /** called as work advances: `done` of `total` in the current phase */
  step?: (phase: string, done: number, total: number, current: string | null) => void;
}

export interface BackupReport {
  dir: string;
  complete: boolean;
  files: number;
  bytes: number;
  copied: number;
  skipped: number;
  counts: Counts | null;
  schemaVersion: number;
  app: string;
  createdAt: string;
  /** the archive key that signed the manifest: what `sohoa restore --trust-key` is given on a new machine */
  keyFingerprint: string;
}

/** `passphrase`: the administrator's, sealing the keys in the backup; refused when missing or short, before anything is written. */
export async function backupArchive(src: { db: Db; dataDir: string; appVersion: string }, outDir: string, passphrase: string | undefined, progress: Progress = {}): Promise<BackupReport> {
  const secret = checkPassphrase(passphrase);
  const dir = path.resolve(outDir);
  const data = path.resolve(src.dataDir);
  const createdAt = prepareTarget(dir, data);
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const key = archiveKey(data);
  const report: BackupReport = { dir, complete: false, files: 0, bytes: 0, copied: 0, skipped: 0, counts: null, schemaVersion: 0, app: src.appVersion, createdAt, keyFingerprint: fingerprint(key.publicKeyPem) };
  const files: Manifest['files'] = [];
  const finish = (complete: boolean): BackupReport => {
    fs.rmSync(tmp, { recursive: true, force: true });
    report.complete = complete;
    report.files = files.length;
    report.bytes = files.reduce((n, f) => n + f.size, 0);
    return report;
  };

  // 1. the database, as one consistent snapshot while the app goes on writing
  progress.step?.('database', 0, 1, DB_FILE);
  const partial = path.join(tmp, `${DB_FILE}.partial`);
  const { blobs, auditHead } = await snapshotDatabase(src.db, partial, report);
  // the head the backup holds, signed into the live archive (table and keys/) before keys/ is copied
  if (auditHead) checkpointAt(src.db, auditSecretsOf(src.db), auditHead, 'backup');
  // the new snapshot waits in tmp/: a refresh of an older backup leaves that one whole (its
  // database, its manifest, its files: blobs are only ever added) until the new one is ready
  files.push({ path: DB_FILE, ...(await hashFile(partial)) });
  progress.step?.('database', 1, 1, null);

  // 2. the blobs that snapshot references (a blob written after it belongs to the next backup)
  const pending = newPending();
  if (!(await copyBlobs({ dir, data, tmp, pending, files, report, progress }, blobs))) return finish(false);

  // 3. the archive's own keys, sealed under the passphrase: a restored archive signs as this one, a reader of the backup cannot
  const sealed = await sealArchiveKeys(data, tmp, secret, report.keyFingerprint);
  files.push({ path: SEALED_KEYS, ...(await hashFile(sealed.file)) });

  // 4. the database, then the manifest, last (after every copy is durable): its presence is what makes the folder a finished backup
  await syncPending(pending);
  if (fs.existsSync(path.join(dir, MANIFEST))) {
    fs.rmSync(path.join(dir, MANIFEST));
    fsyncDir(dir);
  }
  // a backup of format 2 refreshed into this one: its keys in the clear go with its manifest
  fs.rmSync(path.join(dir, 'keys'), { recursive: true, force: true });
  for (const [from, to] of [
    [partial, DB_FILE],
    [sealed.file, SEALED_KEYS],
  ]) {
    const fd = fs.openSync(from, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(from, path.join(dir, to));
  }
  fs.rmSync(tmp, { recursive: true, force: true }); // a finished backup holds only what its manifest lists
  fsyncDir(dir);
  const manifest = signedManifest(report, files, auditHead, key, sealed.keys);
  writeFileDurably(path.join(dir, MANIFEST), Buffer.from(JSON.stringify(manifest, null, 1) + '\n'));
  return finish(true);
}

/** Every file of keys/ sealed into tmp/keys.sealed (0600); the passphrase's keys, for the manifest's MAC. */
async function sealArchiveKeys(data: string, tmp: string, passphrase: string, keyFingerprint: string): Promise<{ file: string; keys: PassphraseKeys }> {
  const keysDir = path.join(data, 'keys');
  const plain = new Map(listFiles(keysDir).filter((n) => !n.includes('/')).map((n) => [n, fs.readFileSync(path.join(keysDir, n))] as const));
  const { bytes, keys } = await sealKeys(plain, passphrase, keyFingerprint);
  for (const b of plain.values()) b.fill(0);
  const file = path.join(tmp, SEALED_KEYS);
  fs.writeFileSync(file, bytes, { mode: PRIVATE_FILE_MODE });
  return { file, keys };
}

function signedManifest(r: BackupReport, files: Manifest['files'], auditHead: { id: number; hash: string } | null, key: ReturnType<typeof archiveKey>, pass: PassphraseKeys): Manifest {
  const body = {
    format: 'sohoa-backup' as const,
    formatVersion: 3 as const,
      app: r.app,
      schemaVersion: r.schemaVersion,
      createdAt: r.createdAt,
      counts: r.counts!,
      auditHead: auditHead?.hash ?? null,
      auditCheckpoint: auditHead && { rowId: auditHead.id, hash: auditHead.hash },
    publicKey: key.publicKeyPem,
    files,
  };
  return signManifest({ ...body, passphraseMac: manifestMac(body, pass) }, key.privateKey);
}

/** Refuses a target inside the archive or holding something else; marks it as a backup in progress. Returns the start time. */
function prepareTarget(dir: string, data: string): string {
  if (isInside(dir, data)) throw new CoreError('BACKUP_INSIDE_ARCHIVE', { dir });
  if (fs.existsSync(dir)) {
    const entries = fs.readdirSync(dir);
    if (entries.length && !entries.includes(MARKER)) throw new CoreError('BACKUP_TARGET_NOT_EMPTY', { dir });
  }
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE); // it holds the keys and the password hashes
  const createdAt = new Date().toISOString();
  writeFileDurably(path.join(dir, MARKER), Buffer.from(JSON.stringify({ format: 'sohoa-backup', startedAt: createdAt }) + '\n'));
  return createdAt;
}

/** SQLite's online backup into `partial`, made self-contained; fills the report's schema and counts. */
async function snapshotDatabase(db: Db, partial: string, report: BackupReport): Promise<{ blobs: string[]; auditHead: { id: number; hash: string } | null }> {
  fs.rmSync(partial, { force: true });
  createPrivateFile(partial); // SQLite writes into it keeping its 0600
  await db.backup(partial);
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file, readable from read-only media
    // work that was under way is not resumed by a restored archive
    copy.prepare("UPDATE jobs SET state = 'cancelled', finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE state IN ('queued','running')").run();
    report.schemaVersion = copy.pragma('user_version', { simple: true }) as number;
    report.counts = archiveCounts(copy);
    const blobs = copy.prepare('SELECT sha256 FROM blobs ORDER BY sha256').pluck().all() as string[];
    const head = copy.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
    return { blobs, auditHead: head?.hash ? { id: head.id, hash: head.hash } : null };
  } finally {
    copy.close();
  }
}

interface CopyTarget {
  dir: string;
  data: string;
  tmp: string;
  pending: ReturnType<typeof newPending>;
  files: Manifest['files'];
  report: BackupReport;
  progress: Progress;
}

/** Copies each blob not already there with its hash; false when stopped part-way. */
async function copyBlobs(t: CopyTarget, blobs: string[]): Promise<boolean> {
  for (const [i, sha256] of blobs.entries()) {
    if (t.progress.cancelled?.()) return false;
    const rel = blobRelPath(sha256);
    t.progress.step?.('files', i, blobs.length, rel);
    const dest = path.join(t.dir, rel);
    if (fs.existsSync(dest)) {
      const have = await hashFile(dest);
      if (have.sha256 === sha256) {
        t.files.push({ path: rel, size: have.size, sha256 });
        t.report.skipped++;
        continue;
      }
    }
    const from = path.join(t.data, rel);
    if (!fs.existsSync(from)) throw new CoreError('BACKUP_SOURCE_MISSING', { file: rel });
    try {
      const r = await copyVerified(from, dest, t.tmp, sha256, t.pending);
      t.files.push({ path: rel, size: r.size, sha256 });
      t.report.copied++;
    } catch (e) {
      if (e instanceof CopyMismatch) throw new CoreError('BACKUP_SOURCE_CORRUPT', { file: rel });
      throw e;
    }
  }
  t.progress.step?.('files', blobs.length, blobs.length, null);
  return true;
}
