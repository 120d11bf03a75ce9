// The daily backup and restore in the app, against a real core and real folders: a backup is
// made when none finished in the last day, only the N newest dated backups are kept, the age
// the admin's home shows warns past 2 days and after a failure; restore through the contract
// is refused without the fingerprint the admin typed (naming the backup's), refused into the
// live archive, and succeeds with it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStatus, schedulerFor, setSchedule } from '../../../electron/archive/backup-schedule';
import { trashDocuments } from '../../../electron/archive/trash';
import { must, setUpCore, tempDir } from '../../helpers';

const PASS = 'mật khẩu sao lưu đủ dài';
const DAY = 86_400_000;

describe('daily backup', () => {
  it('backs up once a day into dated folders, keeps the newest N, and reports the age', async () => {
    const { core } = await setUpCore('cli');
    const out = path.join(tempDir(), 'sao-luu-hang-ngay');
    setSchedule(core.db, core.dataDir, { dir: out, keep: 2 }, 1);
    const s = schedulerFor(core);
    const t0 = Date.now();
    await s.tick(new Date(t0)); // no passphrase held: nothing happens
    expect(fs.existsSync(out)).toBe(false);
    expect(backupStatus(core.db, t0, s)).toMatchObject({ warn: 'old', lastOkAt: null, needsPassphrase: true });

    s.setPassphrase(PASS);
    await s.tick(new Date(t0));
    await s.tick(new Date(t0 + 3600_000)); // the same day: not due
    const made = () => fs.readdirSync(out).sort();
    expect(made()).toHaveLength(1);
    expect(fs.existsSync(path.join(out, made()[0], 'manifest.json'))).toBe(true);
    expect(backupStatus(core.db, Date.now() + 3600_000, s)).toMatchObject({ warn: 'none', needsPassphrase: false });
    // the reports carry the real time: each later round is a day after the last finished one
    for (let i = 1; i <= 2; i++) {
      const last = core.db.prepare("SELECT max(created_at) FROM maintenance_reports WHERE kind = 'backup'").pluck().get() as string;
      await s.tick(new Date(Date.parse(last) + DAY + i * 1000));
    }
    const kept = made();
    expect(kept).toHaveLength(2); // the first one removed
    expect(kept.every((n) => /^sohoa-\d{8}-\d{6}$/.test(n))).toBe(true);
    expect(backupStatus(core.db, Date.now() + 3 * DAY, s).warn).toBe('old');
    const audited = core.db.prepare("SELECT details FROM audit_log WHERE action = 'maintenance.backup' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audited)).toMatchObject({ scheduled: true, removed: [expect.stringMatching(/^sohoa-/)] });
    await core.close();
  }, 120_000);

  it('a failed backup is what the home shows, and the same round expires the trash', async () => {
    const { core } = await setUpCore('cli');
    const blocked = path.join(tempDir(), 'khong-phai-thu-muc');
    fs.writeFileSync(blocked, 'một tệp, không phải thư mục');
    setSchedule(core.db, core.dataDir, { dir: blocked, keep: 3 }, 1);
    const s = schedulerFor(core);
    s.setPassphrase(PASS);
    await s.tick();
    expect(backupStatus(core.db, Date.now(), s)).toMatchObject({ warn: 'failed', lastError: { code: expect.any(String) } });
    // a document deleted 31 days ago goes in the same round
    core.db.prepare("INSERT INTO blobs(sha256, size, mime) VALUES ('aa', 1, 'image/jpeg')").run();
    const id = Number(core.db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count) VALUES (1, 'x', 'x', 'x.jpg', 'image', 'aa', 0)").run().lastInsertRowid);
    trashDocuments(core.db, 1, [id], () => true);
    core.db.prepare('UPDATE documents SET deleted_at = ? WHERE id = ?').run(new Date(Date.now() - 31 * DAY).toISOString(), id);
    await s.tick();
    expect(core.db.prepare('SELECT count(*) FROM documents WHERE id = ?').pluck().get(id)).toBe(0);
    await core.close();
  }, 60_000);
});

describe('restore in the app', () => {
  it('is refused without the fingerprint the admin typed, and restores with it', async () => {
    const { core, admin } = await setUpCore('cli');
    const backup = path.join(tempDir(), 'sao-luu');
    const { jobId } = await must(core.call('maintenance.backup', { dir: backup, passphrase: PASS }, admin));
    await core.jobs.waitFor(jobId);
    const report = (await must(core.call('maintenance.reports', {}, admin))).backup.report;
    const target = path.join(tempDir(), 'kho-khoi-phuc');

    const refused = await core.call('maintenance.restore', { dir: backup, target, passphrase: PASS }, admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'RESTORE_KEY_UNCONFIRMED', params: { fingerprint: report.keyFingerprint } } });
    expect(fs.existsSync(target)).toBe(false); // nothing written
    const wrong = await core.call('maintenance.restore', { dir: backup, target, passphrase: PASS, fingerprint: 'ab'.repeat(16) }, admin);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BACKUP_KEY_MISMATCH' } });
    const live = await core.call('maintenance.restore', { dir: backup, target: core.dataDir, passphrase: PASS, fingerprint: report.keyFingerprint }, admin);
    expect(live).toMatchObject({ ok: false, error: { code: 'RESTORE_INSIDE_ARCHIVE' } });

    const r = await must(core.call('maintenance.restore', { dir: backup, target, passphrase: PASS, fingerprint: report.keyFingerprint }, admin));
    expect(r).toMatchObject({ dataDir: target, keyFingerprint: report.keyFingerprint });
    expect(fs.existsSync(path.join(target, 'archive.sqlite'))).toBe(true);
    const actions = core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'maintenance.restore%' ORDER BY id").pluck().all();
    expect(actions).toEqual(['maintenance.restoreRefused', 'maintenance.restoreRefused', 'maintenance.restoreRefused', 'maintenance.restore']);
    await core.close();
  }, 120_000);
});
