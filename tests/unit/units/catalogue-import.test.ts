import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { openDatabase } from '../../../electron/archive/db';
import { assetPath } from '../../../electron/paths';
import { importCatalogue, loadDemoCatalogue } from '../../../electron/units/catalogue-import';
import { listSuccessors } from '../../../electron/coverage/merges';
import { listUnits } from '../../../electron/units/units';
import { tempDir } from '../../helpers';

const db = () => openDatabase(path.join(tempDir(), 'u.sqlite'));
const GSO = 'Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp';
const opts = { validFrom: null, userId: null };

describe('importCatalogue', () => {
  it('builds province → district → commune from the GSO columns', async () => {
    const d = db();
    const csv = `${GSO}\nTỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Sơn,16222,Xã\nTỉnh Thanh Hóa,38,Huyện Như Xuân,402,Thị trấn Yên Cát,16174,Thị trấn\n`;
    const r = await importCatalogue(d, 'dm.csv', Buffer.from(csv), opts);
    expect(r).toEqual({ created: 4, updated: 0, unchanged: 0, errors: [] });
    const units = listUnits(d);
    const byCode = (c: string) => units.find((u) => u.code === c)!;
    expect(byCode('16222')).toMatchObject({ level: 'commune', kind: 'Xã', parentId: byCode('402').id });
    expect(byCode('402')).toMatchObject({ level: 'district', parentId: byCode('38').id });
    expect(byCode('38')).toMatchObject({ level: 'province', parentId: null });
  });

  it('reports bad rows by spreadsheet row number and imports the rest', async () => {
    const d = db();
    const csv = [
      GSO,
      'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Sơn,16222,Xã',
      'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,,16X19,Xã',
      'Tỉnh Thanh Hóa,38,Huyện Như Thanh,403,Xã Thanh Sơn,16222,Xã',
      ',,Huyện Lạ,999,,,',
      'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Lâm,16219,Xã',
    ].join('\n');
    const r = await importCatalogue(d, 'dm.csv', Buffer.from(csv), opts);
    expect(r.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(r.errors[0].message).toMatch(/16X19/);
    expect(r.errors[1].message).toMatch(/dòng 2/);
    expect(r.errors[2].message).toMatch(/thiếu tỉnh/);
    expect(listUnits(d).map((u) => u.code).sort()).toEqual(['16219', '16222', '38', '402', '403']);
  });

  it('refuses validity dates that do not exist, or that end before they start', async () => {
    const d = db();
    const head = `${GSO},Hiệu lực từ,Hiệu lực đến`;
    const csv = [
      head,
      'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Sơn,16222,Xã,2021-02-31,',
      'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Lâm,16219,Xã,2021-13-45,',
      'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Hòa,16225,Xã,2021-01-01,2020-12-31',
      'Tỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Quân,16228,Xã,2024-02-29,',
    ].join('\n');
    const r = await importCatalogue(d, 'dm.csv', Buffer.from(csv), opts);
    expect(r.errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(r.errors[0].message).toMatch(/2021-02-31/);
    expect(d.prepare("SELECT count(*) FROM units WHERE valid_from IN ('2021-02-31', '2021-13-45')").pluck().get()).toBe(0);
    expect(listUnits(d).map((u) => u.code)).toContain('16228');
  });

  it('changes nothing when the same file is imported again, and updates renamed units', async () => {
    const d = db();
    const csv = `${GSO}\nTỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Sơn,16222,Xã\n`;
    await importCatalogue(d, 'dm.csv', Buffer.from(csv), opts);
    expect(await importCatalogue(d, 'dm.csv', Buffer.from(csv), opts)).toEqual({ created: 0, updated: 0, unchanged: 3, errors: [] });
    const renamed = csv.replace('Xã Thanh Sơn', 'Xã Thanh Sơn Mới');
    expect(await importCatalogue(d, 'dm.csv', Buffer.from(renamed), opts)).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('keeps units of different periods apart when a code is reused', async () => {
    const d = db();
    const old = `${GSO},Hiệu lực đến\nTỉnh Thanh Hóa,38,Thành phố Thanh Hóa,380,Phường Đông Thọ,14758,Phường,2025-06-30\n`;
    await importCatalogue(d, 'old.csv', Buffer.from(old), opts);
    const after = 'tinh,ma_xa,ten\nTỉnh Thanh Hóa,14758,Phường Hàm Rồng\n';
    const r = await importCatalogue(d, 'new.csv', Buffer.from(after), { validFrom: '2025-07-01', userId: null });
    expect(r.errors).toEqual([]);
    const names = listUnits(d).filter((u) => u.code === '14758').map((u) => [u.name, u.validFrom]);
    expect(names).toEqual([
      ['Phường Đông Thọ', null],
      ['Phường Hàm Rồng', '2025-07-01'],
    ]);
    // after the reform a commune hangs directly under the province
    const provinces = listUnits(d).filter((u) => u.code === '38');
    expect(provinces).toHaveLength(1); // Thanh Hóa carries on as the same unit
    expect(listUnits(d, '2026-01-01').find((u) => u.code === '14758')).toMatchObject({ name: 'Phường Hàm Rồng', parentId: provinces[0].id });
    expect(listUnits(d, '2021-01-01').find((u) => u.code === '14758')).toMatchObject({ name: 'Phường Đông Thọ' });
  });

  it('reads the same catalogue from XLSX', async () => {
    const d = db();
    const xlsx = await writeExcelFile([
      GSO.split(','),
      ['Tỉnh Thanh Hóa', 38, 'Huyện Như Xuân', 402, 'Xã Thanh Sơn', 16222, 'Xã'],
    ]).toBuffer();
    expect((await importCatalogue(d, 'dm.xlsx', xlsx, opts)).created).toBe(3);
  });

  it('says which columns it needs when the header is missing', async () => {
    await expect(importCatalogue(db(), 'x.csv', Buffer.from('a,b\n1,2'), opts)).rejects.toThrow(/x\.csv: không tìm thấy dòng tiêu đề.*Mã TP/);
  });

  it('ships a demo catalogue of Thanh Hóa with its districts and Như Xuân communes, ended on 30/6/2025', async () => {
    const d = db();
    const r = await importCatalogue(d, 'demo.csv', fs.readFileSync(assetPath('catalogue', 'thanhhoa-demo.csv')), opts);
    expect(r.errors).toEqual([]);
    const units = listUnits(d);
    expect(units.filter((u) => u.level === 'district')).toHaveLength(15);
    expect(units.filter((u) => u.level === 'commune')).toHaveLength(16);
    expect(listUnits(d, '2025-06-30')).toHaveLength(32);
    expect(listUnits(d, '2025-07-01').map((u) => u.name)).toEqual(['Tỉnh Thanh Hóa']);
  });

  it('ships Thanh Hóa before and after 1/7/2025 with the merges between them, idempotently', async () => {
    const d = db();
    const r = await loadDemoCatalogue(d, null);
    expect(r.errors).toEqual([]);
    const before = listUnits(d, '2025-06-30');
    expect(before.filter((u) => u.level === 'district')).toHaveLength(26);
    expect(before.filter((u) => u.level === 'commune')).toHaveLength(549);
    const after = listUnits(d, '2026-12-01');
    const province = after.find((u) => u.level === 'province')!;
    expect(after.filter((u) => u.level === 'district')).toHaveLength(0);
    const communes = after.filter((u) => u.level === 'commune');
    expect(communes).toHaveLength(166);
    expect(communes.every((u) => u.parentId === province.id && u.validFrom === '2025-07-01')).toBe(true);
    // Huyện Như Xuân ended on 30/6/2025; its communes lead to their successors
    const nhuXuan = listUnits(d).find((u) => u.code === '402')!;
    expect(nhuXuan.validTo).toBe('2025-06-30');
    const thanhSonOld = before.find((u) => u.name === 'Xã Thanh Sơn' && u.parentId === nhuXuan.id)!;
    expect(thanhSonOld.successorIds.length).toBeGreaterThan(0);
    expect(thanhSonOld.successorIds.every((id) => communes.some((c) => c.id === id))).toBe(true);
    const links = listSuccessors(d).length;
    const again = await loadDemoCatalogue(d, null);
    expect(again.created).toBe(0);
    expect(listSuccessors(d)).toHaveLength(links);
  });
});
