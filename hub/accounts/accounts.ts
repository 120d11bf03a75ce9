// Hub accounts: a hub admin, province heads, district heads (their district only) and records
// staff (the reuse lookup only). scrypt passwords as on the desk; wrong passwords counted in
// one statement before the check and the account locked for 30 s doubling to 15 min; an
// unknown name costs the same scrypt and gets the same answer as a wrong password.
import { createHash, randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../electron/accounts/passwords';
import type { Pool, Queryable } from '../db/pool';
import { Refusal } from '../ingest/refusal';

export const HUB_ROLES = ['hub_admin', 'province_head', 'district_head', 'records_staff'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

export interface HubAccount {
  id: number;
  username: string;
  fullName: string;
  role: HubRole;
  unitId: number | null;
}

const SESSION_HOURS = 12;
const LOCK_AFTER = 5;
let dummyHash: Promise<string> | null = null;

export async function createAccount(c: Queryable, a: Omit<HubAccount, 'id'> & { password: string }): Promise<number> {
  const { rows } = await c.query<{ id: number }>('INSERT INTO accounts(username, full_name, role, unit_id, password_hash) VALUES ($1,$2,$3,$4,$5) RETURNING id', [
    a.username,
    a.fullName,
    a.role,
    a.unitId,
    await hashPassword(a.password),
  ]);
  return rows[0].id;
}

const badCredentials = () => new Refusal(401, 'BAD_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa.');

export async function signIn(pool: Pool, username: string, password: string): Promise<{ account: HubAccount; token: string }> {
  // the attempt is counted first (one statement), so parallel guesses cannot all slip under the limit
  const { rows } = await pool.query<{ id: number; password_hash: string; locked: boolean; failed_count: number; active: boolean }>(
    `UPDATE accounts SET failed_count = failed_count + 1 WHERE username = $1
     RETURNING id, password_hash, (locked_until IS NOT NULL AND locked_until > now()) locked, failed_count, active`,
    [username],
  );
  const row = rows[0];
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const good = await verifyPassword(password, row?.password_hash ?? (await dummyHash));
  if (!row || !good || row.locked || !row.active) {
    if (row && !row.locked && row.failed_count >= LOCK_AFTER) {
      const seconds = Math.min(900, 30 * 2 ** (row.failed_count - LOCK_AFTER));
      await pool.query(`UPDATE accounts SET locked_until = now() + make_interval(secs => $2) WHERE id = $1`, [row.id, seconds]);
    }
    throw badCredentials();
  }
  await pool.query('UPDATE accounts SET failed_count = 0, locked_until = NULL WHERE id = $1', [row.id]);
  const token = randomBytes(32).toString('base64url');
  await pool.query(`INSERT INTO sessions(id, account_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`, [hashToken(token), row.id]);
  return { account: (await accountById(pool, row.id))!, token };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function accountById(c: Queryable, id: number): Promise<HubAccount | null> {
  const { rows } = await c.query<HubAccount>('SELECT id, username, full_name "fullName", role, unit_id "unitId" FROM accounts WHERE id = $1 AND active', [id]);
  return rows[0] ?? null;
}

/** The account behind a session cookie's token, while the session lasts. */
export async function sessionAccount(pool: Pool, token: string | undefined): Promise<HubAccount | null> {
  if (!token || token.length > 100) return null;
  const { rows } = await pool.query<{ account_id: number }>('SELECT account_id FROM sessions WHERE id = $1 AND expires_at > now()', [hashToken(token)]);
  return rows[0] ? accountById(pool, rows[0].account_id) : null;
}

export async function signOut(pool: Pool, token: string | undefined): Promise<void> {
  if (token) await pool.query('DELETE FROM sessions WHERE id = $1', [hashToken(token)]);
}

export async function listAccounts(c: Queryable): Promise<HubAccount[]> {
  return (await c.query<HubAccount>('SELECT id, username, full_name "fullName", role, unit_id "unitId" FROM accounts ORDER BY username')).rows;
}
