// Coverage figures on a real archive: validity at a date, pooled level rates, "needed",
// targets per year, units through the 2025 reform, packages from children, exports.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/archive/db';
import { BlobStore } from '../../../electron/archive/blobs';
import { importFile } from '../../../electron/capture/import-file';
import { linkDocument } from '../../../electron/coverage/digitized';
import { coverageCsv, coveragePdf, coverageXlsx } from '../../../electron/coverage/export';
import { importMerges } from '../../../electron/coverage/merges';
import { buildPackage, importPackage } from '../../../electron/coverage/packages';
import { assignSuccessor, saveRegisterEntry } from '../../../electron/coverage/register';
import { coverageReport, coverageTrend } from '../../../electron/coverage/report';
import { setTarget } from '../../../electron/coverage/targets';
import { importCatalogue } from '../../../electron/units/catalogue-import';
import { jpegScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

const GSO = 'Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp,Hiệu lực đến';
const OLD = [
  'Tỉnh Thanh Hóa,38,,,,,,',
  'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,,,,2025-06-30',
  'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Sơn,16222,Xã,2025-06-30',
  'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Lâm,16219,Xã,2025-06-30',
  'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Bãi Trành,16177,Xã,2025-06-30',
];
// after 1/7/2025: Thanh Sơn + Thanh Lâm → Xã Thanh Quân (new code 16222); Bãi Trành split between Xuân Bình and Thanh Quân
const NEW = 'tinh,ma_xa,ten\nTỉnh Thanh Hóa,16222,Xã Thanh Quân\nTỉnh Thanh Hóa,16183,Xã Xuân Bình\n';
const MERGES = {
  level1_id: '38',
  name: 'Tỉnh Thanh Hóa',
  level2s: [
    { level2_id: '16222', name: 'Xã Thanh Quân', merges: [{ old_id: '16222', name: 'Thanh Sơn', type: 'full' }, { old_id: '16219', name: 'Thanh Lâm', type: 'full' }, { old_id: '16177', name: 'Bãi Trành', type: 'partial' }] },
    { level2_id: '16183', name: 'Xã Xuân Bình', merges: [{ old_id: '16177', name: 'Bãi Trành', type: 'partial' }] },
  ],
};

async function archive() {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'a.sqlite'));
  await importCatalogue(db, 'old.csv', Buffer.from([GSO, ...OLD].join('\n')), { validFrom: null, userId: null });
  const id = (code: string, at = '2021-01-01') =>
    db.prepare('SELECT id FROM units WHERE code = ? AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)').pluck().get(code, at, at) as number;
  let n = 0;
  const result = (code: string, issuedOn: string, o: { validUntil?: string; revokedOn?: string; digitizedOn?: string; procedure?: string; holderUnit?: number } = {}) => {
    const e = saveRegisterEntry(
      db,
      { dossierCode: `HS${++n}`, procedureCode: o.procedure ?? '1.001234', procedureName: o.procedure ? `Thủ tục ${o.procedure}` : 'Đổi giấy phép lái xe', unitId: id(code), holderName: null, holderId: null, resultName: null, resultNumber: null, issuedOn, validUntil: o.validUntil ?? null, revokedOn: o.revokedOn ?? null },
      null,
    );
    db.prepare('UPDATE register SET digitized_on = ?, holder_unit_id = ? WHERE id = ?').run(o.digitizedOn ?? null, o.holderUnit ?? null, e.id);
    return e.id;
  };
  return { dir, db, id, result };
}
const unitOf = (r: ReturnType<typeof coverageReport>, code: string) => r.units.find((u) => u.code === code)!;

