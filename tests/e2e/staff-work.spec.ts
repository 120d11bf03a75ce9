// Issue 22 item 7, as a commune's records clerk: the worklist "Việc cần số hóa" (by procedure,
// oldest first, CSV, a row that imports its scan and links it), the register's filters and
// saved views, and a bulk edit of documents (type, procedure, links) undone in one step.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { jpegScan } from '../fixtures/scans';
import { api, expect, signIn, test, upload } from './fixtures';
import { shot, SIZES } from './day-helpers';

test.use({ hostArgs: ['--demo'] });

async function asClerk(page: Page, url: string, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await page.goto(url);
  await signIn(page, 'vanthu.thanhson', 'sohoa-demo');
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** Nothing wider than the window: the page never scrolls sideways. */
async function fitsWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

for (const size of SIZES) {
  test(`the clerk's worklist by procedure, oldest first, exported and started from a row at ${size.width}×${size.height}`, async ({ page, host }, testInfo) => {
    test.setTimeout(240_000);
    await asClerk(page, host.launchUrl, size);
    await page.getByRole('menuitem', { name: 'Việc cần số hóa' }).click();
    const list = await api(page, 'work.list', {});
    expect(list.total).toBeGreaterThan(0);
    await expect(page.getByTestId('work-total')).toHaveText(`${list.total} kết quả cần số hóa`);
    // groups in the core's order, the first open with its oldest result first
    const headers = page.getByTestId('work-groups').locator('.ant-collapse-header');
    await expect(headers).toHaveCount(list.groups.length);
    await expect(headers.first()).toContainText(`${list.groups[0].count} kết quả`);
    const first = list.items[0];
    expect(first.issuedOn).toBe(list.groups[0].oldest);
    const firstRow = page.getByTestId('work-groups').locator('.ant-table-row').first();
    await expect(firstRow).toContainText(first.dossierCode);
    await fitsWidth(page);
    await shot(page, testInfo, `work-${size.width}`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('work-export').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toContain('Mã hồ sơ');
    expect(csv).toHaveLength(list.items.length + 1);
    expect(csv[1]).toContain(first.dossierCode);

    // one procedure only
    await page.getByTestId('work-procedure').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1).click();
    const second = list.groups.filter((g: any) => g.procedureCode)[1];
    await expect(page.getByTestId('work-total')).toHaveText(`${second.count} kết quả cần số hóa`);
    await page.getByTestId('work-procedure').locator('.ant-select-clear').click();
    await expect(page.getByTestId('work-total')).toHaveText(`${list.total} kết quả cần số hóa`);

    if (size.width !== 1440) return;
    // the row starts the import of its scan, which is then linked to the dossier code for review
    await page.getByTestId(`work-start-${first.dossierCode}`).click();
    const modal = page.locator('.ant-modal-wrap:visible .ant-modal');
    await expect(modal).toContainText(`Số hóa kết quả ${first.dossierCode}`);
    await shot(page, testInfo, 'work-start');
    const file = path.join(host.dataDir, 'ket-qua.jpg');
    fs.writeFileSync(file, await jpegScan({ title: 'GIẤY CHỨNG NHẬN' }));
    await page.getByTestId('work-file').setInputFiles(file);
    await expect(page.locator('.ant-message-notice').filter({ hasText: `với ${first.dossierCode}` })).toBeVisible({ timeout: 120_000 });
    await expect(modal).toHaveCount(0);
    const after = await api(page, 'work.list', {});
    const row = after.items.find((i: any) => i.dossierCode === first.dossierCode);
    expect(row.documentId).toBeGreaterThan(0);
    expect((await api(page, 'documents.get', { id: row.documentId })).dossierCode).toBe(first.dossierCode);
    await expect(page.getByTestId('work-groups')).toContainText(`Soát xét hồ sơ #${row.documentId}`);
  });
}

test('register filters "chưa số hóa", "chưa gắn tệp", procedure and dates, kept as a saved view', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await asClerk(page, host.launchUrl, SIZES[1]);
  await page.getByRole('menuitem', { name: 'Sổ theo dõi kết quả' }).click();
  const pick = async (testId: string, option: string | RegExp) => {
    // the last list has faded out, so the options found are this one's
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
    await page.getByTestId(testId).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  };
  await pick('register-filter-linked', 'Chưa gắn tệp');
  await pick('register-filter-digitized', 'Chưa số hóa');
  const procedures = await api(page, 'register.procedures', {});
  const proc = procedures[0];
  await pick('register-filter-procedure', proc.name);
  const filters = { linked: 'no', digitized: 'no', procedureCode: proc.code };
  const expected = (await api(page, 'register.list', filters)).total;
  expect(expected).toBeGreaterThan(0);
  await expect(page.getByTestId('register-total')).toHaveText(`${expected} kết quả`);
  await page.getByPlaceholder('Cấp từ ngày').click();
  await page.getByPlaceholder('Cấp từ ngày').fill('01/01/2021');
  await page.getByPlaceholder('đến ngày').fill('30/06/2021');
  await page.getByPlaceholder('đến ngày').press('Enter');
  const ranged = (await api(page, 'register.list', { ...filters, issuedFrom: '2021-01-01', issuedTo: '2021-06-30' })).total;
  await expect(page.getByTestId('register-total')).toHaveText(`${ranged} kết quả`);
  await fitsWidth(page);
  await shot(page, testInfo, 'register-filters-1280');

  await page.getByTestId('view-save').click();
  await page.getByTestId('view-name').fill('Nửa đầu 2021 chưa gắn tệp');
  await page.getByTestId('view-name-ok').click();
  await expect(page.locator('.ant-message-notice').filter({ hasText: 'Đã lưu bộ lọc' })).toBeVisible();
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await expect(page.getByTestId('register-total')).not.toHaveText(`${ranged} kết quả`);
  // the view is the clerk's, stored in the archive: a reload still has it
  await page.reload();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.getByRole('menuitem', { name: 'Sổ theo dõi kết quả' }).click();
  await pick('views-register', 'Nửa đầu 2021 chưa gắn tệp');
  await expect(page.getByTestId('register-total')).toHaveText(`${ranged} kết quả`);
  await expect(page.getByTestId('register-filter-linked')).toContainText('Chưa gắn tệp');
  await shot(page, testInfo, 'register-view-applied');

  await page.getByTestId('view-manage').click();
  const manage = page.locator('.ant-modal-wrap:visible .ant-modal');
  await manage.getByRole('button', { name: 'Đổi tên' }).click();
  await page.getByTestId('view-name').fill('Khai sinh 2021');
  await page.getByTestId('view-name-ok').click();
  await expect(manage.getByTestId('views-table')).toContainText('Khai sinh 2021');
  await shot(page, testInfo, 'register-views-manage');
  await manage.getByRole('button', { name: 'Xóa' }).click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: 'Đồng ý' }).click();
  await expect(manage.getByTestId('views-table')).toContainText('Chưa có bộ lọc nào được lưu.');
  expect(await api(page, 'views.list', { screen: 'register' })).toEqual([]);
});

