// The admin's "Sao lưu và kiểm tra" screen and the audit chain on the audit screen, in Chromium
// against the browser host: a backup with its report, a check that finds an orphan and
// quarantines it on repair, and an audit row edited behind the app's back shown as the break.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { api, expect, setUp, test } from './fixtures';

test('an admin backs up, checks and repairs the archive, and sees a tampered audit log', async ({ page, host }) => {
  await setUp(page, host); // signs the page in as the admin
  await page.reload();
  await page.getByRole('menuitem', { name: /Sao lưu và kiểm tra/ }).click();

  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-e2e-backup-')), 'sao-luu');
  await page.getByTestId('backup-dir').fill(dir);
  // the backup passphrase, twice: the button waits for two equal ones of 12 characters or more
  const passphrase = 'mật khẩu sao lưu e2e';
  await page.getByTestId('backup-passphrase').fill(passphrase);
  await page.getByTestId('backup-passphrase-again').fill('mật khẩu khác');
  await expect(page.getByTestId('backup-start')).toBeDisabled();
  await page.getByTestId('backup-passphrase-again').fill(passphrase);
  await page.getByTestId('backup-start').click();
  await expect(page.getByTestId('backup-result')).toContainText(`Đã sao lưu xong vào ${dir}`, { timeout: 30_000 });
  await expect(page.getByTestId('backup-passphrase')).toHaveValue(''); // not kept in the page
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  expect(manifest).toMatchObject({ format: 'sohoa-backup', formatVersion: 3 });
  expect(manifest.files.map((f: { path: string }) => f.path)).toContain('keys.sealed');
  expect(fs.existsSync(path.join(dir, 'keys'))).toBe(false);

  // an old file no document uses
  const orphan = path.join(host.dataDir, 'files/ab/cd', `abcd${'9'.repeat(60)}`);
  fs.mkdirSync(path.dirname(orphan), { recursive: true });
  fs.writeFileSync(orphan, 'x');
  const old = new Date(Date.now() - 2 * 3600_000);
  fs.utimesSync(orphan, old, old);
  await page.getByTestId('check-start').click();
  await expect(page.getByTestId('check-result')).toContainText('tệp không thuộc hồ sơ nào', { timeout: 30_000 });
  await expect(page.getByTestId('check-result')).toContainText('Kho nguyên vẹn.'); // an orphan is a note, not an error
  expect(fs.existsSync(orphan)).toBe(true);
  await page.getByTestId('check-repair').check();
  await page.getByTestId('check-start').click();
  await expect(page.getByTestId('check-result')).toContainText('chuyển 1 tệp thừa vào quarantine/', { timeout: 30_000 });
  expect(fs.existsSync(orphan)).toBe(false);

  await page.getByRole('menuitem', { name: /Nhật ký thao tác/ }).click();
  await expect(page.getByTestId('audit-chain')).toContainText('Nhật ký nguyên vẹn');
  // someone edits a row with an SQLite tool (dropping the trigger that forbids it)
  const db = new Database(path.join(host.dataDir, 'archive.sqlite'));
  db.exec('DROP TRIGGER audit_log_no_update');
  const id = db.prepare("SELECT id FROM audit_log WHERE action = 'maintenance.backup'").pluck().get() as number;
  db.prepare("UPDATE audit_log SET details = '{}' WHERE id = ?").run(id);
  db.close();
  await page.getByRole('button', { name: 'Kiểm tra lại' }).click();
  await expect(page.getByTestId('audit-chain')).toContainText(`chuỗi băm đứt tại dòng #${id}`);
  await expect(page.getByTestId('audit-chain')).toContainText('nội dung dòng đã bị sửa');
  expect((await api(page, 'audit.verify')).firstBroken.id).toBe(id);
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});
