// First start: the built-in catalogue when the hub has no units, and a hub admin account with
// a password printed once when it has no accounts (or the demo province with --demo).
import { randomBytes } from 'node:crypto';
import { createAccount } from './accounts/accounts';
import { hubAudit } from './accounts/audit';
import type { HubConfig } from './config';
import { tx, type Pool } from './db/pool';
import { seedDemoProvince } from './demo';
import { seedBuiltinCatalogue } from './units/catalogue';

export async function firstStart(pool: Pool, config: Pick<HubConfig, 'demo'>): Promise<string[]> {
  const notes: string[] = [];
  await tx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(4242)');
    const n = await seedBuiltinCatalogue(c);
    if (n) notes.push(`Đã nạp danh mục đơn vị có sẵn (${n} đơn vị Thanh Hóa, trước và sau 1/7/2025).`);
  });
  if (config.demo) notes.push(...(await seedDemoProvince(pool)));
  await tx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(4242)');
    if ((await c.query<{ n: number }>('SELECT count(*) n FROM accounts')).rows[0].n > 0) return;
    const password = randomBytes(9).toString('base64url');
    const id = await createAccount(c, { username: 'quantri', fullName: 'Quản trị máy chủ tỉnh', role: 'hub_admin', unitId: null, password });
    await hubAudit(c, { accountId: id, action: 'account.create', objectType: 'account', objectId: String(id), details: { username: 'quantri', role: 'hub_admin' } });
    notes.push(`Tài khoản quản trị "quantri", mật khẩu lần đầu: ${password} (chỉ in một lần; hãy đổi ngay).`);
  });
  return notes;
}
