// "Tìm token" always answers: with no token on the module it says none was found and what
// to check (software, token plugged in, driver); a module that cannot be opened says why.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfScan } from '../fixtures/scans';
import { SOFTHSM_MODULE, softHsmAvailable } from '../fixtures/softhsm';
import { api, expect, setUp, test, upload } from './fixtures';
import { shot } from './day-helpers';

// an empty SoftHSM2 token store for the host this file starts (the module reads it at start)
const saved = process.env.SOFTHSM2_CONF;
test.beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-softhsm-'));
  fs.mkdirSync(path.join(dir, 'tokens'));
  fs.writeFileSync(path.join(dir, 'softhsm2.conf'), `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = path.join(dir, 'softhsm2.conf');
});
test.afterAll(() => {
  if (saved === undefined) delete process.env.SOFTHSM2_CONF;
  else process.env.SOFTHSM2_CONF = saved;
});

test('searching for a token that is not there says so and what to check', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.goto(host.url);
  const f = path.join(host.dataDir, 'ho-so.pdf');
  fs.writeFileSync(f, await pdfScan(1));
  const { jobId } = await api(page, 'documents.import', { sources: [await upload(page, path.basename(f), fs.readFileSync(f))] });
  await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 30_000 }).toBe('done');
  await api(page, 'documents.link', { id: (await api(page, 'jobs.get', { id: jobId })).outcomes[0].documentId, dossierCode: null, digitized: true });

  // a library the administrator allowed that is no PKCS#11 driver at all (signers pick from the list only)
  const broken = ['/usr/lib/x86_64-linux-gnu/libz.so.1', '/lib/x86_64-linux-gnu/libz.so.1', '/usr/lib/aarch64-linux-gnu/libz.so.1'].find((p) => fs.existsSync(p))!;
  await api(page, 'signing.addModule', { label: 'Thư viện không dùng được', path: broken });

  await page.getByRole('menuitem', { name: /Ký số/ }).click();
  await page.locator('.ant-table-thead .ant-checkbox-input').check();
  await page.getByTestId('sign-selected').click();
  const module = page.getByLabel('Thư viện PKCS#11 của token');
  const answer = page.getByTestId('token-search');

  const pick = async (label: string) => {
    await module.click();
    await page.locator('.ant-select-item-option', { hasText: label }).click();
  };
  // a library that cannot be opened as a token driver
  await pick('Thư viện không dùng được');
  await page.getByRole('button', { name: 'Tìm token' }).click();
  await expect(answer).toBeVisible();
  await expect(answer).toContainText(path.basename(broken));
  await expect(answer).toContainText('Token đã cắm vào máy chưa');

  // a working library with no token on it
  test.skip(!softHsmAvailable(), 'SoftHSM2 not installed: the empty-token case is not checked');
  await pick(SOFTHSM_MODULE!);
  await page.getByRole('button', { name: 'Tìm token' }).click();
  await expect(answer).toContainText(`Không tìm thấy token nào qua thư viện ${SOFTHSM_MODULE}.`);
  await expect(answer).toContainText('thư viện PKCS#11');
  await expect(answer).toContainText('Driver của token');
  await shot(page, testInfo, 'no-token');
});
