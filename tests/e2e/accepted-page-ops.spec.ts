// Issue 22 item 1: a value the reviewer accepted survives page operations whatever read it.
// A decision with a text layer (its fields read from the text, not by OCR) is accepted with
// Ctrl+Enter, a second scan merged into it, its page 2 moved up: number, date and place stay.
import { renderPdf, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { jpegScan } from '../fixtures/scans';
import { api, expect, setUp, test } from './fixtures';
import { fieldsOf, importWithOcr, shot } from './day-helpers';

test('accepted values whatever their source survive a merge and a page moved up', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.goto(host.url);
  await importWithOcr(page, host, { 'qd-45.pdf': await renderPdf(SAMPLE_DOCS[3]), 'phu-luc.jpg': await jpegScan({ title: 'PHỤ LỤC KÈM THEO' }) }, 2);
  const qd = (await api(page, 'documents.list', {})).items.find((d: any) => d.sourceName === 'qd-45.pdf');
  const annex = (await api(page, 'documents.list', {})).items.find((d: any) => d.sourceName === 'phu-luc.jpg');
  const read = await fieldsOf(page, qd.id);
  expect(read.number).toBe('45/QĐ-UBND');
  expect(read.date).toBe('2024-03-12');
  expect(read.place).toBeTruthy();
  // read from the text layer: the source the old acceptance left unprotected
  expect((await api(page, 'documents.get', { id: qd.id })).fields.find((f: any) => f.name === 'number').source).toBe('text');

  // the reviewer accepts it as read, from the keyboard
  await page.goto(`${host.url}#/review/${qd.id}`);
  await expect(page.getByTestId('field-number')).toHaveValue('45/QĐ-UBND');
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await api(page, 'documents.get', { id: qd.id })).status).toBe('digitized');
  const accepted = await fieldsOf(page, qd.id);

  // merge the annex into it, from the archive
  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await page.getByTestId(`doc-row-${qd.id}`).locator('input[type="checkbox"]').check();
  await page.getByTestId(`doc-row-${annex.id}`).locator('input[type="checkbox"]').check();
  await page.getByRole('button', { name: 'Gộp 2 hồ sơ đã chọn' }).click();
  await page.locator('.ant-popconfirm-buttons:visible button').last().click(); // the confirmation
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0, { timeout: 60_000 }); // done and faded (an async confirm stays open while it works), so the next question is not taken for it
  await expect(page.getByText(/Đã gộp thành hồ sơ #\d+\./)).toBeVisible();
  expect(await fieldsOf(page, qd.id)).toEqual(accepted);

  // move page 2 (the annex) up
  await page.goto(`${host.url}#/documents/${qd.id}`);
  const view = page.getByTestId('document-view');
  await view.getByTestId('thumb-2').click();
  await view.getByRole('button', { name: 'Chuyển lên' }).click();
  await expect(view.getByTestId('page-indicator')).toHaveText('Trang 1/2');
  await expect(view.getByTestId('doc-field-number')).toHaveText('45/QĐ-UBND');
  await expect(view.getByTestId('doc-field-place')).toHaveText(read.place!);
  await expect(view.getByText('Đã số hóa', { exact: true })).toBeVisible();
  await shot(page, testInfo, 'accepted-after-move');
  expect(await fieldsOf(page, qd.id)).toEqual(accepted);
  const detail = await api(page, 'documents.get', { id: qd.id });
  expect(detail.status).toBe('digitized');
  // every value the reviewer accepted is now theirs, whatever read it
  for (const f of detail.fields.filter((x: any) => x.value !== null)) expect(['accepted', 'user'], f.name).toContain(f.source);
});
