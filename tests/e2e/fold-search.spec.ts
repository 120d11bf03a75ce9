// Every search box folds Vietnamese the way full-text search does: "nhu xuan" finds
// "Như Xuân" in the setup picker, the unit and type pickers, and the register search.
import { api, expect, setUp, test } from './fixtures';
import { shot } from './day-helpers';

test('search boxes find Vietnamese names typed without diacritics', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.launchUrl);
  await page.getByTestId('setup-unit').click();
  await page.keyboard.type('huyen nhu xuan');
  await expect(page.locator('.ant-select-item-option', { hasText: 'Huyện Như Xuân — Tỉnh Thanh Hóa (402)' })).toBeVisible();
  await shot(page, testInfo, 'setup');
  await page.keyboard.press('Escape');

  const { byCode } = await setUp(page, host);
  await page.goto(host.url);
  await api(page, 'register.save', { dossierCode: 'H56.38-240312-0042', unitId: byCode('402'), holderName: 'Trần Thị Mai', holderId: '038190004512', issuedOn: '2024-03-12', resultName: 'Giấy chứng nhận đăng ký hộ kinh doanh' });
  await page.getByRole('menuitem', { name: /Sổ theo dõi/ }).click();
  const search = page.getByPlaceholder('Mã hồ sơ, số CCCD, số kết quả hoặc tên…');
  await search.fill('tran thi mai');
  await search.press('Enter');
  await expect(page.getByText('Trần Thị Mai')).toBeVisible();
  await search.fill('ho kinh doanh');
  await search.press('Enter');
  await expect(page.getByText('Trần Thị Mai')).toBeVisible();
  await shot(page, testInfo, 'register');

  await page.getByRole('menuitem', { name: /Kho hồ sơ/ }).click();
  await page.getByTestId('filter-type').click();
  await page.keyboard.type('quyet dinh');
  await expect(page.locator('.ant-select-item-option', { hasText: 'Quyết định' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-unit').click();
  await page.keyboard.type('thanh son');
  await expect(page.locator('.ant-select-item-option', { hasText: 'Xã Thanh Sơn' }).first()).toBeVisible();
  await shot(page, testInfo, 'archive-pickers');
});
