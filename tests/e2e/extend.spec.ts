// Long-term archive from the signing page: with the province's timestamp server set, an officer
// extends the unit's signed copies to PAdES B-LTA in one job (progress, then each document's
// outcome); a second run finds nothing due. Without a timestamp server the card says what to do.
// The sign dialog signs B-LTA directly when its third long-term choice is ticked.
import { makePki } from '../fixtures/pki';
import { pdfScan } from '../fixtures/scans';
import fs from 'node:fs';
import path from 'node:path';
import { startCrlServer } from '../fixtures/crl-server';
import { startTsa } from '../fixtures/tsa';
import { shot, SIZES } from './day-helpers';
import { api, expect, setUp, test, upload } from './fixtures';

test('signed copies are extended to B-LTA from the signing page, and a second run has nothing due', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize(SIZES[0]);
  await setUp(page, host);
  await page.goto(host.url);
  const crl = await startCrlServer();
  const pki = makePki({ cn: 'Quản Trị Viên', crlUrl: crl.url });
  crl.publish(pki.rootPem, pki.rootKeyPem, fs.mkdtempSync(path.join(host.dataDir, 'crl-')));
  const tsa = await startTsa(fs.mkdtempSync(path.join(host.dataDir, 'tsa-')), pki);
  try {
    await api(page, 'trust.add', { source: await upload(page, 'root.pem', Buffer.from(pki.rootPem)) });
    const ids: number[] = [];
    for (const n of [1, 2]) {
      const { jobId } = await api(page, 'documents.import', { sources: [await upload(page, `qd-${n}.pdf`, await pdfScan(1, `QĐ ${n}`))] });
      await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 60_000 }).toBe('done');
      const id = (await api(page, 'jobs.get', { id: jobId })).outcomes[0].documentId;
      await api(page, 'documents.link', { id, dossierCode: null, digitized: true });
      ids.push(id);
    }

    // no timestamp server yet: the card says where an administrator sets it
    await page.getByRole('menuitem', { name: 'Ký số' }).click();
    const card = page.getByTestId('extend-card');
    await expect(card.getByTestId('extend-no-tsa')).toContainText('Chưa cấu hình máy chủ dấu thời gian');
    await expect(card.getByTestId('extend-start')).toBeDisabled();

    // signed with a signature timestamp (B-T), as the province's settings have it
    await api(page, 'signing.setConfig', { tsaUrl: tsa.url, allowHosts: [new URL(tsa.url).host, new URL(crl.url).host] });
    const sign = await api(page, 'signing.sign', { documentIds: ids, key: { p12: { source: await upload(page, 'k.p12', pki.p12), password: pki.password } }, appearance: 'none', timestamp: true });
    await expect.poll(async () => (await api(page, 'jobs.get', { id: sign.jobId })).state, { timeout: 90_000 }).toBe('done');
    await page.reload();
    await expect(card.getByTestId('extend-start')).toHaveText('Gia hạn 2 hồ sơ đã ký');
    await card.getByTestId('extend-start').click();
    const job = card.getByTestId('extend-job');
    await expect(job.getByTestId('import-summary')).toHaveText('Hoàn tất: đã gia hạn 2, chưa cần 0, lỗi 0.', { timeout: 60_000 });
    await expect(job.locator('.ant-tag', { hasText: 'Đã gia hạn' })).toHaveCount(2);
    await card.scrollIntoViewIfNeeded();
    await shot(page, testInfo, 'extended-1440');
    for (const id of ids) expect((await api(page, 'signing.verify', { documentId: id })).signatures.at(0).level).toBe('B-LTA');

    await card.getByTestId('extend-start').click();
    await expect(job.getByTestId('import-summary')).toHaveText('Hoàn tất: đã gia hạn 0, chưa cần 2, lỗi 0.', { timeout: 60_000 });
    await expect(job.locator('.ant-tag', { hasText: 'Chưa cần gia hạn' })).toHaveCount(2);
    await page.setViewportSize(SIZES[1]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, testInfo, 'not-due-1280');

    // B-LTA at signing: the third choice of the sign dialog, open once the two before it are ticked
    const { jobId } = await api(page, 'documents.import', { sources: [await upload(page, 'qd-3.pdf', await pdfScan(1, 'QĐ 3'))] });
    await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 60_000 }).toBe('done');
    const third = (await api(page, 'jobs.get', { id: jobId })).outcomes[0].documentId;
    await api(page, 'documents.link', { id: third, dossierCode: null, digitized: true });
    const keyFile = path.join(fs.mkdtempSync(path.join(host.dataDir, 'key-')), 'ky.p12');
    fs.writeFileSync(keyFile, pki.p12);
    await page.reload();
    await page.getByRole('checkbox', { name: 'Chọn hồ sơ qd-3' }).check();
    await page.getByTestId('sign-selected').click();
    await page.getByRole('tab', { name: /Tệp chứng thư/ }).click();
    await page.getByTestId('p12-input').setInputFiles(keyFile);
    await page.getByTestId('p12-password').fill(pki.password);
    const lta = page.getByTestId('sign-lta');
    await expect(lta).toBeDisabled();
    await page.getByRole('checkbox', { name: /Gắn dấu thời gian/ }).check();
    await page.getByRole('checkbox', { name: /Lưu dữ liệu xác thực dài hạn/ }).check();
    await lta.check();
    await shot(page, testInfo, 'sign-lta-1280');
    await page.getByRole('button', { name: 'Ký', exact: true }).click();
    await expect(page.getByTestId('sign-result').getByTestId('sign-job')).toContainText('Hoàn tất: đã ký 1, lỗi 0.', { timeout: 60_000 });
    expect((await api(page, 'signing.verify', { documentId: third })).signatures.at(0).level).toBe('B-LTA');

    const audit = await api(page, 'audit.list', { offset: 0, limit: 50 });
    expect(audit.items.filter((a: { action: string }) => a.action === 'signing.extend')).toHaveLength(2);
  } finally {
    await tsa.close();
    await crl.close();
  }
});
