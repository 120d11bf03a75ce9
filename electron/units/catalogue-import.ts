// Imports the GSO administrative-unit catalogue (Tỉnh Thành Phố, Mã TP, Quận Huyện, Mã QH,
// Phường Xã, Mã PX, Cấp) from CSV or XLSX. Each row names a province, optionally a district
// and a commune; valid rows are applied in one transaction and bad rows are reported by number.
import { isRealIsoDate } from '../../shared/iso-date';
import fs from 'node:fs';
import path from 'node:path';
import type { Unit, UnitImportReport } from '../../shared/contract';
import type { Level } from '../../shared/roles';
import { audit } from '../accounts/audit';
import type { Db } from '../archive/db';
import { foldVietnamese } from '../archive/text';
import { CoreError } from '../errors';
import { assetPath } from '../paths';
import { locateColumns } from '../tables/read-table';
import { readTableInWorker } from '../workers/table-work';
import { importMerges } from '../coverage/merges';

const COLUMNS = {
  provinceName: ['Tỉnh Thành Phố', 'Tỉnh/Thành phố', 'Tỉnh', 'tinh', 'Province'],
  provinceCode: ['Mã TP', 'Mã tỉnh', 'tinh_id', 'ma_tinh', 'Province code'],
  districtName: ['Quận Huyện', 'Quận/Huyện', 'huyen', 'District'],
  districtCode: ['Mã QH', 'huyen_id', 'ma_huyen', 'District code'],
  districtKind: ['huyen_type', 'Loại huyện'],
  communeName: ['Phường Xã', 'Phường/Xã', 'xa', 'ten', 'Ward', 'Commune'],
  communeCode: ['Mã PX', 'xa_id', 'ma_xa', 'Ward code', 'Commune code'],
  communeKind: ['Cấp', 'xa_type', 'Level'],
  validFrom: ['Hiệu lực từ', 'valid_from'],
  validTo: ['Hiệu lực đến', 'valid_to'],
};
type Col = keyof typeof COLUMNS;

