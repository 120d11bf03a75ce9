// The demo results register (2020–2021): a deterministic spread of results over the demo units
// with a share of each unit's results to digitize (a few communes left at 0% as in the 2021
// letters). Pure, so the desk's demo archive and the hub's demo province hold the same figures.
import type { Level } from '../../shared/roles';

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
export function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export interface DemoRow {
  dossierCode: string;
  procedureCode: string;
  procedureName: string;
  unitId: number;
  holderName: null;
  holderId: null;
  resultName: string;
  resultNumber: string;
  issuedOn: string;
  validUntil: string | null;
  revokedOn: string | null;
}

export function demoRegister(units: { id: number; code: string; level: Level }[]) {
  const rand = rng(2021);
  const zero = new Set(['16216', '16195', '16213']); // Thanh Phong, Cát Vân, Thanh Hòa: nothing digitized yet
  const strong = new Set(['38', '16174', '16222', '402', '380']);
  const day = (from: number, to: number) => new Date(from + rand() * (to - from)).toISOString().slice(0, 10);
  const T2020 = Date.UTC(2020, 0, 1);
  const T2021 = Date.UTC(2021, 0, 1);
  const T2021END = Date.UTC(2021, 11, 31);
  let n = 0;
  const rows: DemoRow[] = [];
  const toDigitize: { dossierCode: string; unitId: number; on: string; title: string }[] = [];
  for (const u of units) {
    const procs = PROCEDURES.filter((p) => p[2] === u.level || (u.level === 'province' && p[2] === 'province'));
    if (!procs.length) continue;
    const count = u.level === 'province' ? 120 : u.level === 'district' ? 25 + Math.floor(rand() * 30) : 15 + Math.floor(rand() * 25);
    const share = zero.has(u.code) ? 0 : strong.has(u.code) ? 0.35 + rand() * 0.2 : 0.03 + rand() * 0.25;
    for (let i = 0; i < count; i++) {
      const [code, name] = procs[Math.floor(rand() * procs.length)];
      const issuedOn = day(T2020, T2021END);
      const expiring = code === '1.001234' || code === '1.009972';
      const dossierCode = `000.${u.code.padStart(5, '0')}.${String(++n).padStart(6, '0')}`;
      rows.push({
        dossierCode,
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
      });
      if (rand() < share) toDigitize.push({ dossierCode, unitId: u.id, on: day(Math.max(Date.parse(issuedOn), T2021), T2021END), title: `${name} ${dossierCode}` });
    }
  }
  return { rows, toDigitize };
}
