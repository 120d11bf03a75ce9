// A signing officer signs a batch with a .p12 key through the UI; the document then shows
// a valid, trusted PAdES signature, and the scan itself is left as it was imported.
import fs from 'node:fs';
import path from 'node:path';
import { makePki } from '../fixtures/pki';
import { pdfScan } from '../fixtures/scans';
import { api, expect, launchHeaders, setUp, signIn, test, upload } from './fixtures';

test('trust store, batch signing with one password entry, and verification', async ({ page, host }) => {
  const { byCode } = await setUp(page, host);
  const pki = makePki({ cn: 'Trần Văn Ký' });
  const dir = host.dataDir;
  fs.writeFileSync(path.join(dir, 'root.pem'), pki.rootPem);
  fs.writeFileSync(path.join(dir, 'ky.p12'), pki.p12);

  // admin: put the root in the trust store through the UI
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: /Chứng thư tin cậy/ }).click();
  await page.getByTestId('trust-input').setInputFiles(path.join(dir, 'root.pem'));
  await expect(page.getByText('Số hóa Desk Test Root CA')).toBeVisible();
  // the national anchors are listed as built-in, each with its switch
  const builtIns = page.getByTestId('trust-builtins');
  await expect(builtIns).toContainText('RootCA chuyên dùng Chính phủ G2');
  await expect(builtIns).toContainText('Vietnam National Root CA');
  await expect(builtIns.locator('.ant-switch-checked')).toHaveCount(5);

  // two digitized documents of the district, and a signing officer there
  const ids: number[] = [];
  for (const n of [1, 2]) {
    const f = path.join(dir, `ho-so-${n}.pdf`);
    fs.writeFileSync(f, await pdfScan(n));
    const { jobId } = await api(page, 'documents.import', { sources: [await upload(page, `ho-so-${n}.pdf`, fs.readFileSync(f))] });
    await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 90_000 }).toBe('done');
    const id = (await api(page, 'jobs.get', { id: jobId })).outcomes[0].documentId;
    await api(page, 'documents.link', { id, dossierCode: null, digitized: true });
    ids.push(id);
  }
  const original = fs.readFileSync(path.join(dir, 'ho-so-1.pdf'));
  await api(page, 'users.save', { username: 'kyso', fullName: 'Trần Văn Ký', role: 'signing_officer', unitId: byCode('402'), password: 'mat-khau-1' });
  await api(page, 'auth.signOut');

  await page.goto(host.url);
  await signIn(page, 'kyso', 'mat-khau-1');
  await expect(page.getByText('Hồ sơ chờ ký số')).toBeVisible();
  await page.locator('.ant-table-thead .ant-checkbox-input').check();
  await page.getByTestId('sign-selected').click();
  await page.getByRole('tab', { name: /Tệp chứng thư/ }).click();
  await page.getByTestId('p12-input').setInputFiles(path.join(dir, 'ky.p12'));
  await page.getByTestId('p12-password').fill(pki.password);
  await page.getByRole('button', { name: 'Ký', exact: true }).click();
  await expect(page.getByTestId('sign-job')).toContainText('đã ký 2, lỗi 0', { timeout: 30_000 });
  await expect(page.getByText('Không có hồ sơ chờ ký.')).toBeVisible();

  // the archive shows them signed; the check says valid and trusted
  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await page.getByText('ho-so-2').click();
  await page.getByTestId('verify-signatures').click();
  const report = page.getByTestId('verify-report');
  await expect(report).toContainText('Hợp lệ');
  await expect(report).toContainText('Trần Văn Ký');
  await expect(report).toContainText('B-B');
  await expect(report.getByTestId('signature-verdict')).toContainText('Chữ ký hợp lệ, tin cậy');
  const pdf = page.waitForEvent('download');
  await report.getByTestId('export-report-pdf').click();
  expect((await pdf).suggestedFilename()).toMatch(/^kiem-tra-chu-ky-\d+\.pdf$/);
  // the scan as imported is untouched; the signed copy is a separate file
  const orig = await page.request.get(`${host.url}archive/file/${ids[0]}`, { headers: await launchHeaders(page) });
  expect(Buffer.from(await orig.body()).equals(original)).toBe(true);
  const signed = await page.request.get(`${host.url}archive/signed/${ids[0]}`, { headers: await launchHeaders(page) });
  expect((await signed.body()).subarray(0, original.length).equals(original)).toBe(true);
  expect((await signed.body()).length).toBeGreaterThan(original.length);
});
