// Imports the one-stop system's results register: each row one dossier's result. Columns
// are found by their usual Vietnamese or English names, or by a mapping the user chose.
// Bad rows are reported by row number; the valid rows go in one transaction; a row that is
// already there unchanged changes nothing, and a changed one is updated by its dossier code.
import { audit } from '../accounts/audit';
import type { Db } from '../archive/db';
import { foldVietnamese } from '../archive/text';
import type { Table } from '../tables/read-table';
import { parseDate } from './dates';

export const REGISTER_FIELDS = {
  dossierCode: ['Mã hồ sơ', 'Số hồ sơ', 'Mã số hồ sơ', 'Mã HS', 'Dossier code', 'Dossier', 'dossier_code'],
  procedureCode: ['Mã TTHC', 'Mã thủ tục', 'Mã thủ tục hành chính', 'Procedure code', 'procedure_code'],
  procedureName: ['Tên TTHC', 'Tên thủ tục', 'Tên thủ tục hành chính', 'Thủ tục hành chính', 'Thủ tục', 'Procedure name', 'Procedure', 'procedure_name'],
  unitCode: ['Mã đơn vị', 'Mã cơ quan', 'Mã đơn vị hành chính', 'Mã ĐVHC', 'Unit code', 'unit_code'],
  holderName: ['Người được cấp', 'Chủ hồ sơ', 'Tên người nộp', 'Người nộp hồ sơ', 'Họ tên người nộp', 'Họ và tên người nộp', 'Người nộp', 'Họ tên người được cấp', 'Họ tên chủ hồ sơ', 'Họ và tên', 'Họ tên', 'Tên tổ chức, cá nhân', 'Holder name', 'Holder', 'holder_name'],
  holderId: ['Số CCCD', 'CCCD', 'Số định danh', 'Số định danh cá nhân', 'Mã định danh', 'Số CMND/CCCD', 'Số CMND', 'Số giấy tờ tùy thân', 'Holder ID', 'ID number', 'holder_id'],
  holderUnitCode: ['Mã xã thường trú', 'Mã xã của người được cấp', 'Holder commune code', 'holder_unit_code'],
  resultName: ['Tên kết quả', 'Kết quả', 'Tên giấy tờ', 'Loại kết quả', 'Tên giấy phép', 'Result name', 'Result', 'result_name'],
  resultNumber: ['Số kết quả', 'Số ký hiệu', 'Số giấy phép', 'Số quyết định', 'Số văn bản', 'Số giấy chứng nhận', 'Số hiệu', 'Result number', 'result_number'],
  issuedOn: ['Ngày cấp', 'Ngày ban hành', 'Ngày trả kết quả', 'Ngày cấp kết quả', 'Ngày ký', 'Ngày quyết định', 'Issued on', 'Issue date', 'issued_on'],
  validUntil: [
    'Hiệu lực đến', 'Ngày hết hiệu lực', 'Có giá trị đến', 'Có hiệu lực đến', 'Ngày hết hạn', 'Hạn sử dụng', 'Hết hạn', 'Hạn hiệu lực', 'Giá trị đến',
    'Valid until', 'Expiry date', 'Expires', 'valid_until',
  ],
  revokedOn: ['Ngày thu hồi', 'Ngày hủy', 'Ngày hủy bỏ', 'Revoked on', 'Revocation date', 'revoked_on'],
  // the unit by its name, when the export has no unit code column
  unitName: ['Tên đơn vị', 'Đơn vị', 'Đơn vị cấp', 'Cơ quan cấp', 'Cơ quan giải quyết', 'Đơn vị giải quyết', 'Unit name', 'Unit', 'unit_name'],
} as const;
export type RegisterField = keyof typeof REGISTER_FIELDS;
export const REGISTER_FIELD_NAMES = Object.keys(REGISTER_FIELDS) as RegisterField[];

/** Records a procedure's code and name; a newer non-empty name replaces the stored one. Arguments: code, name. */
export const procedureUpsert = (db: Db) =>
  db.prepare("INSERT INTO procedures(code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE excluded.name <> '' AND excluded.name <> procedures.name");

/** Column index per field (-1 when absent). */
export type ColumnMap = Record<RegisterField, number>;

/** Guesses the mapping from a header row by the usual names, ignoring case and accents. */
export function guessMapping(header: string[]): ColumnMap {
  const folded = header.map(foldVietnamese);
  const map = {} as ColumnMap;
  for (const f of REGISTER_FIELD_NAMES) map[f] = folded.findIndex((h) => REGISTER_FIELDS[f].some((a) => foldVietnamese(a) === h));
  return map;
}

/** The row (within the first ten) that names the dossier code and issue date columns. */
export function findHeaderRow(table: Table): number {
  for (let i = 0; i < Math.min(10, table.length); i++) {
    const m = guessMapping(table[i]);
    if (m.dossierCode >= 0 && m.issuedOn >= 0) return i;
  }
  return -1;
}

export interface RegisterReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; message: string }[];
}

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

interface ImportOptions {
  defaultUnitId: number | null;
  userId: number | null;
  fileName: string;
  /** the units the importer acts for, to resolve unit names in (null or absent: all) */
  scope?: number[] | null;
  /** the units the importer may write (absent: the local operator, who may write all) */
  canWrite?: (unitId: number) => boolean;
}

