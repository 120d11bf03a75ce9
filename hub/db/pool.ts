// One pg pool per hub process; every multi-statement change runs on one client between BEGIN
// and COMMIT (a BEGIN through pool.query would land each statement on a different client).
import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;
/** Either a pool or a client inside a transaction: query functions take it first, as on the desk. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

// DATE columns come back as 'YYYY-MM-DD' text, never as a JS Date shifted by the server's zone
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// bigint counts and sums fit in a double here (rows, bytes): read them as numbers
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** `waitMs`: how long a caller may queue for a connection before it is refused (0: no limit). */
export function createPool(databaseUrl: string, max = 10, waitMs = 10_000): Pool {
  // JIT compiling the dashboard's grouped sum cost more than the sum itself (172 of 304 ms at 20 M rows)
  const pool = new pg.Pool({ connectionString: databaseUrl, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: waitMs, options: '-c jit=off' });
  // a dropped idle connection (PostgreSQL restarted) must not crash the process; the pool reconnects
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` in one transaction on one client; rolls back on any error and always releases the client. */
export async function tx<T>(pool: Pool, fn: (c: Client) => Promise<T>, isolation: 'READ COMMITTED' | 'SERIALIZABLE' = 'READ COMMITTED'): Promise<T> {
  const c = await pool.connect();
  let broken = false;
  try {
    await c.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    c.release(broken);
  }
}

/** Creates the database named in the URL when it does not exist yet (through the server's `postgres` database). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`tên cơ sở dữ liệu không hợp lệ: ${name}`);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await admin.query(`CREATE DATABASE "${name}"`).catch((e: { code?: string }) => {
      if (e.code !== '42P04') throw e; // another hub process created it meanwhile
    });
  } finally {
    await admin.end();
  }
}