describe('coverage at a date', () => {
  it('counts a result valid when issued by D, not expired before D and not revoked by D', async () => {
    const { db, result } = await archive();
    const D = '2021-06-30';
    result('16222', D); // issued on D: valid
    result('16222', '2021-07-01'); // issued after D
    result('16222', '2021-01-01', { validUntil: D }); // expires on D: still valid on D
    result('16222', '2021-01-01', { validUntil: '2021-06-29' }); // expired the day before
    result('16222', '2021-01-01', { revokedOn: D }); // revoked on D
    result('16222', '2021-01-01', { revokedOn: '2021-07-15' }); // revoked later: valid at D
    result('16222', '2021-01-01', { digitizedOn: D }); // digitized on D counts
    result('16222', '2021-01-01', { digitizedOn: '2021-07-01' }); // digitized after D does not
    const u = unitOf(coverageReport(db, D, null), '16222');
    expect([u.valid, u.digitized]).toEqual([5, 1]);
    expect(u.rate).toBeCloseTo(0.2);
    expect(unitOf(coverageReport(db, '2021-07-02', null), '16222')).toMatchObject({ valid: 5, digitized: 2 });
  });

  it('pools level rates over the units of a level, and gives each unit its target, gap and "needed"', async () => {
    const { db, result } = await archive();
    for (let i = 0; i < 10; i++) result('16222', '2021-01-01', { digitizedOn: i < 2 ? '2021-02-01' : undefined }); // 2/10
    for (let i = 0; i < 5; i++) result('16219', '2021-01-01', { digitizedOn: i < 1 ? '2021-02-01' : undefined }); // 1/5
    result('402', '2021-01-01');
    const r = coverageReport(db, '2021-06-30', null);
    const commune = r.levels.find((l) => l.level === 'commune')!;
    expect(commune).toMatchObject({ valid: 15, digitized: 3, target: 0.15, met: true });
    expect(commune.rate).toBeCloseTo(0.2); // pooled 3/15, not the mean of 20% and 20%
    expect(unitOf(r, '16222')).toMatchObject({ rate: 0.2, met: true, needed: 0 });
    expect(unitOf(r, '16219')).toMatchObject({ rate: 0.2, met: true, needed: 0 });
    expect(unitOf(r, '402')).toMatchObject({ valid: 1, digitized: 0, rate: 0, target: 0.2, met: false, needed: 1 });
    expect(unitOf(r, '16177')).toMatchObject({ valid: 0, rate: 0, needed: 0 });
    expect(unitOf(r, '402').total).toEqual({ valid: 16, digitized: 3, rate: 3 / 16 });
    // targets per year: raise 2022's commune target, 2021's report is unchanged
    setTarget(db, 2022, 'commune', 0.5);
    expect(unitOf(coverageReport(db, '2022-06-30', null), '16222')).toMatchObject({ target: 0.5, met: false, needed: 3 });
    expect(unitOf(coverageReport(db, '2021-06-30', null), '16222').target).toBe(0.15);
  });

  it('scopes a report to a unit and the units below it', async () => {
    const { db, id, result } = await archive();
    result('16222', '2021-01-01');
    result('38', '2021-01-01');
    const r = coverageReport(db, '2021-06-30', id('402'));
    expect(r.scope).toMatchObject({ code: '402' });
    expect(r.units.map((u) => u.code).sort()).toEqual(['16177', '16219', '16222', '402']);
    expect(r.levels.map((l) => l.level)).toEqual(['district', 'commune']);
  });

  it('uses the units valid then before 1/7/2025 and rolls results up to the successors after', async () => {
    const { db, id, result } = await archive();
    await importCatalogue(db, 'new.csv', Buffer.from(NEW), { validFrom: '2025-07-01', userId: null });
    expect(importMerges(db, MERGES, { effective: '2025-07-01', userId: null, fileName: 'm.json' }).errors).toEqual([]);
    const quan = id('16222', '2025-07-01');
    const binh = id('16183', '2025-07-01');
    result('16222', '2021-01-01', { digitizedOn: '2021-03-01' }); // Thanh Sơn → Thanh Quân
    result('16219', '2021-01-01'); // Thanh Lâm → Thanh Quân
    result('16177', '2021-01-01', { holderUnit: binh, digitizedOn: '2021-03-01' }); // Bãi Trành, holder now in Xuân Bình
    const unknown = result('16177', '2021-01-01'); // Bãi Trành, holder's new commune unknown
    result('402', '2021-01-01'); // the abolished district: its results go to the province

    const before = coverageReport(db, '2021-06-30', null);
    expect(before.units.map((u) => u.code).sort()).toEqual(['16177', '16219', '16222', '38', '402']);
    expect(unitOf(before, '16177')).toMatchObject({ valid: 2, digitized: 1 });
    expect(before.levels.map((l) => l.level)).toEqual(['province', 'district', 'commune']);

    const after = coverageReport(db, '2026-01-01', null);
    expect(after.units.map((u) => u.name).sort()).toEqual(['Tỉnh Thanh Hóa', 'Xã Thanh Quân', 'Xã Xuân Bình']);
    expect(after.units.find((u) => u.id === quan)).toMatchObject({ valid: 2, digitized: 1, parentCode: '38' });
    expect(after.units.find((u) => u.id === binh)).toMatchObject({ valid: 1, digitized: 1 });
    expect(unitOf(after, '38')).toMatchObject({ valid: 1 });
    expect(after.unresolved).toEqual([expect.objectContaining({ code: '16177', name: 'Xã Bãi Trành', valid: 1, digitized: 0 })]);
    expect(after.levels.map((l) => l.level)).toEqual(['province', 'commune']);

    // the admin decides where the rest of Bãi Trành's results go
    expect(assignSuccessor(db, id('16177'), quan, null)).toBe(1);
    expect(db.prepare('SELECT assigned_unit_id FROM register WHERE id = ?').pluck().get(unknown)).toBe(quan);
    const settled = coverageReport(db, '2026-01-01', null);
    expect(settled.unresolved).toEqual([]);
    expect(settled.units.find((u) => u.id === quan)).toMatchObject({ valid: 3 });
    expect(() => assignSuccessor(db, id('16219'), binh, null)).toThrow(/không phải đơn vị kế thừa/);
  });

  it('counts a result digitized once a linked document is marked digitized, from that day', async () => {
    const { dir, db, result } = await archive();
    const reg = result('16222', '2021-01-01');
    const docPath = path.join(dir, 'scan.jpg');
    fs.writeFileSync(docPath, await jpegScan());
    const o = await importFile({ db, blobs: new BlobStore(dir), userId: null, unitId: 3 }, { path: docPath, name: 'scan.jpg' });
    linkDocument(db, o.documentId!, reg, false);
    expect(unitOf(coverageReport(db, '2025-01-01', null), '16222').digitized).toBe(0);
    linkDocument(db, o.documentId!, reg, true, new Date('2021-05-10T03:00:00Z'));
    expect(db.prepare('SELECT digitized_on FROM register WHERE id = ?').pluck().get(reg)).toBe('2021-05-10');
    expect(unitOf(coverageReport(db, '2021-05-09', null), '16222').digitized).toBe(0);
    expect(unitOf(coverageReport(db, '2021-05-10', null), '16222').digitized).toBe(1);
    linkDocument(db, o.documentId!, null, true); // unlinked: the entry is no longer digitized
    expect(db.prepare('SELECT digitized_on FROM register WHERE id = ?').pluck().get(reg)).toBeNull();
  });

  it('computes the Decision 766 rate over results handled in the year, and a monthly trend', async () => {
    const { db, result } = await archive();
    result('16222', '2020-12-01', { digitizedOn: '2021-01-10' }); // handled last year
    result('16222', '2021-02-01', { digitizedOn: '2021-02-15' });
    result('16222', '2021-03-01', { validUntil: '2021-03-31' }); // handled this year, since expired
    result('16222', '2021-04-01');
    const r = coverageReport(db, '2021-06-30', null);
    expect(r.decision766).toEqual({ handled: 3, withElectronicResult: 1, rate: 1 / 3 });
    const trend = coverageTrend(db, '2021-04-15', null);
    expect(trend.map((t) => [t.month, t.valid, t.digitized])).toEqual([
      ['2021-01', 1, 1],
      ['2021-02', 2, 2],
      ['2021-03', 3, 2],
      ['2021-04', 3, 2],
    ]);
    expect(trend[0].target).toBe(0.3);
  });
});