test('a bulk edit sets type, procedure and links on two documents, and is undone in one step', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await asClerk(page, host.launchUrl, SIZES[0]);
  // two new scans of the clerk's unit
  const sources = [await upload(page, 'to-1.jpg', await jpegScan({ title: 'TỜ KHAI MỘT' })), await upload(page, 'to-2.jpg', await jpegScan({ title: 'TỜ KHAI HAI' }))];
  const { jobId } = await api(page, 'documents.import', { sources, ocr: false });
  await expect.poll(async () => (await api(page, 'jobs.get', { id: jobId })).state, { timeout: 60_000 }).toBe('done');
  const ids = (await api(page, 'jobs.get', { id: jobId })).outcomes.map((o: any) => o.documentId) as number[];
  const work = await api(page, 'work.list', {});
  const targets = work.items.filter((i: any) => !i.documentId).slice(0, 2);
  const procedure = work.groups.find((g: any) => g.procedureCode).procedureCode;

  // the archive list read again, with the new scans
  await page.getByRole('menuitem', { name: 'Việc cần số hóa' }).click();
  await page.getByRole('menuitem', { name: 'Kho hồ sơ' }).click();
  for (const id of ids) await page.getByTestId(`doc-row-${id}`).locator('.ant-checkbox-input').check();
  await page.getByTestId('bulk-edit').click();
  const modal = page.locator('.ant-modal-wrap:visible .ant-modal');
  await expect(modal).toContainText('Sửa hàng loạt 2 hồ sơ');
  await page.getByTestId('bulk-type').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Quyết định$/ }).click();
  await expect(page.getByTestId('bulk-type')).toContainText('Quyết định');
  // the type's list fades out before the procedure's opens: two open lists are two active options
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  // the procedure by its code, typed into the search and taken with Enter
  await page.getByTestId('bulk-procedure').click();
  await page.getByTestId('bulk-procedure').locator('input').fill(procedure);
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option-active')).toContainText(procedure);
  await page.getByTestId('bulk-procedure').locator('input').press('Enter');
  await expect(page.getByTestId('bulk-procedure')).toContainText(procedure);
  await page.getByTestId('bulk-links').check();
  for (const [i, id] of ids.entries()) await page.getByTestId(`bulk-code-${id}`).fill(targets[i].dossierCode);
  await shot(page, testInfo, 'bulk-edit');
  await page.getByTestId('bulk-apply').click();
  await expect(page.locator('.ant-message-notice').filter({ hasText: 'Đã sửa 2/2 hồ sơ.' })).toBeVisible({ timeout: 30_000 });
  for (const [i, id] of ids.entries()) {
    const d = await api(page, 'documents.get', { id });
    expect(d.dossierCode).toBe(targets[i].dossierCode);
    expect(d.status).toBe('digitized');
    expect(Object.fromEntries(d.fields.map((f: any) => [f.name, f.value]))).toMatchObject({ type: 'Quyết định', procedureCode: procedure });
  }
  const done = (await api(page, 'work.list', {})).items.map((i: any) => i.dossierCode);
  expect(done).not.toContain(targets[0].dossierCode);
  await expect(page.getByTestId('bulk-undo-bar')).toContainText('Vừa sửa hàng loạt 2 hồ sơ');
  await shot(page, testInfo, 'bulk-done');

  // a document of another unit refuses the whole edit, named in Vietnamese
  let refused = '';
  for (let other = 1; other < 60 && !refused; other++) {
    if (ids.includes(other)) continue;
    const r = await api(page, 'documents.bulkEdit', { ids: [ids[0], other], type: 'Tờ trình' }).catch((e: Error) => e.message);
    if (typeof r === 'string' && r.includes('BULK_OTHER_UNIT')) refused = r;
  }
  expect(refused).toMatch(/Hồ sơ #\d+ không thuộc đơn vị của bạn/);
  expect(Object.fromEntries((await api(page, 'documents.get', { id: ids[0] })).fields.map((f: any) => [f.name, f.value])).type).toBe('Quyết định');

  await page.getByTestId('bulk-undo').click();
  await expect(page.locator('.ant-message-notice').filter({ hasText: 'Đã hoàn tác lần sửa hàng loạt (2 hồ sơ).' })).toBeVisible();
  for (const id of ids) {
    const d = await api(page, 'documents.get', { id });
    expect(d.dossierCode).toBeNull();
    expect(d.status).toBe('imported');
    expect(d.fields.find((f: any) => f.name === 'procedureCode')).toBeUndefined();
  }
  expect((await api(page, 'work.list', {})).items.map((i: any) => i.dossierCode)).toContain(targets[0].dossierCode);
});
