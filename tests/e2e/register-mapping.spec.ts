// The register import proposes the usual Vietnamese column names (valid-until as "Ngày hết
// hạn", the holder as "Họ và tên"…) and takes a unit *name* column, resolved accent-
// insensitively within the importer's units; names it cannot resolve are reported by row.
import fs from 'node:fs';
import path from 'node:path';
import { api, expect, setUp, test } from './fixtures';
import { shot } from './day-helpers';

test('register columns by their usual names and units by name', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.goto(host.url);
  const csv = [
    'Số hồ sơ,Tên thủ tục,Đơn vị,Họ và tên,Ngày cấp,Ngày hết hạn',
    'HS-001,Đăng ký hộ kinh doanh,Thị trấn Yên Cát,Trần Thị Mai,12/03/2024,12/03/2026',
    'HS-002,Đăng ký hộ kinh doanh,xa hoa quy,Lê Văn An,13/03/2024,',
    'HS-003,Đăng ký hộ kinh doanh,Xã Thanh Sơn,Phạm Văn Bình,14/03/2024,',
    'HS-004,Đăng ký hộ kinh doanh,Xã Không Có,Đỗ Thị Cúc,15/03/2024,',
  ].join('\n');
  const file = path.join(host.dataDir, 'so-theo-doi.csv');
  fs.writeFileSync(file, csv);
  await page.getByRole('menuitem', { name: /Sổ theo dõi/ }).click();
  await page.getByRole('tab', { name: 'Nhập từ tệp' }).click();
  await page.getByTestId('register-input').setInputFiles(file);
  const row = (field: string) => page.locator(`tr[data-row-key="${field}"]`);
  await expect(row('dossierCode')).toContainText('Số hồ sơ');
  await expect(row('holderName')).toContainText('Họ và tên');
  await expect(row('validUntil')).toContainText('Ngày hết hạn');
  await expect(row('unitName')).toContainText('Tên đơn vị (tìm theo tên, không cần dấu)');
  await expect(row('unitName')).toContainText('Đơn vị');
  await shot(page, testInfo, 'mapping');
  await page.getByTestId('register-import').click();
  const report = page.getByTestId('register-report');
  await expect(report).toContainText('4');
  await expect(report).toContainText('Dòng 4: tên đơn vị "Xã Thanh Sơn" trùng với nhiều đơn vị');
  await expect(report).toContainText('Dòng 5: không tìm thấy đơn vị "Xã Không Có"');
  await shot(page, testInfo, 'report');
  const units = await api<any[]>(page, 'units.list');
  const entries = (await api(page, 'register.list', { query: '', offset: 0, limit: 50 })).items as any[];
  expect(entries.map((e) => e.dossierCode).sort()).toEqual(['HS-001', 'HS-002']);
  const unitOf = (code: string) => units.find((u) => u.id === entries.find((e) => e.dossierCode === code).unitId);
  expect(unitOf('HS-001')).toMatchObject({ name: 'Thị trấn Yên Cát', code: '16174', validTo: '2025-06-30' });
  expect(unitOf('HS-002')).toMatchObject({ name: 'Xã Hóa Quỳ', validTo: '2025-06-30' });
  expect(entries.find((e) => e.dossierCode === 'HS-001').validUntil).toBe('2026-03-12');
});
