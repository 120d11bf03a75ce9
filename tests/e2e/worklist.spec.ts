// From a lagging commune on the dashboard to what to scan next: its valid results not yet
// digitized, as a list on screen and as a CSV worklist.
import fs from 'node:fs';
import { api, expect, signIn, test } from './fixtures';
import { shot } from './day-helpers';

test.use({ hostArgs: ['--demo'] });

test('a lagging commune opens its worklist, exportable as CSV', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.launchUrl);
  await signIn(page, 'lanhdao.nhuxuan', 'sohoa-demo');
  const date = page.locator('#coverage-date');
  await date.click();
  await date.fill('31/12/2021');
  await date.press('Enter');
  const lag = page.getByTestId('lagging');
  await expect(lag).toContainText('Xã Cát Vân');
  await lag.getByTestId('lagging-16195').click();
  const modal = page.locator('.ant-modal');
  await expect(modal).toContainText('Kết quả còn hiệu lực chưa số hóa của Xã Cát Vân đến ngày 31/12/2021');
  const rows = modal.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await shot(page, testInfo, 'worklist');

  const unitId = (await api<any[]>(page, 'units.list')).find((u) => u.code === '16195' && u.validTo === '2025-06-30').id;
  const list = await api(page, 'coverage.worklist', { unitId, at: '2021-12-31' });
  const report = await api(page, 'coverage.report', { at: '2021-12-31', unitId });
  const own = report.units.find((u: any) => u.id === unitId);
  expect(list.items.length).toBe(own.valid - own.digitized);
  expect(list.items.every((i: any) => i.unitName === 'Xã Cát Vân')).toBe(true);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('worklist-export').click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(csv[0]).toContain('Mã hồ sơ');
  expect(csv).toHaveLength(list.items.length + 1);
  expect(csv[1]).toContain(list.items[0].dossierCode);

  // another district's commune is not the unit head's to list
  const other = (await api<any[]>(page, 'units.list')).find((u: any) => u.level === 'commune' && u.code === '14755');
  if (other) await expect(api(page, 'coverage.worklist', { unitId: other.id, at: '2021-12-31' })).rejects.toThrow(/FORBIDDEN/);
});
