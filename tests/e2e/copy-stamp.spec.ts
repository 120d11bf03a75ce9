// The agency's "SAO Y" copy signature: previewed on page 1 before signing, placed in free
// white space at the top right (never over the motto), and the signed copy shown after.
import fs from 'node:fs';
import path from 'node:path';
import { renderPdf, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { makePki } from '../fixtures/pki';
import { inkMapOfFirstPage } from '../../electron/signing/sign/copy-placement';
import { api, expect, launchHeaders, setUp, test, upload } from './fixtures';
import { shot } from './day-helpers';

test('copy signature previewed, placed in white space, signed copy shown', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  const pki = makePki({ cn: 'Trần Văn Ký' });
  fs.writeFileSync(path.join(host.dataDir, 'root.pem'), pki.rootPem);
  fs.writeFileSync(path.join(host.dataDir, 'ky.p12'), pki.p12);
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: /Chứng thư tin cậy/ }).click();
  await page.getByTestId('trust-input').setInputFiles(path.join(host.dataDir, 'root.pem'));
  await expect(page.getByText('Số hóa Desk Test Root CA')).toBeVisible();

  const original = await renderPdf(SAMPLE_DOCS[0]); // Công văn 1147 with the motto at the top right
  const f = path.join(host.dataDir, 'cv-1147.pdf');
  fs.writeFileSync(f, original);
  const { jobId } = await api(page, 'documents.import', { sources: [await upload(page, path.basename(f), fs.readFileSync(f))] });
  await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 30_000 }).toBe('done');
  const id = (await api(page, 'jobs.get', { id: jobId })).outcomes[0].documentId;
  await api(page, 'documents.link', { id, dossierCode: null, digitized: true });

  await page.getByRole('menuitem', { name: /Ký số/ }).click();
  await page.locator('.ant-table-thead .ant-checkbox-input').check();
  await page.getByTestId('sign-selected').click();
  await page.getByRole('tab', { name: /Tệp chứng thư/ }).click();
  // before signing: page 1 with the stamp where it will go
  const preview = page.getByTestId('copy-preview');
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => preview.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(400);
  await preview.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'preview');
  await page.getByTestId('p12-input').setInputFiles(path.join(host.dataDir, 'ky.p12'));
  await page.getByTestId('p12-password').fill(pki.password);
  await page.getByRole('button', { name: 'Ký', exact: true }).click();
  await expect(page.getByTestId('sign-job')).toContainText('đã ký 1, lỗi 0', { timeout: 60_000 });
  await expect(page.getByTestId('sign-job')).toContainText('Kết quả ký số: đã ký 1/1 hồ sơ');

  // the widget sits on no ink of the page as it was before signing
  const signed = Buffer.from(await (await page.request.get(`${host.url}archive/signed/${id}`, { headers: await launchHeaders(page) })).body());
  const rect = /\/Rect \[ ?([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ?\]/.exec(signed.subarray(original.length - 10).toString('latin1'))!;
  const [x0, y0, x1, y1] = rect.slice(1).map(Number);
  const { map, page: size } = await inkMapOfFirstPage(original);
  const k = map.width / size.width;
  let ink = 0;
  for (let y = Math.floor((size.height - y1) * k); y < Math.ceil((size.height - y0) * k); y++)
    for (let x = Math.floor(x0 * k); x < Math.ceil(x1 * k); x++) ink += map.ink[y * map.width + x];
  expect(ink).toBe(0);
  expect(x0).toBeGreaterThan(size.width / 2);
  expect(y1).toBeGreaterThan(size.height * 0.6);

  // after signing: the document opens on its signed copy
  await page.goto(`${host.url}#/documents/${id}`);
  const view = page.getByTestId('document-view');
  await expect(view.getByTestId('view-switch').getByText('Bản đã ký')).toBeVisible();
  await expect(view.getByTestId('pdf-canvas')).toBeVisible();
  await page.waitForTimeout(1500);
  await shot(page, testInfo, 'signed-copy');
});
