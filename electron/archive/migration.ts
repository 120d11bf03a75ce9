// One schema step: run once, in its own transaction, then PRAGMA user_version = version.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}
