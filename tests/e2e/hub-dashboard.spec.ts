// The province hub's screens: the desk's renderer served by a real hub (PostgreSQL, HTTPS) on
// the demo province. A district head's dashboard follows a desk's sync without a page reload;
// a records officer finds a result by dossier code with a purpose (audited) and downloads its
// signed copy; the hub admin sees the desk and makes an enrolment code with the hub's fingerprint.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { expect, test, type Page } from '@playwright/test';
import { seedDemoProvince, HUB_DEMO_PASSWORD } from '../../hub/demo';
// @ts-expect-error the build helper is a plain script without types
import { ensureRenderer } from '../../scripts/ensure-renderer.mjs';
import { registerItem, TestDesk } from '../fixtures/hub-desk';
import { cleanUpTestHubs, startTestHub } from '../fixtures/hub-server';
import { signIn } from './fixtures';

test.use({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 } });

let hub: Awaited<ReturnType<typeof startTestHub>>;
let desk: TestDesk;
let pdf: Buffer;
const SIGNED_DOSSIER = 'HS-TS-E2E-0001';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  (ensureRenderer as () => void)();
  hub = await startTestHub();
  await seedDemoProvince(hub.ctx.pool);
  // a desk of Xã Thanh Sơn (Như Xuân) that has already sent one signed result
  desk = new TestDesk(hub.url);
  await desk.enrol(await hub.admin.createEnrolmentCode('16222'), { code: '16222' }, 'Máy Thanh Sơn');
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Giay khai sinh - ban sao (thu)', { x: 60, y: 760, size: 14 });
  pdf = Buffer.from(await doc.save());
  const sha = createHash('sha256').update(pdf).digest('hex');
  const items = [
    registerItem(1, SIGNED_DOSSIER, '16222', { holderId: '038090005555', holderName: 'Lê Thị Hoa', digitizedOn: '2021-05-01', resultNumber: '77/KS-E2E' }),
    { seq: 2, kind: 'document', data: { localId: 1, unit: { code: '16222', validFrom: null }, dossierCode: SIGNED_DOSSIER, title: 'Giấy khai sinh', status: 'signed', pageCount: 1, digitizedAt: null, fields: {}, signed: { sha256: sha, size: pdf.length } } },
  ];
  expect((await desk.send('POST', '/api/desk/batch', { items })).body.value.missingBlobs).toEqual([sha]);
  expect((await desk.send('PUT', `/api/desk/blobs/${sha}?offset=0`, pdf)).body.value.complete).toBe(true);
});

test.afterAll(async () => {
  await cleanUpTestHubs();
});

async function showDay(page: Page, day: string) {
  const date = page.locator('#coverage-date');
  await date.click();
  await date.fill(day);
  await date.press('Enter');
}

const cells = (page: Page, unitName: string) => page.getByTestId('ranking').locator('tr', { hasText: unitName }).locator('td');

test('a district head sees the district dashboard, and a desk sync shows on the open page without a reload', async ({ page }) => {
  await page.goto(hub.url);
  await expect(page.getByText(hub.ctx.hubName)).toBeVisible();
  await signIn(page, 'lanhdao.nhuxuan', HUB_DEMO_PASSWORD);
  await expect(page.getByRole('menuitem', { name: 'Tiến độ số hóa toàn tỉnh' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Tra cứu kết quả đã số hóa' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Máy trạm' })).toHaveCount(0);
  await showDay(page, '31/12/2021');
  // the district's own figures and its communes, the ones at 0% listed first
  await expect(page.getByTestId('drill-path')).toContainText('Huyện Như Xuân');
  await expect(page.getByTestId('level-commune')).toBeVisible();
  await expect(page.getByTestId('ranking')).toContainText('Xã Thanh Sơn');
  await expect(page.getByTestId('lagging')).toContainText('Các đơn vị chưa thực hiện số hóa kết quả (tỷ lệ 0%)');
  await expect(page.getByTestId('lagging').locator('strong').first()).toContainText('0%');
  // what the hub does not do is not offered: no package import, no worklist from a lagging unit
  await page.getByTestId('export-menu').hover();
  await expect(page.getByTestId('export-xlsx')).toHaveAttribute('href', /^api\/export\/coverage\.xlsx\?at=2021-12-31/);
  await expect(page.getByText('Nhập gói số liệu')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('hub-district-dashboard.png') });

  const before = { valid: Number(await cells(page, 'Xã Thanh Sơn').nth(1).innerText()), digitized: Number(await cells(page, 'Xã Thanh Sơn').nth(2).innerText()) };
  await page.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));

  // the desk sends five more results, all digitized, in two batches
  const more = [10, 11, 12, 13, 14].map((seq) => registerItem(seq, `HS-TS-LIVE-${seq}`, '16222', { digitizedOn: '2021-06-01' }));
  const sent = Date.now();
  expect((await desk.send('POST', '/api/desk/batch', { items: more.slice(0, 2) })).body.value.acked).toBe(11);
  expect((await desk.send('POST', '/api/desk/batch', { items: more.slice(2) })).body.value.acked).toBe(14);
  await expect(cells(page, 'Xã Thanh Sơn').nth(2)).toHaveText(String(before.digitized + 5), { timeout: 5000 });
  await expect(cells(page, 'Xã Thanh Sơn').nth(1)).toHaveText(String(before.valid + 5));
  test.info().annotations.push({ type: 'live update', description: `${Date.now() - sent} ms from the first batch to the figure on the page` });
  expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  await page.screenshot({ path: test.info().outputPath('hub-district-dashboard-after-sync.png') });
});

