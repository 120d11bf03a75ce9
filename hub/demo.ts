// `npm run hub -- --demo`: the demo province. The desk's demo register (the same generator,
// so the same figures) goes in through the real ingest path as batches of a demo desk enrolled
// at the province, and one account per hub role gets the demo password.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { demoRegister } from '../electron/coverage/demo-register';
import { assetPath } from '../electron/paths';
import type { OutboxItem } from '../shared/hub-protocol';
import { createAccount } from './accounts/accounts';
import { tx, type Pool } from './db/pool';
import { applyBatch } from './ingest/apply';
import { keyFingerprint } from './ingest/enrolment';
import type { Level } from '../shared/roles';

export const HUB_DEMO_PASSWORD = 'sohoa-demo';

export async function seedDemoProvince(pool: Pool): Promise<string[]> {
  if ((await pool.query<{ n: number }>('SELECT count(*) n FROM accounts')).rows[0].n > 0) return [];
  const codes = new Set(
    fs
      .readFileSync(assetPath('catalogue', 'thanhhoa-demo.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .flatMap((l) => l.split(',').filter((_c, i) => i === 1 || i === 3 || i === 5)),
  );
  const { rows: valid } = await pool.query<{ id: number; code: string; level: Level; valid_from: string | null }>(
    `SELECT id, code, level, valid_from FROM units WHERE (valid_from IS NULL OR valid_from <= '2021-12-31') AND (valid_to IS NULL OR valid_to >= '2021-12-31')
     ORDER BY level COLLATE "C", code COLLATE "C"`,
  );
  const units = valid.filter((u) => codes.has(u.code));
  const byId = new Map(units.map((u) => [u.id, u]));
  const { rows, toDigitize } = demoRegister(units);
  const digitized = new Map(toDigitize.map((d) => [d.dossierCode, d.on]));
  const province = units.find((u) => u.level === 'province')!;
  const deskId = randomUUID();
  const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await pool.query('INSERT INTO desks(id, unit_id, name, public_key, key_fingerprint) VALUES ($1,$2,$3,$4,$5)', [deskId, province.id, 'Kho mẫu (demo)', publicKey, keyFingerprint(publicKey)]);
  const items: OutboxItem[] = rows.map((r, i) => ({
    seq: i + 1,
    kind: 'register',
    data: {
      ...r,
      unit: { code: byId.get(r.unitId)!.code, validFrom: byId.get(r.unitId)!.valid_from },
      holderUnit: null,
      validUntil: r.validUntil,
      digitizedOn: digitized.get(r.dossierCode) ?? null,
    },
  }));
  for (let i = 0; i < items.length; i += 1000) await applyBatch(pool, { id: deskId, unitId: province.id, name: 'demo', acked: i }, items.slice(i, i + 1000));
  const id = (code: string) => units.find((u) => u.code === code)!.id;
  const accounts = [
    ['quantri', 'Quản trị máy chủ tỉnh', 'hub_admin', null],
    ['lanhdao.tinh', 'Lê Văn Tỉnh', 'province_head', id('38')],
    ['lanhdao.nhuxuan', 'Phạm Thị Huyện', 'district_head', id('402')],
    ['vanthu.thanhson', 'Hoàng Văn Sơn', 'records_staff', id('16222')],
  ] as const;
  await tx(pool, async (c) => {
    for (const [username, fullName, role, unitId] of accounts) await createAccount(c, { username, fullName, role, unitId, password: HUB_DEMO_PASSWORD });
  });
  return [`Tỉnh mẫu: ${rows.length} kết quả của ${units.length} đơn vị; tài khoản ${accounts.map((a) => a[0]).join(', ')}, mật khẩu "${HUB_DEMO_PASSWORD}".`];
}
