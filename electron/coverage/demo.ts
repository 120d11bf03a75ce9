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

export const DEMO_PASSWORD = 'sohoa-demo';

const PROCEDURES = [
  ['1.001234', 'Đổi giấy phép lái xe', 'province'],
  ['1.000894', 'Đăng ký khai sinh', 'commune'],
  ['1.000656', 'Đăng ký kết hôn', 'commune'],
  ['1.004227', 'Chứng thực bản sao từ bản chính', 'commune'],
  ['1.001612', 'Đăng ký hộ kinh doanh', 'district'],
  ['1.009972', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'district'],
  ['1.004873', 'Xác nhận tình trạng hôn nhân', 'commune'],
] as const;

/** Small deterministic generator, so the demo looks the same on every machine. */
function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

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

/** The demo register (2020–2021) with a deterministic share of each unit's results to digitize. */
function seedRegister(db: Db, units: Unit[]) {
  const rand = rng(2021);
  const zero = new Set(['16216', '16195', '16213']); // Thanh Phong, Cát Vân, Thanh Hòa: nothing digitized yet
  const strong = new Set(['38', '16174', '16222', '402', '380']);
  const day = (from: number, to: number) => new Date(from + rand() * (to - from)).toISOString().slice(0, 10);
  const T2020 = Date.UTC(2020, 0, 1);
  const T2021 = Date.UTC(2021, 0, 1);
  const T2021END = Date.UTC(2021, 11, 31);
  let n = 0;
  const toDigitize: { id: number; unitId: number; on: string; title: string }[] = [];
  for (const u of units) {
    const procs = PROCEDURES.filter((p) => p[2] === u.level || (u.level === 'province' && p[2] === 'province'));
    if (!procs.length) continue;
    const count = u.level === 'province' ? 120 : u.level === 'district' ? 25 + Math.floor(rand() * 30) : 15 + Math.floor(rand() * 25);
    const share = zero.has(u.code) ? 0 : strong.has(u.code) ? 0.35 + rand() * 0.2 : 0.03 + rand() * 0.25;
    for (let i = 0; i < count; i++) {
      const [code, name] = procs[Math.floor(rand() * procs.length)];
      const issuedOn = day(T2020, T2021END);
      const expiring = code === '1.001234' || code === '1.009972';
      const e = saveRegisterEntry(
        db,
        {
          dossierCode: `000.${u.code.padStart(5, '0')}.${String(++n).padStart(6, '0')}`,
          procedureCode: code,
          procedureName: name,
          unitId: u.id,
          holderName: null,
          holderId: null,
          resultName: name,
          resultNumber: `${n}/${u.level === 'commune' ? 'UBND' : 'GP'}`,
          issuedOn,
          validUntil: expiring ? `${Number(issuedOn.slice(0, 4)) + (code === '1.001234' ? 10 : 2)}${issuedOn.slice(4)}` : null,
          revokedOn: rand() < 0.02 ? day(Date.parse(issuedOn), T2021END) : null,
        },
        null,
      );
      if (rand() < share) toDigitize.push({ id: e.id, unitId: u.id, on: day(Math.max(Date.parse(issuedOn), T2021), T2021END), title: `${name} ${e.dossierCode}` });
    }
  }
  return { n, toDigitize };
}

async function demoScan(title: string): Promise<Buffer> {
  const esc = title.replace(/[<>&]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="620" height="877"><rect width="100%" height="100%" fill="#fbfaf4"/>
    <text x="40" y="60" font-family="serif" font-size="15">ỦY BAN NHÂN DÂN</text><text x="330" y="60" font-family="serif" font-size="13" font-weight="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text>
    <text x="310" y="200" text-anchor="middle" font-family="serif" font-size="20" font-weight="bold">${esc}</text>
    <circle cx="470" cy="700" r="55" fill="none" stroke="#c62828" stroke-width="4"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).withMetadata({ density: 200 }).toBuffer();
}
