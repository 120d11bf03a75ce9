// The province in one run: a real hub (PostgreSQL, HTTPS) and three browser hosts on fresh
// archives — Xã Thanh Sơn (16222), Huyện Như Xuân (402) and Xã Xuân Hòa (16180). Each desk
// enrols through its "Đồng bộ lên tỉnh" screen with a code the hub admin made and the hub's
// fingerprint; Thanh Sơn imports a scan, enters the result with the holder's CCCD, links and
// signs it (.p12) and sends it ("Gửi ngay"); the district head's hub dashboard, open since
// before, shows the commune's new figure without a reload; a records officer at Xuân Hòa finds
// the result by CCCD from her own desk (no hub account) and downloads the signed copy.
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
// @ts-expect-error the build helper is a plain script without types
import { ensureRenderer } from '../../scripts/ensure-renderer.mjs';
import { cleanUpTestHubs, startTestHub } from '../fixtures/hub-server';
import { makePki } from '../fixtures/pki';
import { pdfScan } from '../fixtures/scans';
import { api, launchHeaders, launchHost, signIn, upload, type Host } from './fixtures';

const VIEW = { viewport: { width: 1440, height: 900 }, ignoreHTTPSErrors: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };
const CCCD = '038190012345';
const DOSSIER = 'TS-2024-0007';

let hub: Awaited<ReturnType<typeof startTestHub>>;
const stops: (() => Promise<void>)[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  (ensureRenderer as () => void)();
  hub = await startTestHub();
  await hub.admin.createAccount('lanhdao.nhuxuan', 'district_head', '402', 'lanhdao-pass-1');
});

test.afterAll(async () => {
  for (const stop of stops) await stop().catch(() => {});
  await cleanUpTestHubs();
});

/** A browser host on a fresh archive whose administrator (and so the desk) belongs to `unitCode`; its page, signed in. */
async function desk(browser: Browser, started: ReturnType<typeof launchHost>, unitCode: string): Promise<{ page: Page; host: Host; byCode: (c: string) => number }> {
  const { host } = await started;
  const page = await browser.newPage(VIEW);
  // a fresh archive's first calls (catalogue, setup) are slow while other hosts start on 2 cores
  page.context().setDefaultTimeout(60_000);
  await page.goto(host.launchUrl);
  const units = await api<{ id: number; code: string }[]>(page, 'setup.demoUnits');
  const byCode = (c: string) => units.find((u) => u.code === c)!.id;
  await api(page, 'setup.init', { unit: { unitId: byCode(unitCode) }, admin: { username: 'quantri', fullName: 'Quản Trị Viên', password: 'matkhau-quantri' } });
  await page.reload();
  return { page, host, byCode };
}

/** Enrols through "Đồng bộ lên tỉnh": the hub's address, the admin's one-time code, the fingerprint read out. */
async function enrol(page: Page, unitCode: string) {
  await page.getByRole('menuitem', { name: /Đồng bộ lên tỉnh/ }).click();
  await page.getByTestId('hub-url').fill(hub.url);
  await page.getByTestId('hub-code').fill(await hub.admin.createEnrolmentCode(unitCode));
  await page.getByTestId('hub-fingerprint').fill(hub.fingerprint.match(/../g)!.join(':').toUpperCase());
  await page.getByTestId('hub-enrol').click();
  await expect(page.getByTestId('hub-pinned')).toHaveText(hub.fingerprint.match(/.{4}/g)!.join(' '), { timeout: 30_000 });
}

const cells = (page: Page, unitName: string) => page.getByTestId('ranking').locator('tr', { hasText: unitName }).locator('td');