interface Candidate {
  code: string;
  name: string;
  level: Level;
  kind: string | null;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

const CODE = /^\d{1,10}$/;

export async function importCatalogue(
  db: Db,
  fileName: string,
  bytes: Uint8Array,
  opts: { validFrom: string | null; userId: number | null },
): Promise<UnitImportReport> {
  const table = await readTableInWorker(fileName, bytes);
  const located =
    locateColumns(table, COLUMNS, ['provinceName', 'provinceCode']) ??
    locateColumns(table, COLUMNS, ['provinceName', 'communeCode', 'communeName']);
  if (!located)
    throw new CoreError('TABLE_NO_HEADER', { file: path.basename(fileName), columns: 'Tỉnh Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp' });
  const { units, errors } = readCandidates(db, table, located, opts.validFrom);
  // audited in the same transaction as the change
  const report = writeUnits(db, units, errors, (r) =>
    audit(db, opts.userId, 'units.import', { type: 'catalogue', id: path.basename(fileName) }, { created: r.created, updated: r.updated, errors: errors.length }),
  );
  errors.sort((a, b) => a.row - b.row);
  return report;
}

/** The units the file's rows name (a row may name a province, a district and a commune), and the rows' problems. */
function readCandidates(db: Db, table: string[][], located: { headerRow: number; index: Record<Col, number> }, validFrom: string | null) {
  const { headerRow, index } = located;
  const get = (r: string[], c: Col) => (index[c] >= 0 ? (r[index[c]] ?? '').trim() : '');

  const errors: UnitImportReport['errors'] = [];
  const units = new Map<string, Candidate & { row: number }>();
  const provinceByName = new Map<string, string>(
    (db.prepare("SELECT code, name FROM units WHERE level='province'").all() as { code: string; name: string }[]).map((p) => [
      foldVietnamese(p.name),
      p.code,
    ]),
  );

  const add = (row: number, c: Candidate): string | null => {
    if (!CODE.test(c.code)) return `mã "${c.code}" không hợp lệ (chỉ gồm chữ số)`;
    if (!c.name) return `thiếu tên cho mã ${c.code}`;
    const prev = units.get(c.code);
    if (prev && (prev.level !== c.level || prev.parentCode !== c.parentCode || prev.name !== c.name))
      return `mã ${c.code} đã xuất hiện ở dòng ${prev.row} với thông tin khác`;
    if (!prev) units.set(c.code, { ...c, row });
    return null;
  };

  for (let i = headerRow + 1; i < table.length; i++) {
    const r = table[i];
    const row = i + 1; // spreadsheet row number as the user sees it
    const vf = get(r, 'validFrom') || validFrom;
    const vt = get(r, 'validTo') || null;
    if ((vf && !isRealIsoDate(vf)) || (vt && !isRealIsoDate(vt))) {
      errors.push({ row, message: `ngày hiệu lực phải là ngày có thật dạng YYYY-MM-DD (${[vf, vt].filter(Boolean).join(', ')})` });
      continue;
    }
    if (vf && vt && vt < vf) {
      errors.push({ row, message: 'hiệu lực đến trước hiệu lực từ' });
      continue;
    }
    const pName = get(r, 'provinceName');
    const pCode = get(r, 'provinceCode') || provinceByName.get(foldVietnamese(pName)) || '';
    if (!pCode) {
      errors.push({ row, message: pName ? `không biết mã của "${pName}"` : 'thiếu tỉnh/thành phố' });
      continue;
    }
    const dCode = get(r, 'districtCode');
    const cCode = get(r, 'communeCode');
    const own = (level: Level) => (level === (cCode ? 'commune' : dCode ? 'district' : 'province') ? { validFrom: vf, validTo: vt } : { validFrom: vf, validTo: null });
    const problems = [
      pName || !units.has(pCode) ? add(row, { code: pCode, name: pName, level: 'province', kind: null, parentCode: null, ...own('province') }) : null,
      dCode
        ? add(row, { code: dCode, name: get(r, 'districtName'), level: 'district', kind: get(r, 'districtKind') || null, parentCode: pCode, ...own('district') })
        : null,
      cCode
        ? add(row, { code: cCode, name: get(r, 'communeName'), level: 'commune', kind: get(r, 'communeKind') || null, parentCode: dCode || pCode, ...own('commune') })
        : null,
    ].filter((p): p is string => p !== null);
    if (problems.length) errors.push({ row, message: problems.join('; ') });
  }

  return { units, errors };
}

/** Inserts or updates the units parents first, in one transaction; a unit found at another level is a row problem. */
function writeUnits(db: Db, units: Map<string, Candidate & { row: number }>, errors: UnitImportReport['errors'], written: (r: UnitImportReport) => void): UnitImportReport {
  const report = { created: 0, updated: 0, unchanged: 0, errors };
  const ordered = [...units.values()].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  const COLS = 'SELECT id, name, level, kind, parent_id parentId, valid_to validTo FROM units';
  const exact = db.prepare(`${COLS} WHERE code = ? AND ifnull(valid_from,'') = ifnull(?, '')`);
  // A unit that carries on unchanged (same code, name, level and parent: Thanh Hóa after 1/7/2025)
  // is the same unit; one that moved (a commune now directly under the province) is a new one,
  // so reports for earlier dates keep the old tree.
  const continuing = db.prepare(
    `${COLS} WHERE code = ? AND level = ? AND name = ? AND parent_id IS ? AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?) ORDER BY valid_from DESC`,
  );
  const find = (u: Candidate, parentId: number | null) =>
    exact.get(u.code, u.validFrom) ?? (u.validFrom ? continuing.get(u.code, u.level, u.name, parentId, u.validFrom, u.validFrom) : undefined);
  const insert = db.prepare('INSERT INTO units(code, name, level, kind, parent_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE units SET name=?, kind=?, parent_id=?, valid_to=? WHERE id=?');
  db.transaction(() => {
    const ids = new Map<string, number>();
    for (const u of ordered) {
      const parentId = u.parentCode ? ids.get(u.parentCode) ?? null : null;
      const existing = find(u, parentId) as Pick<Unit, 'id' | 'name' | 'level' | 'kind' | 'parentId' | 'validTo'> | undefined;
      if (existing && existing.level !== u.level) {
        errors.push({ row: u.row, message: `mã ${u.code} đã có trong danh mục ở cấp khác` });
        continue;
      }
      const kind = u.kind ?? existing?.kind ?? null;
      if (!existing) {
        ids.set(u.code, Number(insert.run(u.code, u.name, u.level, kind, parentId, u.validFrom, u.validTo).lastInsertRowid));
        report.created++;
      } else {
        ids.set(u.code, existing.id);
        if (existing.name === u.name && existing.kind === kind && existing.parentId === parentId && existing.validTo === u.validTo) report.unchanged++;
        else {
          update.run(u.name, kind, parentId, u.validTo, existing.id);
          report.updated++;
        }
      }
    }
    written(report);
  })();
  errors.sort((a, b) => a.row - b.row);
  return report;
}

const LEVEL_ORDER: Record<Level, number> = { province: 0, district: 1, commune: 2 };

/**
 * The built-in Thanh Hóa catalogue (assets/catalogue, built from the public GSO lists by
 * scripts/build-thanhhoa-catalogue.mjs), imported like any other: the three levels until
 * 30/6/2025, the 166 communes directly under the province from 1/7/2025, and the merge list
 * linking each old unit to its successors. Loading it again changes nothing.
 */
export async function loadDemoCatalogue(db: Db, userId: number | null): Promise<UnitImportReport> {
  const read = (f: string) => fs.readFileSync(assetPath('catalogue', f));
  const before = await importCatalogue(db, 'thanhhoa-2025-03.csv', read('thanhhoa-2025-03.csv'), { validFrom: null, userId });
  const after = await importCatalogue(db, 'thanhhoa-2025-07.csv', read('thanhhoa-2025-07.csv'), { validFrom: null, userId });
  const merges = importMerges(db, JSON.parse(read('thanhhoa-2025-07-merges.json').toString('utf8')), {
    effective: '2025-07-01',
    userId,
    fileName: 'thanhhoa-2025-07-merges.json',
  });
  const errors = [...before.errors, ...after.errors, ...merges.errors];
  if (errors.length) console.error('built-in catalogue:', errors.slice(0, 5));
  return { created: before.created + after.created, updated: before.updated + after.updated, unchanged: before.unchanged + after.unchanged, errors };
}
