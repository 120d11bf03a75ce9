// Each role sees its own screens and only its unit's documents; a unit head also the units below.
import fs from 'node:fs';
import path from 'node:path';
import { jpegScan } from '../fixtures/scans';
import { api, expect, launchHeaders, setUp, signIn, test } from './fixtures';

test('a commune officer cannot see another commune’s document; the district head can', async ({ page, host, browser }) => {
  const { byCode } = await setUp(page, host);
  const make = (username: string, role: string, unitCode: string) =>
    api(page, 'users.save', { username, fullName: username, role, unitId: byCode(unitCode), password: 'mat-khau-1' });
  await make('thanhson', 'records_staff', '16222'); // Xã Thanh Sơn
  await make('thanhlam', 'records_staff', '16219'); // Xã Thanh Lâm
  await make('truongphong', 'unit_head', '402'); // Huyện Như Xuân

  // Thanh Sơn's officer imports a scan through the UI
  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  await a.goto(host.launchUrl);
  await signIn(a, 'thanhson', 'mat-khau-1');
  await a.getByRole('menuitem', { name: /Nhập tệp quét/ }).click();
  const file = path.join(host.dataDir, 'Giấy chứng nhận Thanh Sơn.jpg');
  fs.writeFileSync(file, await jpegScan({ title: 'GIẤY CHỨNG NHẬN' }));
  await a.getByTestId('file-input').setInputFiles(file);
  await a.getByTestId('start-import').click();
  await expect(a.getByTestId('import-summary')).toContainText('nhập 1', { timeout: 30_000 });
  const docId = (await api(a, 'documents.list', {})).items[0].id as number;
  // records staff have no admin screens
  await expect(a.getByRole('menuitem', { name: /Tài khoản/ })).toHaveCount(0);

  // Thanh Lâm's officer sees nothing, even by direct link
  const ctxB = await browser.newContext();
  const b = await ctxB.newPage();
  await b.goto(host.launchUrl);
  await signIn(b, 'thanhlam', 'mat-khau-1');
  await expect(b.getByText('Chưa có hồ sơ nào')).toBeVisible();
  await b.goto(`${host.url}#/documents/${docId}`);
  await expect(b.getByTestId('document-view')).toContainText('Không tìm thấy hồ sơ');
  expect((await b.request.get(`${host.url}archive/file/${docId}`, { headers: await launchHeaders(b) })).status()).toBe(404);

  // the district head sees the commune's document
  const ctxC = await browser.newContext();
  const c = await ctxC.newPage();
  await c.goto(host.launchUrl);
  await signIn(c, 'truongphong', 'mat-khau-1');
  await c.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await expect(c.getByText('Giấy chứng nhận Thanh Sơn')).toBeVisible();
  await expect(c.getByRole('menuitem', { name: /Nhập tệp quét/ })).toHaveCount(0);
  for (const ctx of [ctxA, ctxB, ctxC]) await ctx.close();
});

test('the browser host refuses requests without the launch token', async ({ page, host }) => {
  for (const p of ['', 'api/app.info', 'archive/file/1', 'events']) {
    const res = await page.request.fetch(`${host.url}${p}`, { method: p.startsWith('api') ? 'POST' : 'GET', data: p.startsWith('api') ? {} : undefined });
    expect(res.status(), p).toBe(401);
  }
  const wrong = await page.request.get(`${host.url}?token=${'0'.repeat(64)}`);
  expect(wrong.status()).toBe(401);
});
