// The records officer's path in a real browser: first-run setup, sign-in, import (one bad
// file among good ones), find by accent-free search, open and page through.
import fs from 'node:fs';
import path from 'node:path';
import { encryptedPdf, jpegScan, pdfScan } from '../fixtures/scans';
import { api, expect, setUp, signIn, test } from './fixtures';

test('first run, sign in, import with a rejected file, find and open', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  // first-run setup through the UI
  await expect(page.getByText('Thiết lập lần đầu')).toBeVisible();
  await page.getByTestId('setup-unit').click();
  await page.keyboard.type('Huyện Như Xuân');
  await page.locator('.ant-select-item-option', { hasText: 'Huyện Như Xuân — Tỉnh Thanh Hóa (402)' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel('Họ và tên').fill('Lê Thị Văn Thư');
  await page.getByLabel('Tên đăng nhập').fill('vanthu');
  await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-1');
  await page.getByLabel('Nhập lại mật khẩu').fill('mat-khau-1');
  await page.getByRole('button', { name: 'Hoàn tất và đăng nhập' }).click();
  await expect(page.getByTestId('user-menu')).toContainText('Lê Thị Văn Thư');

  // sign out, then a wrong password, then the right one
  await page.getByTestId('user-menu').hover();
  await page.getByText('Đăng xuất').click();
  await signIn(page, 'vanthu', 'sai-mat-khau');
  await expect(page.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng');
  await page.getByLabel('Mật khẩu').fill('mat-khau-1');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // import two good files and a broken one
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'in-'));
  const files = {
    'Quyết định cấp phép 12.jpg': await jpegScan(),
    'ho-so-2-trang.pdf': await pdfScan(2),
    'hong.jpg': Buffer.from('không phải ảnh'),
    'co-mat-khau.pdf': await encryptedPdf(),
  };
  for (const [n, b] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), b);
  await page.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  await page.getByTestId('file-input').setInputFiles(Object.keys(files).map((n) => path.join(dir, n)));
  await expect(page.getByText('Tệp chờ nhập (4)')).toBeVisible();
  await page.getByTestId('start-import').click();
  await expect(page.getByTestId('import-summary')).toContainText('nhập 2, trùng 0, lỗi 2', { timeout: 30_000 });
  await expect(page.getByTestId('import-job')).toContainText('hong.jpg: tệp bị hỏng hoặc không đọc được');
  await expect(page.getByTestId('import-job')).toContainText('co-mat-khau.pdf: PDF được mã hóa bằng mật khẩu');

  // find it again without diacritics, open it
  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await page.getByTestId('doc-search').locator('input').fill('quyet dinh cap phep');
  await page.getByTestId('doc-search').locator('input').press('Enter');
  await expect(page.getByText('1 hồ sơ')).toBeVisible();
  // the matched words are highlighted in the document's own spelling
  await expect(page.getByTestId('snippet').locator('mark').first()).toHaveText('Quyết');
  await page.getByText('Quyết định cấp phép 12', { exact: true }).click();
  const view = page.getByTestId('document-view');
  await expect(view.getByTestId('page-image')).toBeVisible();
  await expect.poll(() => view.getByTestId('page-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500);
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();

  // the PDF opens in pdf.js and pages with the arrow keys
  await page.getByTestId('doc-search').locator('input').fill('');
  await page.getByTestId('doc-search').locator('input').press('Enter');
  await expect(page.getByText('2 hồ sơ')).toBeVisible();
  await page.getByText('ho-so-2-trang').click();
  await expect(view.getByTestId('pdf-canvas')).toBeVisible();
  await expect(view.getByTestId('page-indicator')).toHaveText('Trang 1/2');
  await page.keyboard.press('ArrowRight');
  await expect(view.getByTestId('page-indicator')).toHaveText('Trang 2/2');
  await expect.poll(() => view.getByTestId('pdf-canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(300);
});

test('the UI switches to English', async ({ page, host }) => {
  await setUp(page, host);
  await page.goto(host.url);
  await page.getByText('English').click();
  await page.getByRole('menuitem', { name: /Archive/ }).click();
  await expect(page.getByText('0 documents')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Archive/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Import scans/ })).toBeVisible();
  expect(await api(page, 'auth.me')).toMatchObject({ username: 'quantri' });
});