const UPSERT = `
    INSERT INTO register(dossier_code, procedure_code, unit_id, holder_name, holder_id, holder_unit_id, result_name, result_number, issued_on, valid_until, revoked_on)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(dossier_code) DO UPDATE SET procedure_code = excluded.procedure_code, unit_id = excluded.unit_id, holder_name = excluded.holder_name,
      holder_id = excluded.holder_id, holder_unit_id = excluded.holder_unit_id, result_name = excluded.result_name, result_number = excluded.result_number,
      issued_on = excluded.issued_on, valid_until = excluded.valid_until, revoked_on = excluded.revoked_on
    WHERE register.procedure_code IS NOT excluded.procedure_code OR register.unit_id IS NOT excluded.unit_id OR register.holder_name IS NOT excluded.holder_name
      OR register.holder_id IS NOT excluded.holder_id OR register.holder_unit_id IS NOT excluded.holder_unit_id OR register.result_name IS NOT excluded.result_name
      OR register.result_number IS NOT excluded.result_number OR register.issued_on IS NOT excluded.issued_on OR register.valid_until IS NOT excluded.valid_until
      OR register.revoked_on IS NOT excluded.revoked_on`;

/** One file row, read and checked: what is wrong with it, and the values to write. */
type RowReader = (r: string[]) => { problems: string[]; dossierCode: string; unitId: number | null; holderUnitId: number | null; issuedOn: string | null; validUntil: string | null; revokedOn: string | null };

function rowReader(db: Db, map: ColumnMap, opts: ImportOptions, seen: Map<string, number>): RowReader {
  const unitOf = unitResolver(db);
  const unitNamed = unitNameResolver(db, opts.scope ?? null);
  const cell = (r: string[], f: RegisterField) => (map[f] >= 0 ? (r[map[f]] ?? '').trim() : '');
  const currentUnit = db.prepare('SELECT unit_id FROM register WHERE dossier_code = ?').pluck();
  return (r) => {
    const problems: string[] = [];
    const dossierCode = cell(r, 'dossierCode');
    if (!dossierCode) problems.push('thiếu mã hồ sơ');
    else if (seen.has(dossierCode)) problems.push(`trùng mã hồ sơ ${dossierCode} với dòng ${seen.get(dossierCode)}`);
    const date = (f: RegisterField, label: string) => {
      const v = parseDate(cell(r, f));
      if (v === undefined) problems.push(`${label} "${cell(r, f)}" không phải ngày hợp lệ`);
      return v ?? null;
    };
    const issuedOn = date('issuedOn', 'ngày cấp');
    if (issuedOn === null && parseDate(cell(r, 'issuedOn')) === null) problems.push('thiếu ngày cấp');
    const validUntil = date('validUntil', 'hiệu lực đến');
    const revokedOn = date('revokedOn', 'ngày thu hồi');
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
    // scope before and after: the entry as it is, and as the row would leave it
    if (opts.canWrite && dossierCode) {
      const before = currentUnit.get(dossierCode) as number | undefined;
      if (before !== undefined && !opts.canWrite(before)) problems.push(`mã hồ sơ ${dossierCode} thuộc đơn vị khác`);
      else if (unitId !== null && !opts.canWrite(unitId)) problems.push(`đơn vị ${unitCode || unitName} ngoài phạm vi của tài khoản`);
    }
    return { problems, dossierCode, unitId, holderUnitId, issuedOn, validUntil, revokedOn };
  };
}

export function importRegister(db: Db, table: Table, headerRow: number, map: ColumnMap, opts: ImportOptions): RegisterReport {
  const report: RegisterReport = { created: 0, updated: 0, unchanged: 0, errors: [] };
  const cell = (r: string[], f: RegisterField) => (map[f] >= 0 ? (r[map[f]] ?? '').trim() : '');
  const seen = new Map<string, number>();
  const read = rowReader(db, map, opts, seen);
  const procedures = new Map<string, string>();
  const upsertProcedure = procedureUpsert(db);
  const upsert = db.prepare(UPSERT);
  let lastRowid = (db.prepare('SELECT ifnull(max(id), 0) FROM register').pluck().get() as number) ?? 0;
  db.transaction(() => {
    for (let i = headerRow + 1; i < table.length; i++) {
      const r = table[i];
      const row = i + 1;
      const e = read(r);
      if (e.problems.length) {
        report.errors.push({ row, message: e.problems.join('; ') });
        continue;
      }
      seen.set(e.dossierCode, row);
      const procedureCode = cell(r, 'procedureCode') || null;
      const procedureName = cell(r, 'procedureName');
      if (procedureCode && procedures.get(procedureCode) !== procedureName) {
        upsertProcedure.run(procedureCode, procedureName);
        procedures.set(procedureCode, procedureName);
      }
      const text = (f: RegisterField) => cell(r, f) || null;
      const res = upsert.run(e.dossierCode, procedureCode, e.unitId, text('holderName'), text('holderId'), e.holderUnitId, text('resultName'), text('resultNumber'), e.issuedOn, e.validUntil, e.revokedOn);
      // an insert takes a rowid above every earlier one; an upsert that updated leaves the last one as it was
      const rowid = Number(res.lastInsertRowid);
      if (res.changes && rowid > lastRowid) {
        report.created++;
        lastRowid = rowid;
      } else if (res.changes) report.updated++;
      else report.unchanged++;
    }
    audit(db, opts.userId, 'register.import', { type: 'file', id: opts.fileName }, { created: report.created, updated: report.updated, errors: report.errors.length });
  })();
  return report;
}
