// Small things a first week runs into: no body margin (no page scrolls for nothing), an
// archive table that fits 1440 px with checkboxes clear of the thumbnails and labelled in
// Vietnamese, folder files queued by name, OCR rows per page in page order, and percentages
// written the English way in English.
import fs from 'node:fs';
import path from 'node:path';
import { jpegScan, tiffScan } from '../fixtures/scans';
import { api, expect, setUp, test } from './fixtures';
import { shot } from './day-helpers';

test('archive, import queue and OCR rows at 1440×900', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { byCode } = await setUp(page, host);
  await page.goto(host.url);
  expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');

  // folder files are queued by name, numbers in order
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  for (const n of ['trang-10.jpg', 'trang-2.jpg', 'trang-1.jpg']) fs.writeFileSync(path.join(dir, n), await jpegScan({ title: n }));
  fs.writeFileSync(path.join(dir, 'hai-trang.tif'), await tiffScan(2));
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('file-input').setInputFiles(['trang-10.jpg', 'trang-2.jpg', 'hai-trang.tif', 'trang-1.jpg'].map((n) => path.join(dir, n)));
  const queued = await page.locator('.ant-list-item').allInnerTexts();
  expect(queued.map((s) => s.split('\n')[0].trim())).toEqual(['hai-trang.tif', 'trang-1.jpg', 'trang-2.jpg', 'trang-10.jpg']);
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('ocr-job')).toContainText('Hoàn tất: đọc được 5 trang', { timeout: 150_000 });
  // OCR rows: one per page, in document and page order, with no "· 1 trang" on a page row
  const ocrRows = page.getByTestId('ocr-job').locator('.ant-table-tbody tr.ant-table-row');
  const texts = await ocrRows.allInnerTexts();
  expect(texts.join('\n')).not.toContain('· 1 trang');
  const two = texts.filter((x) => x.includes('hai-trang'));
  expect(two[0]).toContain('trang 1');
  expect(two[1]).toContain('trang 2');
  await shot(page, testInfo, 'ocr-rows');

  // the archive: no sideways scroll, checkboxes clear of thumbnails, labels in Vietnamese
  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await expect(page.getByText('4 hồ sơ', { exact: true })).toBeVisible();
  const body = page.locator('.ant-table-tbody-virtual-holder, .ant-table-body').first();
  expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  const row = page.locator('[data-testid^="doc-row-"]').first();
  const box = (await row.locator('.ant-checkbox').boundingBox())!;
  const thumb = (await row.locator('img').boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(thumb.x);
  expect(await row.locator('input[type="checkbox"]').getAttribute('aria-label')).toMatch(/^Chọn hồ sơ /);
  await expect(page.getByText(/Select row/)).toHaveCount(0);
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight + 1)).toBe(true);
  await shot(page, testInfo, 'archive');

  // a third of the results digitized: 33,3% in Vietnamese, 33.3% in English. The results are
  // the province's, a unit valid today (a result counts as digitized from the day it was
  // marked, and the district ended on 30/6/2025, before that day)
  const docs = (await api(page, 'documents.list', {})).items as { id: number }[];
  for (const n of [1, 2, 3]) await api(page, 'register.save', { dossierCode: `KQ-${n}`, unitId: byCode('38'), issuedOn: '2024-03-12' });
  await api(page, 'documents.link', { id: docs[0].id, dossierCode: 'KQ-1', digitized: true });
  await page.getByRole('menuitem', { name: /Tiến độ số hóa/ }).click();
  await expect(page.locator('main, .ant-layout-content').first()).toContainText('33,3%');
  await page.getByText('English').click();
  await expect(page.locator('main, .ant-layout-content').first()).toContainText('33.3%');
  await expect(page.locator('main, .ant-layout-content').first()).not.toContainText('33,3%');
  await shot(page, testInfo, 'coverage-en');
});

test('the results register fits 1280×720: no sideways page, the procedure column kept', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const { byCode } = await setUp(page, host);
  await page.goto(host.url);
  for (const n of [1, 2, 3])
    await api(page, 'register.save', { dossierCode: `000.00.402.H56-2103${n}-0001`, unitId: byCode('402'), procedureName: 'Đăng ký khai sinh', holderName: 'Lê Thị Hoa', issuedOn: '2021-03-12', validUntil: '2031-03-12' });
  await page.getByRole('menuitem', { name: /Sổ theo dõi kết quả/ }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(3);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth + 1)).toBe(true);
  const procedure = (await page.locator('.ant-table-thead th', { hasText: 'Tên TTHC' }).boundingBox())!;
  expect(procedure.width).toBeGreaterThan(120);
  await shot(page, testInfo, 'register-1280');
});
