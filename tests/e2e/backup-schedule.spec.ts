// Restore and the daily backup in the app, in Chromium through the browser host (1440×900):
// the admin's home says the archive was never backed up; the admin turns on the daily backup
// into a folder (the first one runs at once), the home then shows its age; restore from that
// backup is refused until the admin types the archive key's fingerprint, then restores into a
// new folder; a backup older than 2 days is a warning on the home.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, setUp, test } from './fixtures';
import { shot } from './day-helpers';

const PASS = 'mật khẩu sao lưu của xã';

test('an admin schedules the daily backup, sees its age, and restores with the fingerprint', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await setUp(page, host);
  await page.reload();
  await expect(page.getByTestId('backup-age')).toContainText('Kho chưa được sao lưu lần nào');

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-e2e-daily-'));
  const out = path.join(root, 'hang-ngay');
  await page.getByRole('menuitem', { name: /Sao lưu và kiểm tra/ }).click();
  await page.getByTestId('schedule-dir').fill(out);
  await page.getByTestId('schedule-keep').fill('3');
  await page.getByTestId('schedule-passphrase').fill(PASS);
  await page.getByTestId('schedule-save').click();
  await expect(page.getByTestId('schedule-on')).toContainText(`Đang bật: ${out}, giữ 3 bản.`);
  const finished = () => (fs.existsSync(out) ? fs.readdirSync(out).filter((n) => fs.existsSync(path.join(out, n, 'manifest.json'))) : []);
  await expect.poll(finished, { timeout: 60_000 }).toHaveLength(1);
  const backup = path.join(out, finished()[0]);
  expect(path.basename(backup)).toMatch(/^sohoa-\d{8}-\d{6}$/);
  await shot(page, testInfo, 'schedule');

  // the home shows the age
  await page.getByRole('menuitem', { name: /Tiến độ/ }).first().click();
  await expect(page.getByTestId('backup-age')).toContainText('Sao lưu gần nhất: 0 giờ trước');

  // restore: refused without the fingerprint, which is shown to compare, then done with it
  await page.getByRole('menuitem', { name: /Sao lưu và kiểm tra/ }).click();
  const target = path.join(root, 'kho-khoi-phuc');
  await page.getByTestId('restore-dir').fill(backup);
  await page.getByTestId('restore-target').fill(target);
  await page.getByTestId('restore-passphrase').fill(PASS);
  await page.getByTestId('restore-start').click();
  await expect(page.getByTestId('restore-error')).toContainText('bản sao lưu được ký bằng khóa kho có dấu vân tay');
  const key = (await page.getByTestId('restore-shown-key').textContent())!.trim();
  expect(key).toMatch(/^[0-9a-f]{32}$/);
  expect(fs.existsSync(target)).toBe(false);
  await shot(page, testInfo, 'restore-fingerprint');
  await page.getByTestId('restore-fingerprint').fill(key);
  await page.getByTestId('restore-start').click();
  await expect(page.getByTestId('restore-done')).toContainText(`vào ${target}`, { timeout: 60_000 });
  expect(fs.existsSync(path.join(target, 'archive.sqlite'))).toBe(true);
  await shot(page, testInfo, 'restored');

  // three days without a backup: a warning on the home
  const db = new Database(path.join(host.dataDir, 'archive.sqlite'));
  db.prepare("UPDATE maintenance_reports SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days')").run();
  db.close();
  await page.getByRole('menuitem', { name: /Tiến độ/ }).first().click();
  await expect(page.getByTestId('backup-age')).toContainText('Đã 3 ngày chưa sao lưu');
  await shot(page, testInfo, 'home-old-backup');
  fs.rmSync(root, { recursive: true, force: true });
});
