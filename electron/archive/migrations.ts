// Ordered, versioned schema migrations. Each runs in its own transaction and bumps
// PRAGMA user_version; a database written by a newer app is refused, never downgraded.
import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';
import { migrationsV1toV5 } from './schema-v1-v5';
import { migrationsV6toV11 } from './schema-v6-v11';
import { migrationV12 } from './schema-v12-outbox';
import { migrationV13 } from './schema-v13-audit-keys';
import { migrationV14 } from './schema-v14-trash-undo';
import { migrationV15 } from './schema-v15-work';
import { migrationV16 } from './schema-v16-search-pairs';
import { migrationV17 } from './schema-v17-register-per-unit';

export type { Migration } from './migration';

export const migrations: Migration[] = [
  ...migrationsV1toV5,
  ...migrationsV6toV11,
  migrationV12,
  migrationV13,
  migrationV14,
  migrationV15,
  migrationV16,
  migrationV17,
];

export const LATEST_VERSION = migrations[migrations.length - 1].version;

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number) {
    super(`database schema v${found} is newer than this app (v${LATEST_VERSION})`);
  }
}

export function migrate(db: Database, list: Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.length ? list[list.length - 1].version : 0;
  if (current > latest) throw new DatabaseTooNewError(current);
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