describe('coverage packages', () => {
  async function parentAndChild() {
    const child = await archive();
    for (let i = 0; i < 4; i++) child.result('16222', '2021-01-01', { digitizedOn: i === 0 ? '2021-02-01' : undefined, procedure: '2.000001' });
    const parent = await archive();
    parent.result('38', '2021-01-01');
    const pkg = buildPackage(child.db, child.dir, '2021-06-30', child.id('402'), null);
    return { child, parent, pkg };
  }

  it('a district’s package, imported by the province, replaces the district’s figures with its own and says from when', async () => {
    const { parent, pkg } = await parentAndChild();
    const r = importPackage(parent.db, Buffer.from(JSON.stringify(pkg)), { fileName: 'goi.json', ownUnitId: parent.id('38'), userId: null });
    expect(r).toMatchObject({ unitCode: '402', at: '2021-06-30', units: 4 });
    const report = coverageReport(parent.db, '2021-06-30', null);
    expect(unitOf(report, '16222')).toMatchObject({ valid: 4, digitized: 1, packageAt: '2021-06-30' });
    expect(unitOf(report, '38')).toMatchObject({ valid: 1, packageAt: null });
    expect(report.packages).toEqual([expect.objectContaining({ unitCode: '402', at: '2021-06-30' })]);
    expect(report.procedures.find((p) => p.code === '2.000001')).toMatchObject({ valid: 4, digitized: 1 });
  });

  it('rejects a tampered package, a package from outside the unit, and a package signed by another key', async () => {
    const { parent, pkg } = await parentAndChild();
    const own = parent.id('38');
    const tampered = structuredClone(pkg);
    tampered.payload.units[0].digitized = 4;
    expect(() => importPackage(parent.db, Buffer.from(JSON.stringify(tampered)), { fileName: 'goi.json', ownUnitId: own, userId: null })).toThrow(
      /goi\.json: gói số liệu bị từ chối — chữ ký không khớp nội dung/,
    );
    expect(() => importPackage(parent.db, Buffer.from(JSON.stringify(pkg)), { fileName: 'goi.json', ownUnitId: parent.id('16219'), userId: null })).toThrow(/không phải đơn vị trực thuộc/);
    expect(() => importPackage(parent.db, Buffer.from('{"x":1}'), { fileName: 'goi.json', ownUnitId: own, userId: null })).toThrow(/không phải gói số liệu/);
    importPackage(parent.db, Buffer.from(JSON.stringify(pkg)), { fileName: 'goi.json', ownUnitId: own, userId: null });
    // another archive claiming to be the same district
    const impostor = await archive();
    const fake = buildPackage(impostor.db, impostor.dir, '2021-07-31', impostor.id('402'), null);
    expect(() => importPackage(parent.db, Buffer.from(JSON.stringify(fake)), { fileName: 'gia.json', ownUnitId: own, userId: null })).toThrow(/khóa ký khác/);
  });
});

