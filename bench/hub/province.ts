// A generated province for the hub bench: 200 units of the built-in Thanh Hóa catalogue at all
// levels, and deterministic register rows and documents' metadata for them, produced as COPY
// text in chunks (row i is the same on every run, so a run can be loaded in steps).
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../hub/db/pool';

export interface BenchUnit {
  id: number;
  code: string;
  validFrom: string | null;
  level: 'province' | 'district' | 'commune';
  parentId: number | null;
  /** Issue dates of this unit's results lie in [from, to] (old communes stop at the 2025 reform). */
  from: number;
  to: number;
  /** A synthetic desk id owning the bulk-loaded rows of this unit. */
  bulkDesk: string;
}

const DAY = 86_400_000;
const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
export const OLD_FROM = d('2019-01-01');
export const OLD_TO = d('2025-06-30');
export const NEW_TO = d('2026-06-30');

/** 200 units: the province, every district, 100 old communes spread over the districts and 73 of the 2025 communes. */
export async function pickUnits(c: Queryable, count = 200): Promise<BenchUnit[]> {
  const { rows } = await c.query<{ id: number; code: string; validFrom: string | null; level: BenchUnit['level']; parentId: number | null }>(
    'SELECT id, code, valid_from "validFrom", level, parent_id "parentId" FROM units ORDER BY id',
  );
  const province = rows.filter((u) => u.level === 'province');
  const districts = rows.filter((u) => u.level === 'district');
  const oldCommunes = rows.filter((u) => u.level === 'commune' && !u.validFrom);
  const newCommunes = rows.filter((u) => u.level === 'commune' && u.validFrom);
  const rest = Math.max(0, count - province.length - districts.length);
  const nOld = Math.min(oldCommunes.length, Math.round(rest * 0.58));
  const every = <T>(list: T[], n: number) => Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
  const picked = [...province, ...districts, ...every(oldCommunes, nOld), ...every(newCommunes, Math.min(newCommunes.length, rest - nOld))].slice(0, count);
  return picked.map((u) => ({ ...u, from: u.validFrom ? d(u.validFrom) : OLD_FROM, to: u.validFrom ? NEW_TO : u.level === 'province' ? NEW_TO : OLD_TO, bulkDesk: randomUUID() }));
}

/** A fast deterministic hash of (seed, i) into [0, 1): every field of row i is a function of i. */
export function unit01(seed: number, i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(seed, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

export const PROCEDURE_COUNT = 40;
export const procedureCode = (k: number) => `1.00${String(1000 + k)}`;

export interface GenRow {
  dossierCode: string;
  unit: BenchUnit;
  procedureCode: string;
  holderName: string;
  holderId: string;
  holderUnit: BenchUnit | null;
  resultName: string;
  resultNumber: string;
  issuedOn: string;
  validUntil: string | null;
  revokedOn: string | null;
  digitizedOn: string | null;
}

/** Register row i of a register whose CCCDs are drawn from `holders` people (about rows/2: a lookup finds ~2 results). */
export function genRow(units: BenchUnit[], newCommunes: BenchUnit[], i: number, prefix: string, holders: number, unit?: BenchUnit): GenRow {
  const u = unit ?? units[Math.floor(unit01(1, i) * units.length)];
  const issued = u.from + Math.floor(unit01(2, i) * (u.to - u.from + 1));
  const r = unit01(3, i);
  const validUntil = r < 0.3 ? iso(issued + 365 + Math.floor(unit01(4, i) * 4 * 365)) : null;
  const revokedOn = unit01(5, i) < 0.02 ? iso(issued + 1 + Math.floor(unit01(6, i) * 900)) : null;
  const digitizedOn = unit01(7, i) < 0.6 ? iso(issued + Math.floor(unit01(8, i) ** 2 * 500)) : null;
  const p = Math.floor(unit01(9, i) ** 2 * PROCEDURE_COUNT);
  const holderUnit = !u.validFrom && u.level === 'commune' && unit01(10, i) < 0.1 ? newCommunes[Math.floor(unit01(11, i) * newCommunes.length)] : null;
  return {
    dossierCode: `${prefix}${String(i).padStart(9, '0')}`,
    unit: u,
    procedureCode: procedureCode(p),
    holderName: `Người ${i}`,
    holderId: cccd(Math.floor(unit01(12, i) * holders)),
    holderUnit: holderUnit ?? null,
    resultName: `Kết quả thủ tục ${p}`,
    resultNumber: `${i}/${prefix}KQ`,
    issuedOn: iso(issued),
    validUntil,
    revokedOn,
    digitizedOn,
  };
}

export const cccd = (person: number) => `038${String(person).padStart(9, '0')}`;

const N = '\\N';
const orNull = (v: string | number | null) => (v === null ? N : String(v));

/** COPY text for register rows [from, to), 5000 lines a chunk. */
export function* registerCopy(units: BenchUnit[], from: number, to: number, holders: number): Generator<string> {
  const news = units.filter((u) => u.validFrom);
  let buf: string[] = [];
  for (let i = from; i < to; i++) {
    const r = genRow(units, news, i, 'HS', holders);
    buf.push(
      [r.dossierCode, r.unit.id, r.unit.bulkDesk, r.procedureCode, r.holderName, r.holderId, orNull(r.holderUnit?.id ?? null), r.resultName, r.resultNumber, r.issuedOn, orNull(r.validUntil), orNull(r.revokedOn), orNull(r.digitizedOn)].join('\t'),
    );
    if (buf.length === 5000) {
      yield buf.join('\n') + '\n';
      buf = [];
    }
  }
  if (buf.length) yield buf.join('\n') + '\n';
}
export const REGISTER_COPY = 'COPY register(dossier_code, unit_id, desk_id, procedure_code, holder_name, holder_id, holder_unit_id, result_name, result_number, issued_on, valid_until, revoked_on, digitized_on) FROM STDIN';

/** COPY text for documents [from, to): document j describes register row 5j (one scanned result in five rows). */
export function* documentCopy(units: BenchUnit[], from: number, to: number): Generator<string> {
  const news = units.filter((u) => u.validFrom);
  let buf: string[] = [];
  for (let j = from; j < to; j++) {
    const r = genRow(units, news, j * 5, 'HS', 1);
    const signed = unit01(13, j) < 0.7;
    const fields = JSON.stringify({ so_ky_hieu: r.resultNumber, ngay_ban_hanh: r.issuedOn }).replace(/\\/g, '\\\\');
    buf.push([r.unit.bulkDesk, j + 1, r.unit.id, r.dossierCode, `${r.resultName} – ${r.holderName}`, signed ? 'signed' : 'digitized', 1 + (j % 7), `${r.digitizedOn ?? r.issuedOn}T08:00:00Z`, fields].join('\t'));
    if (buf.length === 5000) {
      yield buf.join('\n') + '\n';
      buf = [];
    }
  }
  if (buf.length) yield buf.join('\n') + '\n';
}
export const DOCUMENT_COPY = 'COPY documents(desk_id, local_id, unit_id, dossier_code, title, status, page_count, digitized_at, fields) FROM STDIN';
