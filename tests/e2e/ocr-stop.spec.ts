// "Dừng" on a running OCR job: no new page starts, the pages a worker is reading finish, the
// rest are listed as not read, and the card says it was stopped (never "Hoàn tất" as well).
import fs from 'node:fs';
import path from 'node:path';
import { pdfScan } from '../fixtures/scans';
import { api, expect, setUp, test } from './fixtures';
import { shot } from './day-helpers';

test('stopping OCR at the first page leaves the rest unread and says so', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.goto(host.url);
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  fs.writeFileSync(path.join(dir, 'tam-trang.pdf'), await pdfScan(8));
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('file-input').setInputFiles([path.join(dir, 'tam-trang.pdf')]);
  await page.getByTestId('start-import').click();
  const card = page.getByTestId('ocr-job');
  // two workers can finish pages 1 and 2 between two updates: stop at the first count seen (≤ 3)
  await expect(card).toContainText(/Nhận dạng chữ: [1-3]\/8 trang/, { timeout: 90_000 });
  await card.getByRole('button', { name: 'Dừng' }).click();
  await expect(card.getByTestId('import-summary')).toContainText('Đã dừng theo yêu cầu.', { timeout: 60_000 });
  await expect(card).not.toContainText('Hoàn tất');
  const [doc] = (await api(page, 'documents.list', {})).items;
  const pages = (await api(page, 'documents.get', { id: doc.id })).pages as { ocrState: string }[];
  const read = pages.filter((p) => p.ocrState === 'done').length;
  // the stop came at page 1: at most the pages then in a worker's hands were finished
  expect(read).toBeGreaterThanOrEqual(1);
  expect(read).toBeLessThanOrEqual(5);
  await expect(card.getByTestId('import-summary')).toContainText(`Đọc được ${read} trang, lỗi 0; ${8 - read} trang chưa đọc.`);
  await expect(card.locator('.ant-tag', { hasText: 'Chưa đọc' })).toHaveCount(8 - read);
  await expect(card.locator('.ant-tag', { hasText: 'Đã đọc' })).toHaveCount(read);
  await expect(card).toContainText(`Nhận dạng chữ: ${read}/8 trang`);
  await shot(page, testInfo, 'stopped');
  // nothing is read after the stop
  await page.waitForTimeout(3000);
  expect(((await api(page, 'documents.get', { id: doc.id })).pages as { ocrState: string }[]).filter((p) => p.ocrState === 'done').length).toBe(read);
});
