// Ordered, versioned hub migrations. Each runs in its own transaction under an advisory lock
// (two hub processes starting together migrate once); a database written by a newer hub is
// refused, never touched.
import { tx, type Pool } from './pool';
import { SCHEMA_V1 } from './schema-v1';
import { SCHEMA_V2 } from './schema-v2';
import { SCHEMA_V3 } from './schema-v3';

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

export const HUB_MIGRATIONS: HubMigration[] = [
  { version: 1, name: 'units, accounts, audit, desks, register, documents, coverage, lookups', sql: SCHEMA_V1 },
  { version: 2, name: 'coverage deltas by unit', sql: SCHEMA_V2 },
  { version: 3, name: 'dossier codes per unit', sql: SCHEMA_V3 },
];

export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1].version;

export class HubSchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(`Cơ sở dữ liệu của máy chủ tỉnh có lược đồ v${found}, mới hơn phiên bản này (v${HUB_SCHEMA_VERSION}); hãy cập nhật máy chủ.`);
  }
}

const LOCK_KEY = 0x50686f61; // any constant shared by every hub process

export async function migrateHub(pool: Pool, list: HubMigration[] = HUB_MIGRATIONS): Promise<number> {
  return tx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await c.query('CREATE TABLE IF NOT EXISTS hub_schema (version int NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await c.query<{ v: number | null }>('SELECT max(version) v FROM hub_schema');
    const current = rows[0].v ?? 0;
    const latest = list.length ? list[list.length - 1].version : 0;
    if (current > latest) throw new HubSchemaTooNewError(current);
    for (const m of list) {
      if (m.version <= current) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO hub_schema(version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    return Math.max(current, latest);
  });
}
