// The records officer's day in a real browser: import a scan with OCR on, follow the page
// progress, review the tagged fields beside the page with the keyboard, accept, and find
// the document by its recognised text and type.
import fs from 'node:fs';
import path from 'node:path';
import { renderScan, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { api, expect, setUp, test } from './fixtures';

test('import with OCR, review with the keyboard, accept, find by text and type', async ({ page, host }) => {
  test.setTimeout(180_000);
  const { byCode } = await setUp(page, host);
  await page.goto(host.url); // setup.init signed this page in
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await api(page, 'register.save', { dossierCode: 'H56.38-240312-0042', unitId: byCode('402'), holderName: 'Trần Thị Mai', holderId: '038190004512', issuedOn: '2024-03-12' });

  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  const scan = await renderScan(SAMPLE_DOCS[3], { dpi: 200, jpegQuality: 85, skew: 1 });
  fs.writeFileSync(path.join(dir, 'qd-45.jpg'), scan.image);
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await expect(page.getByTestId('ocr-after-import')).toBeChecked();
  await page.getByTestId('file-input').setInputFiles([path.join(dir, 'qd-45.jpg')]);
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('import-summary')).toContainText('nhập 1', { timeout: 30_000 });
  // the OCR job follows by itself, page by page
  await expect(page.getByTestId('ocr-job')).toContainText('Hoàn tất: đọc được 1 trang, lỗi 0', { timeout: 90_000 });

  // review: the page beside the fields; the focused field's region is outlined on the page
  await page.getByRole('menuitem', { name: /Soát xét/ }).click();
  await expect(page.getByTestId('review-counter')).toHaveText('Hồ sơ 1/1');
  await expect(page.getByTestId('field-number')).toHaveValue('45/QĐ-UBND');
  await expect(page.getByTestId('field-type')).toHaveValue('Quyết định');
  await expect(page.locator('#field-date')).toHaveValue('12/03/2024');
  await expect(page.getByTestId('field-dossierCode')).toHaveValue('H56.38-240312-0042');
  await expect(page.getByText('Đọc từ mã QR').first()).toBeVisible();
  // each value says where it came from
  await expect(page.getByTestId('source-dossierCode')).toHaveAttribute('data-source', 'qr');
  await expect(page.getByTestId('source-type')).toHaveText('Nhận dạng chữ (OCR)');
  await expect(page.getByTestId('proposal').first()).toContainText('Độ khớp 100%');
  await expect(page.getByTestId('review-dossier')).toHaveValue('H56.38-240312-0042');
  await expect.poll(() => page.getByTestId('review-page').locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(1000);

  await page.getByTestId('field-agency').focus();
  await page.keyboard.press('Enter'); // → number
  await expect(page.getByTestId('field-number')).toBeFocused();
  const region = page.getByTestId('field-region');
  await expect(region).toBeVisible();
  const box = (await region.boundingBox())!;
  const img = (await page.getByTestId('review-page').boundingBox())!;
  // "Số: 45/QĐ-UBND" sits in the left header column, near the top
  expect(box.x - img.x).toBeLessThan(img.width * 0.5);
  expect(box.y - img.y).toBeLessThan(img.height * 0.2);

  await page.keyboard.press('Enter'); // → date
  await page.keyboard.press('Enter'); // → place
  await expect(page.getByTestId('field-place')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('xã Thanh Sơn');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Đã chấp nhận: hồ sơ sẵn sàng để ký số.')).toBeVisible();
  await expect(page.getByText('Không còn hồ sơ nào chờ soát xét.')).toBeVisible();

  // the archive shows the tags; search by words of the page and filter by type
  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await page.getByTestId('doc-search').locator('input').fill('dang ky ho kinh doanh');
  await page.getByTestId('doc-search').locator('input').press('Enter');
  await expect(page.getByText('1 hồ sơ')).toBeVisible();
  const row = page.locator('[data-testid^="doc-row-"]').first();
  await expect(row).toContainText('45/QĐ-UBND');
  await expect(row).toContainText('12/03/2024');
  await expect(row).toContainText('Đã số hóa');
  await page.getByTestId('filter-type').click();
  await page.locator('.ant-select-item-option', { hasText: 'Chỉ thị' }).click();
  await expect(page.getByText('0 hồ sơ')).toBeVisible();

  const [doc] = (await api(page, 'documents.list', { query: 'kinh doanh' })).items;
  const detail = await api(page, 'documents.get', { id: doc.id });
  expect(detail.fields.find((f: any) => f.name === 'place')).toMatchObject({ value: 'xã Thanh Sơn', source: 'user' });
  expect(detail.status).toBe('digitized');
});
