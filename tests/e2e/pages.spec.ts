// Page operations in a real browser: drag a thumbnail into place, move a page with the
// buttons, delete one, and split the document in two.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { pagePng } from '../fixtures/scans';
import { api, expect, setUp, test } from './fixtures';

test('reorder by drag and drop and buttons, delete a page, split into two documents', async ({ page, host }) => {
  await setUp(page, host);
  await page.goto(host.url);
  const pages = await Promise.all(['TRANG MỘT', 'TRANG HAI', 'TRANG BA'].map((title) => pagePng({ title })));
  const file = path.join(fs.mkdtempSync(path.join(host.dataDir, 'in-')), 'ba-trang.tif');
  fs.writeFileSync(file, await sharp(pages, { join: { animated: true } }).tiff({ compression: 'lzw' }).toBuffer());
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('ocr-after-import').uncheck();
  await page.getByTestId('file-input').setInputFiles([file]);
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('import-summary')).toContainText('nhập 1', { timeout: 30_000 });
  const [doc] = (await api(page, 'documents.list', {})).items;
  const original = (await api(page, 'documents.get', { id: doc.id })).pages.map((p: any) => p.id);
  const order = async () => (await api(page, 'documents.get', { id: doc.id })).pages.map((p: any) => original.indexOf(p.id) + 1);

  await page.goto(`${host.url}#/documents/${doc.id}`);
  const view = page.getByTestId('document-view');
  await expect(view.getByTestId('thumb-3')).toBeVisible();
  await view.getByTestId('thumb-3').dragTo(view.getByTestId('thumb-1'));
  await expect.poll(order).toEqual([3, 1, 2]);

  await view.getByTestId('thumb-1').click();
  await view.getByRole('button', { name: 'Chuyển xuống' }).click();
  await expect.poll(order).toEqual([1, 3, 2]);

  await view.getByTestId('thumb-3').click();
  await view.getByRole('button', { name: 'Xóa trang' }).click();
  await page.getByRole('button', { name: /OK|Đồng ý/ }).click();
  await expect.poll(order).toEqual([1, 3]);

  await view.getByTestId('thumb-2').click();
  await view.getByRole('button', { name: 'Tách thành hồ sơ mới từ trang này' }).click();
  await page.locator('.ant-popconfirm-buttons:visible button').last().click(); // the confirmation
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0, { timeout: 60_000 }); // done and faded (an async confirm stays open while it works), so the next question is not taken for it
  await expect(page.getByText('Đã tách thành 2 hồ sơ.')).toBeVisible();
  expect((await api(page, 'documents.list', {})).total).toBe(2);
  expect(await order()).toEqual([1]);
});
