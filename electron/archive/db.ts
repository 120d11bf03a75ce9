import Database from 'better-sqlite3';
import { migrate } from './migrations';
import { foldVietnamese } from '../../shared/fold';

export type Db = Database.Database;

/** Opens (creating if needed) the archive database and brings its schema up to date. */
export function openDatabase(file: string): Db {
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
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
