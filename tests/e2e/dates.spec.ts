// Dates the way people write them: dd/mm/yyyy pickers that refuse dates that do not exist,
// ISO in the archive (so the issue-date filter finds the document), no ISO on any screen,
// and an empty filter result worded as such.
import { renderScan, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { api, expect, setUp, test } from './fixtures';
import { fieldsOf, importWithOcr, shot } from './day-helpers';

const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

test('issue dates typed dd/mm/yyyy, stored ISO, filtered, never shown ISO', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { byCode } = await setUp(page, host);
  await page.goto(host.url);
  await api(page, 'register.save', { dossierCode: 'H56.38-240312-0042', unitId: byCode('402'), holderName: 'Trần Thị Mai', holderId: '038190004512', issuedOn: '2024-03-12' });
  const [doc] = await importWithOcr(page, host, { 'qd-45.jpg': (await renderScan(SAMPLE_DOCS[3], { dpi: 200, jpegQuality: 85 })).image }, 1);

  // review: the date read by OCR shows as dd/mm/yyyy; a date that does not exist is refused
  await page.getByRole('menuitem', { name: /Soát xét/ }).click();
  const date = page.locator('#field-date');
  await expect(date).toHaveValue('12/03/2024');
  await expect(page.getByTestId('proposal').first()).toContainText('12/03/2024');
  await expect(page.getByTestId('proposal').first()).not.toContainText(ISO);
  await date.click();
  await date.fill('31/02/2021');
  await date.press('Escape');
  await date.blur();
  await expect(date).toHaveValue('12/03/2024');
  await date.click();
  await date.fill('12/03/2021');
  await date.press('Enter');
  await expect(page.locator('#field-place')).toBeFocused();
  await expect(date).toHaveValue('12/03/2021');
  await shot(page, testInfo, 'review-date');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Đã chấp nhận: hồ sơ sẵn sàng để ký số.')).toBeVisible();
  expect((await fieldsOf(page, doc.id)).date).toBe('2021-03-12');

  // the core holds the rule too: typed forms become ISO, impossible dates are refused
  await api(page, 'documents.review', { id: doc.id, fields: { date: '12/3/2021' }, dossierCode: null, accept: false });
  expect((await fieldsOf(page, doc.id)).date).toBe('2021-03-12');
  await expect(api(page, 'documents.review', { id: doc.id, fields: { date: '31/02/2021' }, dossierCode: null, accept: false })).rejects.toThrow(/BAD_REQUEST.*dd\/mm\/yyyy/);

  // the archive: the issue-date filter finds it; an empty result says nothing matched
  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await expect(page.getByText('1 hồ sơ')).toBeVisible();
  await expect(page.getByTestId(`doc-row-${doc.id}`)).toContainText('12/03/2021');
  const issued = page.locator('.ant-picker-range', { has: page.getByPlaceholder('Ban hành từ ngày') });
  await issued.locator('input').first().click();
  await issued.locator('input').first().fill('01/03/2021');
  await issued.locator('input').nth(1).click();
  await issued.locator('input').nth(1).fill('31/03/2021');
  await issued.locator('input').nth(1).press('Enter');
  await expect(page.getByText('1 hồ sơ')).toBeVisible();
  await issued.locator('input').first().click();
  await issued.locator('input').first().fill('01/01/2020');
  await issued.locator('input').nth(1).click();
  await issued.locator('input').nth(1).fill('31/12/2020');
  await issued.locator('input').nth(1).press('Enter');
  await expect(page.getByText('0 hồ sơ')).toBeVisible();
  await expect(page.getByText('Không có hồ sơ khớp bộ lọc.')).toBeVisible();
  await expect(page.getByText('Chưa có hồ sơ nào. Hãy nhập tệp quét.')).toHaveCount(0);
  await shot(page, testInfo, 'empty-filter');

  // the document view and the units screen show no ISO date
  await page.goto(`${host.url}#/documents/${doc.id}`);
  await expect(page.getByTestId('doc-field-date')).toHaveText('12/03/2021');
  await expect(page.getByTestId('document-view')).not.toContainText(ISO);
  await page.goto(`${host.url}#/units`);
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await expect(page.locator('main, .ant-layout-content').first()).not.toContainText(ISO);
  await shot(page, testInfo, 'units');
});