describe('coverage exports', () => {
  it('writes CSV with a BOM, an XLSX that reopens with the figures, and a PDF that renders', async () => {
    const { db, result } = await archive();
    for (let i = 0; i < 10; i++) result('16222', '2021-01-01', { digitizedOn: i < 3 ? '2021-02-01' : undefined });
    result('16219', '2021-01-01');
    const r = coverageReport(db, '2021-06-30', null);
    const csv = coverageCsv(r);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('16222,Xã Thanh Sơn,Cấp xã,402,10,3,0.3000,0.15,0.1500,0,Đạt');

    const xlsx = await coverageXlsx(r);
    const ranking = await readSheet(xlsx, 'Xếp hạng đơn vị');
    const row = ranking.find((x) => x[0] === '16222')!;
    expect(row.slice(0, 6)).toEqual(['16222', 'Xã Thanh Sơn', 'Cấp xã', '402', 10, 3]);
    expect(ranking.find((x) => x[0] === '16219')![10]).toBe('Chưa số hóa (0%)');

    const pdf = await coveragePdf(r, coverageTrend(db, '2021-06-30', null));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
    if (hasPoppler) {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-']).toString();
      expect(text).toContain('BÁO CÁO TIẾN ĐỘ SỐ HÓA');
      expect(text).toContain('Các đơn vị chưa thực hiện số hóa kết quả (tỷ lệ 0%): Xã Thanh Lâm');
      expect(execFileSync('pdffonts', [path.join(dir, 'r.pdf')]).toString()).toMatch(/LiberationSerif\S* +CID TrueType +Identity-H +yes/);
      execFileSync('pdftoppm', ['-r', '40', '-png', path.join(dir, 'r.pdf'), path.join(dir, 'page')]);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('page'))).not.toHaveLength(0);
    }
  });
});

export type { Db };
