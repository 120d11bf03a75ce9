// A demo archive for trying the app: the Thanh Hóa demo units, one account per role, a
// results register of 2020–2021 spread over the units, and scanned documents linked to
// part of it, so a unit head sees a meaningful dashboard at once. The figures are made up
// (seeded, so every demo is the same); a few communes are left at 0% as in the 2021 letters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { hashPassword } from '../accounts/passwords';
import { countUsers, insertUser } from '../accounts/users';
import { importFile } from '../capture/import-file';
import type { Services } from '../call-context';
import type { Db } from '../archive/db';
import type { Unit } from '../../shared/contract';
import { loadDemoCatalogue } from '../units/catalogue-import';
import { listUnits } from '../units/units';
import { assetPath } from '../paths';
import { linkDocument } from './digitized';
import { saveRegisterEntry } from './register';
import { demoRegister } from './demo-register';

export const DEMO_PASSWORD = 'sohoa-demo';

export async function seedDemo(core: Pick<Services, 'db' | 'blobs'>, log: (s: string) => void = () => {}): Promise<boolean> {
  const { db } = core;
  if (countUsers(db) > 0) return false;
  await loadDemoCatalogue(db, null);
  // the demo register (2020–2021) covers the units of the small demo list, as they were then
  const demoCodes = new Set(
    fs
      .readFileSync(assetPath('catalogue', 'thanhhoa-demo.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .flatMap((l) => l.split(',').filter((_c, i) => i === 1 || i === 3 || i === 5)),
  );
  const units = listUnits(db, '2021-12-31').filter((u) => demoCodes.has(u.code));
  const byCode = (c: string) => units.find((u) => u.code === c)!.id;
  await seedAccounts(db, byCode, log);
  const { n, toDigitize } = seedRegister(db, units);
  log(`Sổ theo dõi mẫu: ${n} kết quả; đang tạo ${toDigitize.length} bản quét mẫu…`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-demo-'));
  try {
    for (const d of toDigitize) {
      const file = path.join(tmp, `${d.title.replace(/[^\p{L}\p{N} .-]/gu, '')}.jpg`);
      fs.writeFileSync(file, await demoScan(d.title));
      const o = await importFile({ db, blobs: core.blobs, userId: null, unitId: d.unitId }, { path: file, name: path.basename(file) });
      if (o.documentId) db.transaction(() => linkDocument(db, o.documentId!, d.id, true, new Date(`${d.on}T02:00:00Z`)))();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return true;
}

/** The demo's accounts, one per role, all with the demo password. */
async function seedAccounts(db: Db, byCode: (code: string) => number, log: (s: string) => void): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const accounts = [
    ['quantri', 'Quản trị hệ thống', 'admin', '38'],
    ['lanhdao.tinh', 'Lê Văn Tỉnh', 'unit_head', '38'],
    ['lanhdao.nhuxuan', 'Phạm Thị Huyện', 'unit_head', '402'],
    ['vanthu.nhuxuan', 'Nguyễn Thị Văn Thư', 'records_staff', '402'],
    ['vanthu.thanhson', 'Hoàng Văn Sơn', 'records_staff', '16222'],
    ['kyso.nhuxuan', 'Trần Văn Ký', 'signing_officer', '402'],
  ] as const;
  for (const [username, fullName, role, code] of accounts) insertUser(db, { username, fullName, role, unitId: byCode(code), passwordHash: hash });
  log(`Tài khoản mẫu (mật khẩu "${DEMO_PASSWORD}"): ${accounts.map((a) => a[0]).join(', ')}`);
}

/** The demo register written into the archive; returns the entries to scan and link. */
function seedRegister(db: Db, units: Unit[]) {
  const { rows, toDigitize } = demoRegister(units);
  const ids = new Map<string, number>();
  for (const r of rows) ids.set(r.dossierCode, saveRegisterEntry(db, r, null).id);
  return { n: rows.length, toDigitize: toDigitize.map((d) => ({ id: ids.get(d.dossierCode)!, unitId: d.unitId, on: d.on, title: d.title })) };
}

async function demoScan(title: string): Promise<Buffer> {
  const esc = title.replace(/[<>&]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="620" height="877"><rect width="100%" height="100%" fill="#fbfaf4"/>
    <text x="40" y="60" font-family="serif" font-size="15">ỦY BAN NHÂN DÂN</text><text x="330" y="60" font-family="serif" font-size="13" font-weight="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text>
    <text x="310" y="200" text-anchor="middle" font-family="serif" font-size="20" font-weight="bold">${esc}</text>
    <circle cx="470" cy="700" r="55" fill="none" stroke="#c62828" stroke-width="4"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).withMetadata({ density: 200 }).toBuffer();
}
