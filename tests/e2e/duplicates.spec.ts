// Two scans of the same decision (same number, date and issuing body, different files):
// the document view and the review desk warn, and open the existing one in one click.
import { renderScan, SAMPLE_DOCS } from '../fixtures/admin-docs';
import { api, expect, setUp, test } from './fixtures';
import { importWithOcr, shot } from './day-helpers';

test('a second copy of a decision is flagged with a way to the first', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.goto(host.url);
  const a = await renderScan(SAMPLE_DOCS[3], { dpi: 200, jpegQuality: 85 });
  const b = await renderScan(SAMPLE_DOCS[3], { dpi: 200, jpegQuality: 80, skew: 0.5 });
  const docs = await importWithOcr(page, host, { 'qd-45.jpg': a.image, 'qd-45-ban-2.jpg': b.image }, 2);
  const [first, second] = [...docs].sort((x, y) => x.id - y.id);
  expect((await api(page, 'documents.get', { id: second.id })).duplicates.map((d: any) => d.id)).toEqual([first.id]);

  await page.goto(`${host.url}#/documents/${second.id}`);
  const warning = page.getByTestId('duplicate-warning');
  await expect(warning).toContainText('Có thể trùng: 1 hồ sơ khác của đơn vị có cùng số, ngày ban hành và cơ quan ban hành.');
  await shot(page, testInfo, 'document-view');
  await warning.getByRole('button', { name: new RegExp(`Mở hồ sơ đã có #${first.id}`) }).click();
  await expect(page).toHaveURL(new RegExp(`#/documents/${first.id}$`));
  await expect(page.getByTestId('duplicate-warning')).toContainText('1 hồ sơ khác');

  await page.goto(`${host.url}#/review/${second.id}`);
  await expect(page.getByTestId('duplicate-warning')).toBeVisible();
  await shot(page, testInfo, 'review');
});
