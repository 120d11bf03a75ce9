// The way back, in Chromium through the browser host (1440×900): merge asks first and is
// undone from the merged document's view ("Hoàn tác"), a deleted page comes back with undo,
// and a deleted document goes to Thùng rác, is restored from it, and an admin empties it.
import fs from 'node:fs';
import path from 'node:path';
import { jpegScan, tiffScan } from '../fixtures/scans';
import { api, expect, setUp, test } from './fixtures';
import { shot } from './day-helpers';

// confirms the open question, then waits for it to fade out, so the next one is never mistaken for it
const confirm = async (page: import('@playwright/test').Page) => {
  await page.locator('.ant-popconfirm-buttons:visible button').last().click();
  // an async confirm stays open while it works
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0, { timeout: 60_000 });
};

test('merge, page delete and document delete can all be taken back', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.goto(host.url);
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  fs.writeFileSync(path.join(dir, 'don.tif'), await tiffScan(2));
  fs.writeFileSync(path.join(dir, 'phu-luc.jpg'), await jpegScan({ title: 'PHỤ LỤC' }));
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('ocr-after-import').uncheck();
  await page.getByTestId('file-input').setInputFiles([path.join(dir, 'don.tif'), path.join(dir, 'phu-luc.jpg')]);
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('import-summary')).toContainText('nhập 2', { timeout: 30_000 });
  const docs = (await api(page, 'documents.list', { sort: 'title', order: 'asc' })).items as { id: number; title: string; pageCount: number }[];
  const [don, annex] = [docs.find((d) => d.pageCount === 2)!, docs.find((d) => d.pageCount === 1)!];
  const pagesOf = async (id: number) => ((await api(page, 'documents.get', { id })).pages as { id: number }[]).map((p) => p.id);
  const donPages = await pagesOf(don.id);

  // merge asks first; a cancelled merge changes nothing
  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await page.getByTestId(`doc-row-${don.id}`).locator('input[type="checkbox"]').check();
  await page.getByTestId(`doc-row-${annex.id}`).locator('input[type="checkbox"]').check();
  await page.getByTestId('merge-selected').click();
  await expect(page.locator('.ant-popconfirm-title:visible')).toContainText('Gộp 2 hồ sơ đã chọn thành một');
  await shot(page, testInfo, 'merge-confirm');
  await confirm(page);
  await expect(page.getByText(/Đã gộp thành hồ sơ #\d+\./)).toBeVisible({ timeout: 30_000 });
  expect((await api(page, 'documents.list', {})).total).toBe(1);

  // Hoàn tác in the merged document's view: both documents back, each with its own pages
  await page.goto(`${host.url}#/documents/${don.id}`);
  const view = page.getByTestId('document-view');
  await expect(view.getByTestId('undo-bar')).toContainText('Vừa gộp hồ sơ');
  await shot(page, testInfo, 'undo-merge');
  await view.getByTestId('undo').click();
  await expect(page.getByText('Đã hoàn tác: gộp hồ sơ.')).toBeVisible({ timeout: 30_000 });
  expect((await api(page, 'documents.list', {})).total).toBe(2);
  expect(await pagesOf(don.id)).toEqual(donPages);
  expect((await pagesOf(annex.id)).length).toBe(1);
  await expect(view.getByTestId('undo-bar')).toHaveCount(0);

  // a deleted page comes back, the same page in the same place
  await view.getByTestId('thumb-1').click();
  await view.getByRole('button', { name: 'Xóa trang' }).click();
  await confirm(page);
  await expect(view.getByTestId('thumb-2')).toHaveCount(0, { timeout: 30_000 });
  await expect(view.getByTestId('undo-bar')).toContainText('Vừa xóa trang');
  await view.getByTestId('undo').click();
  await expect(view.getByTestId('thumb-2')).toBeVisible({ timeout: 30_000 });
  expect(await pagesOf(don.id)).toEqual(donPages);

  // the document to the trash (asked first), then back from it
  await view.getByTestId('trash-document').click();
  await expect(page.locator('.ant-popconfirm-title:visible')).toContainText('Chuyển hồ sơ này vào Thùng rác');
  await confirm(page);
  await expect(page.getByText('Đã chuyển hồ sơ vào Thùng rác.')).toBeVisible();
  await expect(page.getByText('1 hồ sơ', { exact: true })).toBeVisible();
  await page.getByTestId('open-trash').click();
  const trash = page.getByTestId('trash-table');
  await expect(trash).toContainText(`#${don.id}`);
  await expect(trash).toContainText('Quản Trị Viên');
  await shot(page, testInfo, 'trash');
  await page.getByTestId(`trash-restore-${don.id}`).click();
  await expect(page.getByText('Đã khôi phục 1 hồ sơ.')).toBeVisible();
  await expect(trash).toContainText('Thùng rác trống.');
  await page.keyboard.press('Escape');
  await expect(page.getByText('2 hồ sơ', { exact: true })).toBeVisible();

  // deleted again, and the admin empties the trash for good
  await api(page, 'documents.trash', { ids: [annex.id] });
  await page.getByTestId('open-trash').click();
  await expect(trash).toContainText(`#${annex.id}`);
  await page.getByTestId('trash-empty').click();
  await confirm(page);
  await expect(page.getByText('Đã xóa hẳn 1 hồ sơ.')).toBeVisible();
  expect(await api(page, 'trash.list', {})).toEqual([]);
  const actions = ((await api(page, 'audit.list', { limit: 100 })).items as { action: string }[]).map((r) => r.action);
  for (const a of ['documents.merge', 'pages.undo', 'documents.trash', 'documents.restore', 'trash.empty']) expect(actions).toContain(a);
});