test('a records officer looks up a result by dossier code with a purpose, downloads the signed copy, and the lookup is audited', async ({ page }) => {
  await page.goto(hub.url);
  await signIn(page, 'vanthu.thanhson', HUB_DEMO_PASSWORD);
  await expect(page.getByRole('menuitem', { name: 'Tra cứu kết quả đã số hóa' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Tiến độ số hóa toàn tỉnh' })).toHaveCount(0);
  const value = page.getByLabel('Giá trị cần tra');
  const purpose = page.getByLabel('Mã hồ sơ đang giải quyết (bắt buộc)');

  // a wildcard never reaches the hub; a code that matches nothing says so
  await value.fill('HS-TS-%');
  await purpose.fill('000.16222.000777');
  await page.getByTestId('lookup-submit').click();
  await expect(page.getByTestId('lookup-message')).toContainText('Chỉ tra cứu theo đúng một mã');
  await value.fill('HS-KHONG-CO-0001');
  await page.getByTestId('lookup-submit').click();
  await expect(page.getByTestId('lookup-message')).toContainText('Không tìm thấy kết quả nào khớp đúng "HS-KHONG-CO-0001"');

  await value.fill(SIGNED_DOSSIER);
  await page.getByLabel('Ghi chú mục đích').fill('Đăng ký kết hôn, cần giấy khai sinh');
  await page.getByTestId('lookup-submit').click();
  const results = page.getByTestId('lookup-results');
  await expect(results).toContainText('Xã Thanh Sơn (16222)');
  await expect(results).toContainText('Đăng ký khai sinh');
  await expect(results).toContainText('77/KS-E2E');
  await expect(results).toContainText('01/03/2021');
  await page.screenshot({ path: test.info().outputPath('hub-lookup.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), results.getByRole('link', { name: 'Tải bản sao có chữ ký' }).click()]);
  const saved = test.info().outputPath('copy.pdf');
  await download.saveAs(saved);
  expect(fs.readFileSync(saved).equals(pdf)).toBe(true);

  const audit = (await hub.ctx.pool.query("SELECT action, object_id, details FROM audit_log WHERE action LIKE 'reuse.%' ORDER BY id")).rows;
  expect(audit.map((a) => [a.action, a.object_id])).toEqual([
    ['reuse.lookup', 'HS-KHONG-CO-0001'],
    ['reuse.lookup', SIGNED_DOSSIER],
    ['reuse.download', createHash('sha256').update(pdf).digest('hex')],
  ]);
  expect(JSON.parse(audit[1].details)).toMatchObject({ officer: 'hub/vanthu.thanhson', purpose: { dossierCode: '000.16222.000777', note: 'Đăng ký kết hôn, cần giấy khai sinh' }, results: 1 });
});

test('the hub admin sees the desk, makes an enrolment code with the hub fingerprint, and checks the audit chain', async ({ page }) => {
  await page.goto(hub.url);
  await signIn(page, 'quantri', HUB_DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: 'Máy trạm' }).click();
  const desks = page.getByTestId('desks');
  await expect(desks.locator('tr', { hasText: 'Máy Thanh Sơn' })).toContainText('Xã Thanh Sơn (16222)');
  await page.getByLabel('Đơn vị của máy trạm').fill('cat tan');
  await page.locator('.ant-select-item-option', { hasText: 'Xã Cát Tân — Huyện Như Xuân (16198)' }).click();
  await page.getByTestId('create-code').click();
  await expect(page.getByTestId('enrolment-code')).toHaveText(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
  await expect(page.getByTestId('hub-fingerprint')).toHaveText(hub.fingerprint.match(/.{4}/g)!.join(' '));
  await page.screenshot({ path: test.info().outputPath('hub-desks.png') });
  // the code opens enrolment for that unit, once
  const code = (await page.getByTestId('enrolment-code').innerText()).trim();
  expect((await new TestDesk(hub.url).enrol(code, { code: '16198' })).body.ok).toBe(true);

  await page.getByRole('menuitem', { name: 'Kiểm tra nhật ký' }).click();
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-result')).toContainText('Chuỗi nhật ký nguyên vẹn');
});