test('two desks enrol and push; the district head sees it live; another commune finds the result by CCCD and downloads the signed copy', async ({ browser }) => {
  test.setTimeout(420_000);
  const started = Date.now();
  const marks: string[] = [];
  const mark = (what: string) => marks.push(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // the three hosts start together; their first-run setups, each slow on 2 cores, one after another
  const hosts = [launchHost(), launchHost(), launchHost()];
  // each is stopped after the test even when another's setup fails first
  hosts.forEach((h) => h.then((x) => stops.push(x.stop), () => {}));
  const commune = await desk(browser, hosts[0], '16222');
  const district = await desk(browser, hosts[1], '402');
  const other = await desk(browser, hosts[2], '16180');
  mark('three desks set up');
  await enrol(commune.page, '16222');
  await commune.page.screenshot({ path: test.info().outputPath('commune-enrolled.png') });
  await enrol(district.page, '402');
  await expect(district.page.getByTestId('hub-address')).toHaveText(hub.url);
  await enrol(other.page, '16180');
  mark('three desks enrolled');

  // the district head's dashboard, open before anything is sent
  const head = await browser.newPage(VIEW);
  await head.goto(hub.url);
  await signIn(head, 'lanhdao.nhuxuan', 'lanhdao-pass-1');
  const date = head.locator('#coverage-date');
  await date.click();
  await date.fill('31/12/2024');
  await date.press('Enter');
  await expect(head.getByTestId('ranking')).toContainText('Xã Thanh Sơn');
  const valid = cells(head, 'Xã Thanh Sơn').nth(1);
  const before = Number(await valid.innerText());
  await head.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));

  // Thanh Sơn: a scan, the result with the holder's CCCD, the scan linked to it (digitized) and signed
  const c = commune.page;
  const { jobId } = await api(c, 'documents.import', { sources: [await upload(c, 'giay-khai-sinh.pdf', await pdfScan(1))], unitId: commune.byCode('16222') });
  await expect.poll(async () => (await api(c, 'jobs.get', { id: jobId })).state, { timeout: 120_000 }).toBe('done');
  const docId = (await api(c, 'jobs.get', { id: jobId })).outcomes[0].documentId as number;
  await api(c, 'register.save', { dossierCode: DOSSIER, unitId: commune.byCode('16222'), holderName: 'Lê Thị Hoa', holderId: CCCD, resultName: 'Giấy khai sinh', resultNumber: '77/KS', issuedOn: '2024-03-04' });
  await api(c, 'documents.link', { id: docId, dossierCode: DOSSIER, digitized: true });
  const pki = makePki({ cn: 'Quản Trị Viên' });
  await api(c, 'trust.add', { source: await upload(c, 'root.pem', Buffer.from(pki.rootPem)) });
  const sign = await api(c, 'signing.sign', { documentIds: [docId], key: { p12: { source: await upload(c, 'ky.p12', pki.p12), password: pki.password } }, appearance: 'copy', agency: 'UBND xã Thanh Sơn' });
  await expect.poll(async () => (await api(c, 'jobs.get', { id: sign.jobId })).state, { timeout: 120_000 }).toBe('done');
  expect(JSON.stringify((await api(c, 'jobs.get', { id: sign.jobId })).outcomes)).not.toContain('"error"');
  const signedCopy = Buffer.from(await (await c.request.get(`${commune.host.url}archive/signed/${docId}`, { headers: await launchHeaders(c) })).body());
  expect(signedCopy.subarray(0, 5).toString()).toBe('%PDF-');
  mark('scan imported, entered, linked and signed');

  // "Gửi ngay"; the background push may already be on its way, and the button joins it
  const sent = Date.now();
  await c.getByTestId('hub-push').click();
  await expect(c.getByTestId('hub-pushed')).toContainText('máy chủ xác nhận tới #', { timeout: 60_000 });
  await expect(valid).toHaveText(String(before + 1), { timeout: 30_000 });
  test.info().annotations.push({ type: 'live update', description: `${Date.now() - sent} ms from "Gửi ngay" to the figure on the open dashboard` });
  expect(await head.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  await head.screenshot({ path: test.info().outputPath('district-dashboard-after-push.png') });
  // the signed copy reaches the hub with the document (a later round if signing finished after the push began)
  await expect.poll(async () => (await hub.ctx.pool.query("SELECT count(*)::int n FROM blobs WHERE complete AND sha256 IN (SELECT signed_sha256 FROM documents WHERE dossier_code = $1 AND status = 'signed')", [DOSSIER])).rows[0].n, { timeout: 60_000 }).toBe(1);
  await expect(c.getByTestId('hub-waiting')).toContainText('0 thay đổi', { timeout: 30_000 });
  await c.screenshot({ path: test.info().outputPath('commune-pushed.png') });
  mark('pushed, shown on the dashboard');

  // Xuân Hòa: a records officer, signed in on her own desk, looks up by CCCD
  const o = other.page;
  await api(o, 'users.save', { username: 'vanthu.xuanhoa', fullName: 'Trần Thị Thư', role: 'records_staff', unitId: other.byCode('16180'), password: 'vanthu-pass-1' });
  await api(o, 'auth.signOut');
  await o.reload();
  await signIn(o, 'vanthu.xuanhoa', 'vanthu-pass-1');
  await o.getByRole('menuitem', { name: 'Tra cứu kết quả đã số hóa (toàn tỉnh)' }).click();
  await o.getByLabel('Tra theo').click();
  await o.locator('.ant-select-item-option', { hasText: 'Số CCCD / CMND' }).click();
  await o.getByLabel('Giá trị cần tra').fill(CCCD);
  await o.getByLabel('Mã hồ sơ đang giải quyết (bắt buộc)').fill('000.16180.2024.0042');
  await o.getByLabel('Ghi chú mục đích').fill('Đăng ký kết hôn, cần giấy khai sinh');
  await o.getByTestId('lookup-submit').click();
  const results = o.getByTestId('lookup-results');
  await expect(results).toContainText('Xã Thanh Sơn (16222)');
  await expect(results).toContainText(DOSSIER);
  await expect(results).toContainText('77/KS');
  await expect(results).toContainText('Lê Thị Hoa');
  await o.screenshot({ path: test.info().outputPath('other-commune-lookup.png') });
  const [download] = await Promise.all([o.waitForEvent('download'), results.getByRole('link', { name: 'Tải bản sao có chữ ký' }).click()]);
  expect(download.suggestedFilename()).toBe(`ban-sao-${DOSSIER}.pdf`);
  const saved = test.info().outputPath('ban-sao.pdf');
  await download.saveAs(saved);
  expect(fs.readFileSync(saved).equals(signedCopy)).toBe(true);
  mark('found by CCCD at another commune, signed copy downloaded');

  // the hub names the desk's officer; her desk keeps its own row of who, what and why
  const looked = await hub.ctx.pool.query("SELECT officer, purpose_dossier FROM lookups WHERE by = 'holderId'");
  expect(looked.rows).toEqual([{ officer: expect.stringMatching(/\/vanthu\.xuanhoa$/), purpose_dossier: '000.16180.2024.0042' }]);
  test.info().annotations.push({ type: 'timing', description: marks.join('; ') });
});
