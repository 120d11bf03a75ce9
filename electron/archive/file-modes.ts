// Who may read the archive on a shared machine: the data folder (and a backup folder) is the
// owner's alone, and the files that hold secrets (the keys, the database with its password
// hashes, SQLite's -wal and -shm beside it) are 0600 even if the folder is later opened up.
// Windows has no such modes (chmod only toggles read-only there): its folder ACLs decide.
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The database and the keys: 0600. Blobs keep the default mode; the 0700 folder guards them. */
export const isPrivateFile = (rel: string) => /^archive\.sqlite(-wal|-shm|-journal)?$/.test(rel) || rel.startsWith('keys/');

function chmodIfThere(p: string, mode: number): void {
  try {
    fs.chmodSync(p, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Makes a data (or backup) folder and its keys/ the owner's alone, and its secret files 0600. */
export function protectDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodIfThere(dir, PRIVATE_DIR_MODE);
  chmodIfThere(path.join(dir, 'keys'), PRIVATE_DIR_MODE);
  for (const name of ['archive.sqlite', 'archive.sqlite-wal', 'archive.sqlite-shm', 'archive.sqlite-journal']) chmodIfThere(path.join(dir, name), PRIVATE_FILE_MODE);
  let keys: string[] = [];
  try {
    keys = fs.readdirSync(path.join(dir, 'keys'));
  } catch {}
  for (const k of keys) chmodIfThere(path.join(dir, 'keys', k), PRIVATE_FILE_MODE);
}

/** Creates an empty database file readable by its owner only, so SQLite's -wal and -shm (made with its mode) are too. */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
