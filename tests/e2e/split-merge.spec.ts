// Split and merge from the archive: the list follows at once (no reload), and a document
// linked to the register can be merged back after it was split (one rule for both ways).
import fs from 'node:fs';
import path from 'node:path';
import { tiffScan } from '../fixtures/scans';
import { api, expect, setUp, test } from './fixtures';
import { shot } from './day-helpers';

test('split a linked document, see both at once, merge them back', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { byCode } = await setUp(page, host);
  await page.goto(host.url);
  await api(page, 'register.save', { dossierCode: 'H56.38-240312-0042', unitId: byCode('402'), holderName: 'Trần Thị Mai', holderId: '038190004512', issuedOn: '2024-03-12' });
  const file = path.join(fs.mkdtempSync(path.join(host.dataDir, 'in-')), 'ba-trang.tif');
  fs.writeFileSync(file, await tiffScan(3));
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('ocr-after-import').uncheck();
  await page.getByTestId('file-input').setInputFiles([file]);
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('import-summary')).toContainText('nhập 1', { timeout: 30_000 });
  const [doc] = (await api(page, 'documents.list', {})).items;
  await api(page, 'documents.link', { id: doc.id, dossierCode: 'H56.38-240312-0042', digitized: true });

  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await expect(page.getByText('1 hồ sơ', { exact: true })).toBeVisible();
  await page.getByTestId(`doc-row-${doc.id}`).click();
  const view = page.getByTestId('document-view');
  await view.getByTestId('thumb-3').click();
  await view.getByRole('button', { name: 'Tách thành hồ sơ mới từ trang này' }).click();
  await page.locator('.ant-popconfirm-buttons:visible button').last().click(); // the confirmation
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0, { timeout: 60_000 }); // done and faded (an async confirm stays open while it works), so the next question is not taken for it
  await expect(page.getByText('Đã tách thành 2 hồ sơ.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();
  // the archive shows both parts without a reload
  await expect(page.getByText('2 hồ sơ', { exact: true })).toBeVisible();
  const rows = page.locator('[data-testid^="doc-row-"]');
  await expect(rows).toHaveCount(2);
  const part = (await api(page, 'documents.list', {})).items.find((d: any) => d.id !== doc.id);
  await shot(page, testInfo, 'after-split');

  // merge back, the new part picked first: the linked document's link carries over
  await page.getByTestId(`doc-row-${part.id}`).locator('input[type="checkbox"]').check();
  await page.getByTestId(`doc-row-${doc.id}`).locator('input[type="checkbox"]').check();
  await page.getByRole('button', { name: 'Gộp 2 hồ sơ đã chọn' }).click();
  await page.locator('.ant-popconfirm-buttons:visible button').last().click(); // the confirmation
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0, { timeout: 60_000 }); // done and faded (an async confirm stays open while it works), so the next question is not taken for it
  await expect(page.getByText(/Đã gộp thành hồ sơ #\d+\./)).toBeVisible();
  await expect(page.getByText('1 hồ sơ', { exact: true })).toBeVisible();
  const [merged] = (await api(page, 'documents.list', {})).items;
  const detail = await api(page, 'documents.get', { id: merged.id });
  expect(detail.pageCount).toBe(3);
  expect(detail.dossierCode).toBe('H56.38-240312-0042');
  expect(detail.status).toBe('digitized');
  await shot(page, testInfo, 'after-merge');

  // two documents linked to different entries are still refused, in the core
  await api(page, 'register.save', { dossierCode: 'H56.38-240312-0043', unitId: byCode('402'), holderName: 'Lê Văn An', holderId: '038190004513', issuedOn: '2024-03-12' });
  const { documentIds } = await api(page, 'documents.split', { documentId: merged.id, startPageIds: [detail.pages[1].id] });
  await api(page, 'documents.link', { id: documentIds[1], dossierCode: 'H56.38-240312-0043', digitized: true });
  await expect(api(page, 'documents.merge', { documentIds })).rejects.toThrow(/PAGE_OP_INVALID.*kết quả khác nhau/);
});
