// A reviewer's values are never lost: page operations after acceptance keep every accepted
// field, and reading the document again only fills fields nobody accepted.
import { api, expect, setUp, test } from './fixtures';
import { fieldsOf, importWithOcr, shot, twoPagePdf } from './day-helpers';

test('moving pages and reading again after review keep the accepted tags', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  await setUp(page, host);
  await page.goto(host.url);
  const [doc] = await importWithOcr(page, host, { 'qd-45-hai-trang.pdf': await twoPagePdf() }, 2);
  const read = await fieldsOf(page, doc.id);
  expect(read.number).toBe('45/QĐ-UBND');
  expect(read.type).toBe('Quyết định');
  // the reviewer types one field by hand and accepts the rest as read
  await api(page, 'documents.review', { id: doc.id, fields: { place: 'xã Thanh Sơn' }, dossierCode: null, accept: true });
  const accepted = await fieldsOf(page, doc.id);

  await page.goto(`${host.url}#/documents/${doc.id}`);
  const view = page.getByTestId('document-view');
  await view.getByTestId('thumb-2').click();
  await view.getByRole('button', { name: 'Chuyển lên' }).click();
  await expect(view.getByTestId('page-indicator')).toHaveText('Trang 1/2');
  await expect(view.getByTestId('doc-field-number')).toHaveText('45/QĐ-UBND');
  await expect(view.getByTestId('doc-field-type')).toHaveText('Quyết định');
  await expect(view.getByTestId('doc-field-agency')).toHaveText(read.agency ?? '');
  await expect(view.getByTestId('doc-field-place')).toHaveText('xã Thanh Sơn');
  await expect(view.getByText('Đã số hóa', { exact: true })).toBeVisible();
  await shot(page, testInfo, 'after-move');
  expect(await fieldsOf(page, doc.id)).toEqual(accepted);

  // read the whole document again: the accepted values stay as they were
  await api(page, 'ocr.start', { documentIds: [doc.id], again: true });
  await expect.poll(async () => (await api(page, 'documents.get', { id: doc.id })).pages.every((p: any) => p.ocrState === 'done'), { timeout: 120_000 }).toBe(true);
  await expect.poll(async () => (await api(page, 'documents.get', { id: doc.id })).hasSearchable, { timeout: 60_000 }).toBe(true);
  expect(await fieldsOf(page, doc.id)).toEqual(accepted);
  const detail = await api(page, 'documents.get', { id: doc.id });
  expect(detail.status).toBe('digitized');
  expect(detail.fields.find((f: any) => f.name === 'number').source).toBe('accepted');
});
