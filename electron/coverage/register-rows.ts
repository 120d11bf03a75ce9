// One register file row read and checked: its unit by code (the one valid on the day) or by
// name, its dates, and whether the importer may write it. The checks hold nothing per row
// beyond what they return, and look nothing up in the database: a file of a million rows is
// read in a few seconds.
import type { Db } from '../archive/db';
import { foldVietnamese } from '../archive/text';
import { parseDate } from './dates';
import type { ColumnMap, RegisterField } from './register-fields';

interface UnitPeriod {
  id: number;
  validFrom: string | null;
  validTo: string | null;
}

/** Picks, among units sharing a code, the one valid on the given day (codes were reused in 2025). */
function unitResolver(db: Db) {
  const byCode = new Map<string, UnitPeriod[]>();
  for (const u of db.prepare('SELECT id, code, valid_from validFrom, valid_to validTo FROM units').all() as (UnitPeriod & { code: string })[]) {
    const list = byCode.get(u.code) ?? [];
    list.push(u);
    byCode.set(u.code, list);
  }
  return (code: string, on: string): number | null => {
    const list = byCode.get(code);
    if (!list) return null;
    if (list.length === 1) return list[0].id;
    const valid = list.find((u) => (!u.validFrom || u.validFrom <= on) && (!u.validTo || u.validTo >= on));
    return (valid ?? list.slice().sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''))[0]).id;
  };
}

// "Xã Thanh Sơn", "xa thanh son" and "Thanh Sơn" name the same unit
const LEVEL_WORDS = /^(tinh|thanh pho|thi xa|thi tran|huyen|quan|xa|phuong|dac khu) /;
const nameKeys = (name: string) => {
  const f = foldVietnamese(name);
  const bare = f.replace(LEVEL_WORDS, '');
  return bare === f ? [f] : [f, bare];
};

/**
 * Finds a unit by its name among the units the importer may act for (null: all), accent-
 * and case-insensitive, preferring the one valid on the day; an ambiguous or unknown name
 * is a problem to report, never a guess.
 */
function unitNameResolver(db: Db, scope: number[] | null) {
  const units = db.prepare('SELECT id, code, name, valid_from validFrom, valid_to validTo FROM units').all() as (UnitPeriod & { code: string; name: string })[];
  const allowed = scope ? new Set(scope) : null;
  const byName = new Map<string, typeof units>();
  for (const u of units) {
    if (allowed && !allowed.has(u.id)) continue;
    for (const k of nameKeys(u.name)) byName.set(k, [...(byName.get(k) ?? []), u]);
  }
  return (name: string, on: string): { id: number } | { problem: string } => {
    const f = foldVietnamese(name);
    const found = byName.get(f) ?? byName.get(f.replace(LEVEL_WORDS, '')) ?? [];
    const valid = found.filter((u) => (!u.validFrom || u.validFrom <= on) && (!u.validTo || u.validTo >= on));
    const pick = valid.length ? valid : found;
    if (pick.length === 1) return { id: pick[0].id };
    if (!pick.length) return { problem: `không tìm thấy đơn vị "${name}" trong các đơn vị bạn được nhập` };
    return { problem: `tên đơn vị "${name}" trùng với nhiều đơn vị (mã ${pick.map((u) => u.code).join(', ')}); hãy dùng cột mã đơn vị` };
  };
}

/** parseDate, remembered per distinct text: an export repeats a few thousand dates over its rows. */
function dateParser() {
  const known = new Map<string, string | null | undefined>();
  return (s: string) => {
    if (!s) return null;
    if (known.has(s)) return known.get(s);
    const v = parseDate(s);
    if (known.size < 100_000) known.set(s, v);
    return v;
  };
}

export interface ImportOptions {
  defaultUnitId: number | null;
  userId: number | null;
  fileName: string;
  /** the units the importer acts for, to resolve unit names in (null or absent: all) */
  scope?: number[] | null;
  /** the units the importer may write (absent: the local operator, who may write all) */
  canWrite?: (unitId: number) => boolean;
}

export interface CheckedRow {
  problems: string[];
  dossierCode: string;
  unitId: number | null;
  holderUnitId: number | null;
  issuedOn: string | null;
  validUntil: string | null;
  revokedOn: string | null;
}

/** Reads and checks one row. */
export type RowReader = (r: string[]) => CheckedRow;

/** A row's identity in the register and in `seen`: a dossier code is unique per unit. */
export const rowKey = (unitId: number, dossierCode: string) => `${unitId}\u0000${dossierCode}`;

export function rowReader(db: Db, map: ColumnMap, opts: ImportOptions, seen: Map<string, number>): RowReader {
  const unitOf = unitResolver(db);
  const unitNamed = unitNameResolver(db, opts.scope ?? null);
  const dateOf = dateParser();
  const cell = (r: string[], f: RegisterField) => (map[f] >= 0 ? (r[map[f]] ?? '').trim() : '');
  // made once, not per row: a closure per row is garbage a million times over
  const date = (r: string[], f: RegisterField, label: string, problems: string[]) => {
    const text = cell(r, f);
    const v = dateOf(text);
    if (v === undefined) problems.push(`${label} "${text}" không phải ngày hợp lệ`);
    return v ?? null;
  };
  return (r) => {
    const problems: string[] = [];
    const dossierCode = cell(r, 'dossierCode');
    if (!dossierCode) problems.push('thiếu mã hồ sơ');
    const issuedOn = date(r, 'issuedOn', 'ngày cấp', problems);
    if (issuedOn === null && !cell(r, 'issuedOn')) problems.push('thiếu ngày cấp');
    const validUntil = date(r, 'validUntil', 'hiệu lực đến', problems);
    const revokedOn = date(r, 'revokedOn', 'ngày thu hồi', problems);
    if (issuedOn && validUntil && validUntil < issuedOn) problems.push('hiệu lực đến trước ngày cấp');
    const unitCode = cell(r, 'unitCode');
    const unitName = cell(r, 'unitName');
    let unitId = unitCode ? unitOf(unitCode, issuedOn ?? '9999-12-31') : opts.defaultUnitId;
    if (unitCode && unitId === null) problems.push(`không có đơn vị mã ${unitCode} trong danh mục`);
    else if (!unitCode && unitName) {
      const named = unitNamed(unitName, issuedOn ?? '9999-12-31');
      if ('id' in named) unitId = named.id;
      else problems.push(named.problem);
    } else if (unitId === null) problems.push('thiếu mã đơn vị');
    const holderUnitCode = cell(r, 'holderUnitCode');
    const holderUnitId = holderUnitCode ? unitOf(holderUnitCode, '9999-12-31') : null;
    if (holderUnitCode && holderUnitId === null) problems.push(`không có đơn vị mã ${holderUnitCode} trong danh mục`);
    const twice = dossierCode && unitId !== null ? seen.get(rowKey(unitId, dossierCode)) : undefined;
    if (twice !== undefined) problems.push(`trùng mã hồ sơ ${dossierCode} với dòng ${twice}`);
    // the row writes its unit's entry only: that unit is the one scope check
    if (opts.canWrite && unitId !== null && !opts.canWrite(unitId)) problems.push(`đơn vị ${unitCode || unitName} ngoài phạm vi của tài khoản`);
    return { problems, dossierCode, unitId, holderUnitId, issuedOn, validUntil, revokedOn };
  };
}
