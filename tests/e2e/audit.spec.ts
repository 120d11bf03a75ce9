// The audit log as people read it: every action worded (Vietnamese and English), objects
// named and linked, filters by user, action, object and date, and a CSV export.
import fs from 'node:fs';
import path from 'node:path';
import { jpegScan } from '../fixtures/scans';
import { api, expect, setUp, signIn, test, upload } from './fixtures';
import { shot } from './day-helpers';

test('audit log worded, linked, filtered and exported', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.goto(host.url);
  const f = path.join(host.dataDir, 'Quyết định 12.jpg');
  fs.writeFileSync(f, await jpegScan());
  const { jobId } = await api(page, 'documents.import', { sources: [await upload(page, path.basename(f), fs.readFileSync(f))] });
  await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 30_000 }).toBe('done');
  const docId = (await api(page, 'jobs.get', { id: jobId })).outcomes[0].documentId;
  await api(page, 'auth.signOut');
  await page.goto(host.url);
  await signIn(page, 'quantri', 'matkhau-quantri');

  await page.getByRole('menuitem', { name: /Nhật ký thao tác/ }).click();
  const table = page.locator('.ant-table');
  await expect(table).toContainText('Đăng nhập');
  await expect(table).toContainText('Nhập tệp quét');
  await expect(table).not.toContainText('auth.signIn');
  await expect(table).not.toContainText('documents.import');
  await expect(table).not.toContainText(/document #\d/);
  await expect(table).not.toContainText('{"');
  await shot(page, testInfo, 'audit');

  // filter by action, then by user; by date
  await page.getByTestId('audit-action').click();
  await page.keyboard.type('nhap tep');
  await page.locator('.ant-select-item-option', { hasText: 'Nhập tệp quét' }).click();
  await expect(page.getByTestId('audit-action-text')).toHaveCount(1);
  await expect(page.getByTestId('audit-action-text')).toHaveText('Nhập tệp quét');
  // the object is linked to the document
  await page.locator('.ant-table-row a', { hasText: 'Hồ sơ' }).first().click();
  await expect(page).toHaveURL(new RegExp(`#/documents/${docId}$`));
  await page.goBack();
  await page.getByRole('menuitem', { name: /Nhật ký thao tác/ }).click();
  await page.getByTestId('audit-user').click();
  await page.keyboard.type('quan tri');
  await page.locator('.ant-select-item-option', { hasText: 'quantri' }).click();
  await expect(page.getByTestId('audit-action-text').first()).toBeVisible();
  const today = new Date().toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
  const range = page.locator('.ant-picker-range');
  await range.locator('input').first().click();
  await range.locator('input').first().fill('01/01/2020');
  await range.locator('input').nth(1).click();
  await range.locator('input').nth(1).fill('31/12/2020');
  await range.locator('input').nth(1).press('Enter');
  await expect(page.getByTestId('audit-action-text')).toHaveCount(0);
  await range.locator('input').first().click();
  await range.locator('input').first().fill(today);
  await range.locator('input').nth(1).click();
  await range.locator('input').nth(1).fill(today);
  await range.locator('input').nth(1).press('Enter');
  await expect(page.getByTestId('audit-action-text').first()).toBeVisible();

  // the export holds the filtered rows, worded
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('Đăng nhập');
  expect(csv).not.toContain('auth.signIn');

  // in English, the same rows in English
  await page.getByText('English').click();
  await expect(table).toContainText('Signed in');
  await expect(table).not.toContainText('Đăng nhập');
  await shot(page, testInfo, 'audit-en');
});
