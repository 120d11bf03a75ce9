import type { Role } from '../../shared/roles';
import type { Db } from '../archive/db';
import { CoreError } from '../errors';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';

export interface UserRecord {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  unitId: number;
  unitName: string;
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

const SELECT = `SELECT u.id, u.username, u.full_name fullName, u.role, u.unit_id unitId, un.name unitName,
  u.active, u.locked_until lockedUntil, u.created_at createdAt
  FROM users u JOIN units un ON un.id = u.unit_id`;

const row = (r: unknown): UserRecord => {
  const u = r as Omit<UserRecord, 'active'> & { active: number };
  return { ...u, active: !!u.active };
};

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) n FROM users').get() as { n: number }).n;
}

export function getUser(db: Db, id: number): UserRecord | null {
  const r = db.prepare(`${SELECT} WHERE u.id = ?`).get(id);
  return r ? row(r) : null;
}

export function listUsers(db: Db): UserRecord[] {
  return db.prepare(`${SELECT} ORDER BY u.username`).all().map(row);
}

export interface NewUser {
  username: string;
  fullName: string;
  role: Role;
  unitId: number;
  passwordHash: string;
  active?: boolean;
}

export function insertUser(db: Db, u: NewUser): number {
  if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(u.username))
    throw new CoreError('USERNAME_TAKEN', { username: u.username });
  return Number(
    db
      .prepare('INSERT INTO users(username, full_name, role, unit_id, password_hash, active) VALUES (?, ?, ?, ?, ?, ?)')
      .run(u.username, u.fullName, u.role, u.unitId, u.passwordHash, u.active === false ? 0 : 1).lastInsertRowid,
  );
}

export function updateUser(
  db: Db,
  id: number,
  u: { fullName: string; role: Role; unitId: number; active: boolean; passwordHash?: string; unlock: boolean },
): void {
  const before = getUser(db, id);
  if (!before) throw new CoreError('NOT_FOUND', { what: `tài khoản #${id}` });
  const losesAdmin = before.role === 'admin' && before.active && (u.role !== 'admin' || !u.active);
  if (losesAdmin && (db.prepare("SELECT count(*) n FROM users WHERE role='admin' AND active=1").get() as { n: number }).n <= 1)
    throw new CoreError('LAST_ADMIN');
  db.prepare('UPDATE users SET full_name=?, role=?, unit_id=?, active=? WHERE id=?').run(
    u.fullName,
    u.role,
    u.unitId,
    u.active ? 1 : 0,
    id,
  );
  if (u.passwordHash) db.prepare('UPDATE users SET password_hash=? WHERE id=?').run(u.passwordHash, id);
  if (u.unlock || u.passwordHash) db.prepare('UPDATE users SET failed_count=0, locked_until=NULL WHERE id=?').run(id);
}

/** After this many wrong passwords in a row the account waits, doubling each time. */
export const LOCKOUT = { freeAttempts: 5, baseSeconds: 30, maxSeconds: 15 * 60 };

export function lockSeconds(failures: number): number {
  if (failures < LOCKOUT.freeAttempts) return 0;
  return Math.min(LOCKOUT.maxSeconds, LOCKOUT.baseSeconds * 2 ** (failures - LOCKOUT.freeAttempts));
}

/** What an attempt may do: be checked (`wait`: the lock-out it starts if wrong) or be refused unchecked. */
type Attempt = { refusedFor: number } | { wait: number };

/** Counts a real account's attempt in one statement, so parallel guesses are each counted. */
function countAttempt(db: Db, id: number, now: Date): Attempt {
  const attempt = db
    .prepare(`UPDATE users SET failed_count = failed_count + 1 WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING failed_count failed`)
    .get(id, now.toISOString()) as { failed: number } | undefined;
  if (!attempt) {
    const until = db.prepare('SELECT locked_until FROM users WHERE id = ?').pluck().get(id) as string;
    return { refusedFor: Math.max(1, Math.ceil((+new Date(until) - +now) / 1000)) };
  }
  const wait = lockSeconds(attempt.failed);
  if (wait) db.prepare('UPDATE users SET locked_until = ? WHERE id = ?').run(new Date(+now + wait * 1000).toISOString(), id);
  return { wait };
}

/**
 * Failed sign-ins under names with no account, counted and locked like real ones, so that
 * "locked" never tells that a name exists. Kept in memory (per archive), the most recent
 * names last, at most GHOST_NAMES of them.
 */
const ghosts = new WeakMap<Db, Map<string, { failed: number; lockedUntil: number }>>();
const GHOST_NAMES = 10_000;

function countGhostAttempt(db: Db, name: string, now: Date): Attempt {
  if (!ghosts.has(db)) ghosts.set(db, new Map());
  const names = ghosts.get(db)!;
  const g = names.get(name) ?? { failed: 0, lockedUntil: 0 };
  if (g.lockedUntil > +now) return { refusedFor: Math.max(1, Math.ceil((g.lockedUntil - +now) / 1000)) };
  g.failed++;
  const wait = lockSeconds(g.failed);
  if (wait) g.lockedUntil = +now + wait * 1000;
  names.delete(name);
  names.set(name, g);
  if (names.size > GHOST_NAMES) names.delete(names.keys().next().value!);
  return { wait };
}

/**
 * Checks a username and password, applying the lock-out delay. Returns the user id or throws.
 * Each attempt is counted as a failure *before* the password is checked, in one statement, and
 * the attempt that reaches the limit locks the account at once; so parallel guesses are all
 * counted and those beyond the limit are refused unchecked. A right password clears the count.
 * Unknown names are counted and locked the same way, and every answer costs one scrypt (against
 * a dummy hash when there is no account or it is locked): neither the answer nor its time tells
 * whether an account exists.
 */
export async function authenticate(db: Db, username: string, password: string, now = new Date()): Promise<number> {
  const name = username.trim().toLowerCase();
  const u = db.prepare('SELECT id, password_hash hash, active FROM users WHERE username = ?').get(name) as { id: number; hash: string; active: number } | undefined;
  const attempt = u ? countAttempt(db, u.id, now) : countGhostAttempt(db, name, now);
  const checked = u && 'wait' in attempt;
  const good = await verifyPassword(password, checked ? u.hash : DUMMY_HASH);
  if ('refusedFor' in attempt) throw new CoreError('ACCOUNT_LOCKED', { seconds: attempt.refusedFor });
  if (!checked || !good) {
    if (attempt.wait) throw new CoreError('ACCOUNT_LOCKED', { seconds: attempt.wait });
    throw new CoreError('BAD_CREDENTIALS');
  }
  db.prepare('UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = ?').run(u.id);
  if (!u.active) throw new CoreError('ACCOUNT_DISABLED');
  return u.id;
}

export async function changePassword(db: Db, userId: number, current: string, next: string): Promise<void> {
  const u = db.prepare('SELECT password_hash hash FROM users WHERE id=?').get(userId) as { hash: string } | undefined;
  if (!u || !(await verifyPassword(current, u.hash))) throw new CoreError('BAD_CREDENTIALS');
  db.prepare('UPDATE users SET password_hash=? WHERE id=?').run(await hashPassword(next), userId);
}

/** The home unit: the first administrator's (null before setup). */
export function homeUnitId(db: Db): number | null {
  return (db.prepare("SELECT unit_id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").pluck().get() as number | undefined) ?? null;
}
