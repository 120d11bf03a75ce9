import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../../electron/accounts/passwords';
import { authenticate, insertUser, lockSeconds, updateUser } from '../../../electron/accounts/users';
import { openDatabase } from '../../../electron/archive/db';
import { CoreError } from '../../../electron/errors';
import { tempDir } from '../../helpers';

async function db() {
  const d = openDatabase(path.join(tempDir(), 'a.sqlite'));
  d.prepare("INSERT INTO units(code, name, level) VALUES ('38', 'Tỉnh Thanh Hóa', 'province')").run();
  const id = insertUser(d, { username: 'vanthu', fullName: 'Văn thư', role: 'records_staff', unitId: 1, passwordHash: await hashPassword('dung-mat-khau') });
  return { d, id };
}
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: CoreError) => e.code);

describe('authenticate', () => {
  it('accepts the right password and rejects unknown users the same way as wrong passwords', async () => {
    const { d, id } = await db();
    expect(await authenticate(d, 'vanthu', 'dung-mat-khau')).toBe(id);
    expect(await code(authenticate(d, 'khong-co', 'x'))).toBe('BAD_CREDENTIALS');
    expect(await code(authenticate(d, 'vanthu', 'sai'))).toBe('BAD_CREDENTIALS');
  });

  it('locks the account after five wrong passwords, even against the right one, and unlocks later', async () => {
    const { d } = await db();
    const t0 = new Date('2026-01-01T08:00:00Z');
    for (let i = 0; i < 4; i++) expect(await code(authenticate(d, 'vanthu', 'sai', t0))).toBe('BAD_CREDENTIALS');
    expect(await code(authenticate(d, 'vanthu', 'sai', t0))).toBe('ACCOUNT_LOCKED');
    expect(await code(authenticate(d, 'vanthu', 'dung-mat-khau', new Date(+t0 + 10_000)))).toBe('ACCOUNT_LOCKED');
    expect(await code(authenticate(d, 'vanthu', 'dung-mat-khau', new Date(+t0 + 31_000)))).toBe('ok');
    // success clears the count
    expect(await code(authenticate(d, 'vanthu', 'sai', new Date(+t0 + 32_000)))).toBe('BAD_CREDENTIALS');
  });

  it('counts parallel wrong passwords one by one and checks none past the limit', async () => {
    const { d, id } = await db();
    const t0 = new Date('2026-01-01T08:00:00Z');
    const codes = await Promise.all(Array.from({ length: 40 }, () => code(authenticate(d, 'vanthu', 'sai', t0))));
    // the first four are wrong passwords; the fifth locks; the other 35 are refused unchecked
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(36);
    expect(d.prepare('SELECT failed_count FROM users WHERE id = ?').pluck().get(id)).toBe(5);
    // while locked even the right password is refused
    expect(await code(authenticate(d, 'vanthu', 'dung-mat-khau', t0))).toBe('ACCOUNT_LOCKED');
  });

  it('answers an unknown name exactly as a real account: the same codes, the same lock-out', async () => {
    const { d } = await db();
    const t0 = new Date('2026-01-01T08:00:00Z');
    const answers = async (name: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) out.push(await authenticate(d, name, 'sai', new Date(+t0 + i * 1000)).then(() => 'ok', (e: CoreError) => `${e.code} ${JSON.stringify(e.params ?? {})}`));
      return out;
    };
    const real = await answers('vanthu');
    expect(real[4]).toMatch(/^ACCOUNT_LOCKED/);
    expect(await answers('khong-co-ai')).toEqual(real);
    // and it unlocks as a real one does
    expect(await code(authenticate(d, 'khong-co-ai', 'sai', new Date(+t0 + 60_000)))).toBe('ACCOUNT_LOCKED');
  });

  it('takes as long to refuse a locked account as an unknown name (one scrypt each)', async () => {
    const { d } = await db();
    const t0 = new Date('2026-01-01T08:00:00Z');
    for (let i = 0; i < 5; i++) await code(authenticate(d, 'vanthu', 'sai', t0));
    const time = async (name: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        await code(authenticate(d, name, 'sai', t0));
        runs.push(performance.now() - start);
      }
      return runs.sort((a, b) => a - b)[1];
    };
    const locked = await time('vanthu');
    const unknown = await time(`khong-co-${Date.now()}`);
    expect(await code(authenticate(d, 'vanthu', 'sai', t0))).toBe('ACCOUNT_LOCKED');
    // before: 1.7 ms against 175 ms; now both pay for one scrypt
    expect(locked).toBeGreaterThan(unknown * 0.3);
  });

  it('doubles the delay with each further failure, up to fifteen minutes', () => {
    expect([4, 5, 6, 7, 20].map(lockSeconds)).toEqual([0, 30, 60, 120, 900]);
  });

  it('refuses a disabled account', async () => {
    const { d, id } = await db();
    updateUser(d, id, { fullName: 'Văn thư', role: 'records_staff', unitId: 1, active: false, unlock: false });
    expect(await code(authenticate(d, 'vanthu', 'dung-mat-khau'))).toBe('ACCOUNT_DISABLED');
  });

  it('keeps at least one active administrator', async () => {
    const { d } = await db();
    const admin = insertUser(d, { username: 'admin', fullName: 'QT', role: 'admin', unitId: 1, passwordHash: 'x' });
    expect(() => updateUser(d, admin, { fullName: 'QT', role: 'records_staff', unitId: 1, active: true, unlock: false })).toThrow(/quản trị viên cuối cùng/);
  });

  it('refuses a taken username', async () => {
    const { d } = await db();
    expect(() => insertUser(d, { username: 'vanthu', fullName: 'X', role: 'admin', unitId: 1, passwordHash: 'x' })).toThrow(/đã được dùng/);
  });
});
