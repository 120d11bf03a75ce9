// The built-in Thanh Hóa catalogue before and after 1/7/2025: abolished units are marked in
// the pickers, the post-reform communes are there, and a head of an abolished district opens
// the dashboard on today and is told the unit ended.
import { expect, signIn, test } from './fixtures';
import { shot } from './day-helpers';

test('first run offers post-reform communes and marks the abolished district', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.launchUrl);
  await page.getByTestId('setup-unit').click();
  await page.keyboard.type('Như Xuân');
  await expect(page.locator('.ant-select-item-option', { hasText: 'Huyện Như Xuân — Tỉnh Thanh Hóa (402) · hết hiệu lực từ 01/07/2025' })).toBeVisible();
  const fresh = page.locator('.ant-select-item-option', { hasText: 'Xã Như Xuân — Tỉnh Thanh Hóa (16174)' });
  await expect(fresh).toBeVisible();
  await expect(fresh).not.toContainText('hết hiệu lực');
  await shot(page, testInfo, 'setup-picker');
});

test.describe('demo archive', () => {
  test.use({ hostArgs: ['--demo'] });

  test('the head of an abolished district sees today, is told the unit ended, and can look at its last day', async ({ page, host }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(host.launchUrl);
    await signIn(page, 'lanhdao.nhuxuan', 'sohoa-demo');
    const today = new Date().toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
    await expect(page.locator('#coverage-date')).toHaveValue(today);
    await expect(page.getByTestId('unit-ended')).toContainText('Huyện Như Xuân hết hiệu lực từ 01/07/2025');
    await shot(page, testInfo, 'ended-today');
    await page.getByRole('button', { name: 'Xem số liệu ngày 30/06/2025' }).click();
    await expect(page.locator('#coverage-date')).toHaveValue('30/06/2025');
    await expect(page.getByTestId('ranking')).toContainText('Xã Cát Vân');
    await page.getByTestId('user-menu').hover();
    await page.getByText('Đăng xuất').click();

    // the province today: the 166 communes under it, no "no units below"
    await signIn(page, 'lanhdao.tinh', 'sohoa-demo');
    await expect(page.locator('#coverage-date')).toHaveValue(today);
    await expect(page.getByTestId('unit-ended')).toHaveCount(0);
    await expect(page.getByTestId('ranking')).toContainText('Phường Hạc Thành');
    await expect(page.getByTestId('ranking')).not.toContainText('Không có đơn vị trực thuộc');
    await shot(page, testInfo, 'province-today');
    await page.getByTestId('user-menu').hover();
    await page.getByText('Đăng xuất').click();

    // an account's unit picker marks the abolished district
    await signIn(page, 'quantri', 'sohoa-demo');
    await page.getByRole('menuitem', { name: /Tài khoản/ }).click();
    await page.getByRole('button', { name: /Thêm tài khoản/ }).click();
    await page.getByTestId('user-unit').click();
    await page.keyboard.type('Huyện Như Xuân');
    await expect(page.locator('.ant-select-item-option', { hasText: 'Huyện Như Xuân — Tỉnh Thanh Hóa (402) · hết hiệu lực từ 01/07/2025' })).toBeVisible();
    await shot(page, testInfo, 'user-unit-picker');
  });
});
