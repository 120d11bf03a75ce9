// A unit head on the demo archive: dashboard, drill-down, and the XLSX and PDF reports.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { api, expect, signIn, test } from './fixtures';

test.use({ hostArgs: ['--demo'] });

test('a unit head opens the dashboard, drills down, and downloads the XLSX and PDF reports', async ({ page, host }) => {
  test.setTimeout(120_000);
  await page.goto(host.launchUrl);
  await signIn(page, 'lanhdao.tinh', 'sohoa-demo');
  await expect(page.getByRole('menuitem', { name: /Tiến độ số hóa/ })).toBeVisible();
  // the 2021 figures, when the letters were written
  const date = page.locator('#coverage-date');
  await date.click();
  await date.fill('31/12/2021');
  await date.press('Enter');
  await expect(page.getByTestId('level-district')).toBeVisible();
  await expect(page.getByTestId('level-commune')).toContainText('Chỉ tiêu 15%');
  await expect(page.getByTestId('trend-chart')).toBeVisible();

  // province → districts → communes
  const ranking = page.getByTestId('ranking');
  await expect(ranking).toContainText('Huyện Như Xuân');
  await ranking.getByText('Huyện Như Xuân').click();
  await expect(page.getByTestId('drill-path')).toContainText('Huyện Như Xuân');
  await expect(ranking).toContainText('Xã Cát Vân');
  await expect(page.getByTestId('lagging')).toContainText('Các đơn vị chưa thực hiện số hóa kết quả (tỷ lệ 0%)');
  await expect(page.getByTestId('lagging')).toContainText('Xã Cát Vân');

  const report = await api(page, 'coverage.report', { at: '2021-12-31', unitId: (await api(page, 'units.list')).find((u: any) => u.code === '402').id });
  const catTan = report.units.find((u: any) => u.code === '16198');

  // XLSX: reopens with the same figures
  await page.getByTestId('export-menu').hover();
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsxDownload.suggestedFilename()).toBe('so-hoa-402-2021-12-31.xlsx');
  const xlsxPath = path.join(host.dataDir, 'report.xlsx');
  await xlsxDownload.saveAs(xlsxPath);
  const rows = await readSheet(fs.readFileSync(xlsxPath), 'Xếp hạng đơn vị');
  expect(rows[0].slice(0, 6)).toEqual(['Mã', 'Đơn vị', 'Cấp', 'Trực thuộc', 'Kết quả còn hiệu lực', 'Đã số hóa']);
  expect(rows.find((r) => r[0] === '16198')!.slice(0, 6)).toEqual(['16198', 'Xã Cát Tân', 'Cấp xã', '402', catTan.valid, catTan.digitized]);

  // PDF: renders, and says what the letters say
  await page.getByTestId('export-menu').hover();
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
  const pdfPath = path.join(host.dataDir, 'report.pdf');
  await pdfDownload.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  test.skip(spawnSync('pdftoppm', ['-v']).status !== 0, 'poppler-utils not installed: PDF rendering not checked');
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', pdfPath, path.join(host.dataDir, 'report')]);
  expect(fs.statSync(path.join(host.dataDir, 'report-1.png')).size).toBeGreaterThan(5000);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  expect(text).toContain('Huyện Như Xuân');
  expect(text).toMatch(/chưa thực hiện số hóa kết quả \(tỷ lệ 0%\):[\s\S]*Xã Cát Vân/);
});
