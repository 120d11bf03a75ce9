// Restores a backup folder into a new data folder. Every file named by the manifest is
// checked (present, size, SHA-256, blob named by its hash) and the backup's database must
// reference no blob the manifest lacks and hold the counts the manifest records, all before
// anything is written. The files are then copied (hashed again as they pass, temp + fsync +
// rename) into a sibling folder that is renamed to the target in one step, so a restore cut
// short never leaves a half-restored archive under the target's name.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CoreError } from '../errors';
import { audit } from '../accounts/audit';
import { openDatabase } from './db';
import { fsyncDir } from './durable-write';
import { blobRelPath, copyVerified, CopyMismatch, hashFile, syncPending, newPending } from './file-copy';
import { archiveCounts, COUNTED, DB_FILE, Manifest, MANIFEST, SAFE_PATH, type Counts } from './backup-manifest';
import { LATEST_VERSION } from './migrations';
import type { Progress } from './backup';

export interface RestoreReport {
  dataDir: string;
  files: number;
  bytes: number;
  counts: Counts;
  schemaVersion: number;
  app: string;
  createdAt: string;
}

/** The manifest of a finished backup, checked against the files beside it; throws naming the first bad file. */
export async function verifyBackup(backupDir: string, progress: Progress = {}): Promise<Manifest> {
  const dir = path.resolve(backupDir);
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new CoreError('BACKUP_NO_MANIFEST', { dir });
  let manifest: Manifest;
  try {
    const parsed = Manifest.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    manifest = parsed.data;
  } catch (e) {
    throw new CoreError('BACKUP_MANIFEST_BAD', { file, detail: e instanceof Error ? e.message : String(e) });
  }
  if (manifest.schemaVersion > LATEST_VERSION) throw new CoreError('BACKUP_TOO_NEW', { found: manifest.schemaVersion, latest: LATEST_VERSION });
  const seen = new Set<string>();
  for (const f of manifest.files) {
    if (!SAFE_PATH.test(f.path) || seen.has(f.path)) throw new CoreError('BACKUP_MANIFEST_BAD', { file, detail: `đường dẫn không hợp lệ hoặc lặp lại: ${f.path}` });
    if (f.path.startsWith('files/') && path.basename(f.path) !== f.sha256) throw new CoreError('BACKUP_FILE_TAMPERED', { file: f.path });
    seen.add(f.path);
  }
  if (!seen.has(DB_FILE)) throw new CoreError('BACKUP_FILE_MISSING', { file: DB_FILE });

  for (const [i, f] of manifest.files.entries()) {
    progress.step?.('verify', i, manifest.files.length, f.path);
    const p = path.join(dir, f.path);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new CoreError('BACKUP_FILE_MISSING', { file: f.path });
    }
    if (!st.isFile() || st.size !== f.size) throw new CoreError('BACKUP_FILE_TAMPERED', { file: f.path });
    if ((await hashFile(p)).sha256 !== f.sha256) throw new CoreError('BACKUP_FILE_TAMPERED', { file: f.path });
  }
  progress.step?.('verify', manifest.files.length, manifest.files.length, null);

  // the database's own view: every blob it names is in the backup, and the counts agree
  const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    for (const sha of db.prepare('SELECT sha256 FROM blobs').pluck().iterate() as Iterable<string>)
      if (!seen.has(blobRelPath(sha))) throw new CoreError('BACKUP_INCOMPLETE', { file: blobRelPath(sha) });
    const counts = archiveCounts(db);
    for (const k of Object.keys(COUNTED) as (keyof Counts)[])
      if (counts[k] !== manifest.counts[k]) throw new CoreError('BACKUP_COUNTS_DIFFER', { what: COUNTED[k], found: counts[k], expected: manifest.counts[k] });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== manifest.schemaVersion) throw new CoreError('BACKUP_COUNTS_DIFFER', { what: 'user_version', found: version, expected: manifest.schemaVersion });
  } finally {
    db.close();
  }
  return manifest;
}

export async function restoreArchive(backupDir: string, targetDir: string, progress: Progress = {}): Promise<RestoreReport> {
  const dir = path.resolve(backupDir);
  const target = path.resolve(targetDir);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length)) throw new CoreError('RESTORE_TARGET_NOT_EMPTY', { dir: target });
  const manifest = await verifyBackup(dir, progress);

  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.restoring-${randomBytes(4).toString('hex')}`);
  const tmp = path.join(staging, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const pending = newPending();
  try {
    for (const [i, f] of manifest.files.entries()) {
      if (progress.cancelled?.()) throw new CoreError('BAD_REQUEST', { detail: 'đã dừng khôi phục' });
      progress.step?.('restore', i, manifest.files.length, f.path);
      try {
        await copyVerified(path.join(dir, f.path), path.join(staging, f.path), tmp, f.sha256, pending);
      } catch (e) {
        // changed between the check and the copy
        if (e instanceof CopyMismatch) throw new CoreError('BACKUP_FILE_TAMPERED', { file: f.path });
        throw e;
      }
    }
    progress.step?.('restore', manifest.files.length, manifest.files.length, null);
    await syncPending(pending);
    fsyncDir(staging);
    // the target appears whole or not at all
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(staging, target);
    fsyncDir(parent);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  // opened once as the app opens it: migrated if the backup is older, back in WAL mode
  const db = openDatabase(path.join(target, DB_FILE));
  const counts = archiveCounts(db);
  audit(db, null, 'maintenance.restore', undefined, { from: dir, backupCreatedAt: manifest.createdAt, files: manifest.files.length });
  db.close();
  return {
    dataDir: target,
    files: manifest.files.length,
    bytes: manifest.files.reduce((n, f) => n + f.size, 0),
    counts,
    schemaVersion: manifest.schemaVersion,
    app: manifest.app,
    createdAt: manifest.createdAt,
  };
}
