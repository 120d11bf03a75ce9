// The admin's "Đồng bộ lên tỉnh" screen in Chromium against the browser host, with a real hub
// (PostgreSQL, HTTPS): enrolment with a one-time code and the fingerprint, the pinned fingerprint
// shown, "Gửi ngay" and what the hub then holds.
import { api, expect, setUp, test } from './fixtures';
import { cleanUpTestHubs, startTestHub } from '../fixtures/hub-server';
// @ts-expect-error the build helper is a plain script without types
import { ensureRenderer } from '../../scripts/ensure-renderer.mjs';

let hub: Awaited<ReturnType<typeof startTestHub>>;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  (ensureRenderer as () => void)();
  hub = await startTestHub();
});

test.afterAll(async () => {
  await cleanUpTestHubs();
});

test('an admin enrols the desk with the province hub and sends its register now', async ({ page, host }) => {
  const { byCode } = await setUp(page, host);
  await page.reload();
  await api(page, 'register.save', { dossierCode: 'E2E-SYNC-1', unitId: byCode('16174'), holderName: 'Lê Văn Tâm', issuedOn: '2024-03-04' });
  await page.getByRole('menuitem', { name: /Đồng bộ lên tỉnh/ }).click();
  await expect(page.getByTestId('hub-enrol-form')).toBeVisible();

  // a wrong fingerprint is refused before the code is spent
  const code = await hub.admin.createEnrolmentCode('402');
  await page.getByTestId('hub-url').fill(hub.url);
  await page.getByTestId('hub-code').fill(code);
  await page.getByTestId('hub-fingerprint').fill('ab'.repeat(32));
  await page.getByTestId('hub-enrol').click();
  await expect(page.getByTestId('hub-enrol-error')).toContainText(`có dấu vân tay ${hub.fingerprint}`);

  await page.getByTestId('hub-fingerprint').fill(hub.fingerprint.match(/../g)!.join(':').toUpperCase());
  await page.getByTestId('hub-enrol').click();
  await expect(page.getByTestId('hub-pinned')).toHaveText(hub.fingerprint.match(/.{4}/g)!.join(' '));
  await expect(page.getByTestId('hub-address')).toHaveText(hub.url);

  await page.getByTestId('hub-push').click();
  await expect(page.getByTestId('hub-pushed')).toContainText('máy chủ xác nhận tới #', { timeout: 30_000 });
  await expect(page.getByTestId('hub-waiting')).toContainText('0 thay đổi');
  await expect(page.getByTestId('hub-last-sync')).not.toHaveText('Chưa gửi lần nào');
  const held = await hub.ctx.pool.query("SELECT holder_name FROM register WHERE dossier_code = 'E2E-SYNC-1'");
  expect(held.rows[0].holder_name).toBe('Lê Văn Tâm');
});
