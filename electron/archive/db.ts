import path from 'node:path';
import Database from 'better-sqlite3';
import { attachArchiveSecrets } from '../accounts/audit-keys';
import { createPrivateFile, protectDataDir } from './file-modes';
import { migrate } from './migrations';
import { foldVietnamese } from '../../shared/fold';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the archive database and brings its schema up to date. Its folder
 * is the data folder: made the owner's alone, the database 0600, and the keys in keys/ (made
 * on first open) attached for the audit chain.
 */
export function openDatabase(file: string): Db {
  const dataDir = path.dirname(path.resolve(file));
  protectDataDir(dataDir);
  createPrivateFile(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // a large page cache and memory-mapped reads: register imports and scans touch whole indexes
    db.pragma('cache_size = -131072');
    db.pragma('mmap_size = 1073741824');
    db.pragma('temp_store = MEMORY');
    // fold_vi(x): the Vietnamese fold of full-text search, for searches over plain columns
    db.function('fold_vi', { deterministic: true }, (s: unknown) => (s === null || s === undefined ? null : foldVietnamese(String(s))));
    migrate(db);
    attachArchiveSecrets(db, dataDir, ((db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0) + 1);
    protectDataDir(dataDir); // the -wal and -shm just made, and keys of an archive older than these modes
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
