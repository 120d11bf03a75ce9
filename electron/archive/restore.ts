// Restores a backup folder into a new data folder. The backup is checked first, before
// anything is written (backup-verify.ts): its signed manifest, the key's trust, every file
// named by it, the passphrase that opens its sealed keys, the database's blobs, counts and
// audit chain. The files are then copied (hashed again as they pass, temp + fsync + rename)
// and the opened keys written into keys/ (0600), in a sibling folder that is renamed to the
// target in one step, so a restore cut short never leaves a half-restored archive under the
// target's name.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors';
import { audit } from '../accounts/audit';
import { fingerprint, KEYS_DIR } from './archive-keys';
import { openDatabase } from './db';
import { fsyncDir, writeFileDurably } from './durable-write';
import { copyVerified, CopyMismatch, syncPending, newPending, UnsafeSource } from './file-copy';
import { isPrivateFile, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './file-modes';
import { archiveCounts, DB_FILE, type Counts } from './backup-manifest';
import { verifyBackup, type Trust } from './backup-verify';
import { SEALED_KEYS } from './sealed-keys';
import type { Progress } from './backup';

export { verifyBackup, type Trust, type VerifiedBackup } from './backup-verify';

export interface RestoreReport {
  dataDir: string;
  files: number;
  bytes: number;
  counts: Counts;
  schemaVersion: number;
  app: string;
  createdAt: string;
  keyFingerprint: string;
}

export async function restoreArchive(backupDir: string, targetDir: string, trust: Trust, progress: Progress = {}): Promise<RestoreReport> {
  const dir = path.resolve(backupDir);
  const target = path.resolve(targetDir);
  if (fs.existsSync(target) && (!fs.lstatSync(target).isDirectory() || fs.readdirSync(target).length)) throw new CoreError('RESTORE_TARGET_NOT_EMPTY', { dir: target });
  const { manifest, keys } = await verifyBackup(dir, trust, progress);

  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.restoring-${randomBytes(4).toString('hex')}`);
  const tmp = path.join(staging, 'tmp');
  fs.mkdirSync(staging, { mode: PRIVATE_DIR_MODE });
  fs.chmodSync(staging, PRIVATE_DIR_MODE); // the new data folder: the owner's alone, whatever the umask
  fs.mkdirSync(tmp);
  const pending = newPending();
  try {
    for (const [i, f] of manifest.files.entries()) {
      if (progress.cancelled?.()) throw new CoreError('BAD_REQUEST', { detail: 'đã dừng khôi phục' });
      progress.step?.('restore', i, manifest.files.length, f.path);
      if (f.path === SEALED_KEYS) continue; // its content, opened, goes to keys/ below
      try {
        const mode = isPrivateFile(f.path) ? PRIVATE_FILE_MODE : undefined;
        await copyVerified(path.join(dir, f.path), path.join(staging, f.path), tmp, f.sha256, pending, { mode, strictSource: true });
      } catch (e) {
        // changed between the check and the copy
        if (e instanceof CopyMismatch) throw new CoreError('BACKUP_FILE_TAMPERED', { file: f.path });
        if (e instanceof UnsafeSource) throw new CoreError('BACKUP_UNSAFE_FILE', { file: f.path, reason: e.message });
        throw e;
      }
    }
    progress.step?.('restore', manifest.files.length, manifest.files.length, null);
    fs.mkdirSync(path.join(staging, KEYS_DIR), { mode: PRIVATE_DIR_MODE });
    for (const [name, bytes] of keys) writeFileDurably(path.join(staging, KEYS_DIR, name), bytes, tmp, PRIVATE_FILE_MODE);
    fs.rmSync(tmp, { recursive: true, force: true });
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
  const keyFingerprint = fingerprint(manifest.publicKey);
  audit(db, null, 'maintenance.restore', undefined, { from: dir, backupCreatedAt: manifest.createdAt, files: manifest.files.length, keyFingerprint });
  db.close();
  return {
    dataDir: target,
    files: manifest.files.length,
    bytes: manifest.files.reduce((n, f) => n + f.size, 0),
    counts,
    schemaVersion: manifest.schemaVersion,
    app: manifest.app,
    createdAt: manifest.createdAt,
    keyFingerprint,
  };
}
