// The bench's own database, dropped and recreated per run, set up by the hub's own code:
// ensureDatabase, the versioned migrations and the built-in catalogue.
import pg from 'pg';
import { createPool, ensureDatabase, tx, type Pool } from '../../hub/db/pool';
import { migrateHub } from '../../hub/db/migrations';
import { seedBuiltinCatalogue } from '../../hub/units/catalogue';

export async function freshBenchDatabase(url: string): Promise<Pool> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^sohoa_hub_bench\w*$/.test(name)) throw new Error(`the bench drops its database: give one named sohoa_hub_bench…, not ${name}`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(url);
  const pool = createPool(url, 12);
  await migrateHub(pool);
  await tx(pool, (c) => seedBuiltinCatalogue(c));
  return pool;
}

export async function dropBenchDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
