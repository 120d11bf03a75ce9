// Backups and checks started from the app: admin-only in the core, run as jobs with percent
// progress, one at a time, cancellable, with the outcome kept for the admin screen. The backup
// passphrase is asked for before the job starts and never lands in the database.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jpegScan } from '../../fixtures/scans';
import { must, setUpCore, signedInAs, tempDir } from '../../helpers';

const passphrase = 'mật khẩu sao lưu thử nghiệm';

async function archiveWithScans() {
  const s = await setUpCore('web');
  const src = tempDir();
  for (const n of ['a', 'b']) fs.writeFileSync(path.join(src, `${n}.jpg`), await jpegScan({ title: n }));
  await s.core.jobs.waitFor(s.core.imports.start([{ path: path.join(src, 'a.jpg') }, { path: path.join(src, 'b.jpg') }], { userId: 1, localFiles: true }, s.byCode('402')));
  return s;
}

describe('maintenance jobs', () => {
  it('an admin backs up and checks the archive as jobs; the reports are kept', async () => {
    const { core, admin } = await archiveWithScans();
    const dir = path.join(tempDir(), 'sao-luu');
    const events: number[] = [];
    core.jobs.on('job.updated', (st) => st.kind === 'backup' && events.push(st.done));
    const { jobId } = await must(core.call('maintenance.backup', { dir, passphrase }, admin));
    // one at a time: a second run would race on the same folder
    const busy = await core.call('maintenance.check', { repair: false }, admin);
    expect(busy.ok ? null : busy.error.code).toBe('MAINTENANCE_BUSY');
    const st = await core.jobs.waitFor(jobId);
    expect(st).toMatchObject({ state: 'done', total: 100, done: 100 });
    expect(events.length).toBeGreaterThan(3);
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true);
    // the passphrase sealed the keys and is nowhere in the archive's database or the backup's
    for (const db of [path.join(core.dataDir, 'archive.sqlite'), path.join(dir, 'archive.sqlite')]) expect(fs.readFileSync(db).includes(Buffer.from(passphrase)), db).toBe(false);
    expect(core.db.prepare("SELECT payload FROM jobs WHERE kind = 'backup'").pluck().all().join()).not.toContain(passphrase);

    const check = await core.jobs.waitFor((await must(core.call('maintenance.check', { repair: false }, admin))).jobId);
    expect(check.state).toBe('done');
    const reports = await must(core.call('maintenance.reports', {}, admin));
    expect(reports.backup).toMatchObject({ jobId, ok: true, username: 'admin', report: { complete: true, counts: { documents: 2 } } });
    expect(reports.check).toMatchObject({ ok: true, report: { issues: [], audit: { ok: true } } });
    expect(await must(core.call('audit.verify', {}, admin))).toMatchObject({ ok: true, firstBroken: null });
    const actions = (await must(core.call('audit.list', { offset: 0, limit: 10 }, admin))).items.map((r: any) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['maintenance.backup', 'maintenance.check']));
    await core.close();
  }, 60_000);

  it('a refused folder fails the job with the reason; a cancelled backup leaves no manifest', async () => {
    const { core, admin } = await archiveWithScans();
    const busyDir = tempDir();
    fs.writeFileSync(path.join(busyDir, 'x.txt'), 'x');
    const failed = await core.jobs.waitFor((await must(core.call('maintenance.backup', { dir: busyDir, passphrase }, admin))).jobId);
    expect(failed.state).toBe('failed');
    expect(failed.outcomes.at(-1)).toMatchObject({ status: 'error', code: 'BACKUP_TARGET_NOT_EMPTY' });
    expect((await must(core.call('maintenance.reports', {}, admin))).backup).toMatchObject({ ok: false, report: { error: { code: 'BACKUP_TARGET_NOT_EMPTY' } } });

    // no passphrase, or a short one: refused before any job or folder exists
    const dir = path.join(tempDir(), 'dung');
    for (const [p, code] of [['', 'BACKUP_PASSPHRASE_REQUIRED'], ['ngắn', 'BACKUP_PASSPHRASE_WEAK']]) {
      const r = await core.call('maintenance.backup', { dir, passphrase: p }, admin);
      expect(r.ok ? 'ok' : r.error.code).toBe(code);
    }
    expect(fs.existsSync(dir)).toBe(false);
    const { jobId } = await must(core.call('maintenance.backup', { dir, passphrase }, admin));
    await must(core.call('jobs.cancel', { id: jobId }, admin));
    expect((await core.jobs.waitFor(jobId)).state).toBe('cancelled');
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(false);

    // a stopped check says so, and claims nothing about what it did not reach
    const check = await must(core.call('maintenance.check', { repair: false }, admin));
    await must(core.call('jobs.cancel', { id: check.jobId }, admin));
    expect((await core.jobs.waitFor(check.jobId)).state).toBe('cancelled');
    expect((await must(core.call('maintenance.reports', {}, admin))).check).toMatchObject({ ok: false, report: { complete: false, issues: [] } });
    await core.close();
  }, 60_000);

  it('only an admin may verify the audit chain, back up, check or read the reports', async () => {
    const { core, admin, byCode } = await setUpCore('web');
    await must(core.call('users.save', { username: 'vanthu', fullName: 'Văn thư', role: 'records_staff', unitId: byCode('402'), password: 'vanthu-pass-1', active: true }, admin));
    await must(core.call('users.save', { username: 'lanhdao', fullName: 'Lãnh đạo', role: 'unit_head', unitId: byCode('402'), password: 'lanhdao-pass-1', active: true }, admin));
    for (const [u, p] of [['vanthu', 'vanthu-pass-1'], ['lanhdao', 'lanhdao-pass-1']]) {
      const c = await signedInAs(core, u, p);
      for (const [m, req] of [['audit.verify', {}], ['maintenance.backup', { dir: tempDir() }], ['maintenance.check', { repair: true }], ['maintenance.reports', {}]] as const) {
        const r = await core.call(m, req, c);
        expect(r.ok ? 'ok' : r.error.code, `${u} ${m}`).toBe('FORBIDDEN');
      }
    }
    const anon = await core.call('maintenance.backup', { dir: tempDir() }, core.newClient({ localFiles: false }));
    expect(anon.ok ? 'ok' : anon.error.code).toBe('NOT_SIGNED_IN');
    expect(core.jobs.list({ active: false, userId: null }).filter((j) => j.kind === 'backup' || j.kind === 'check')).toEqual([]);
    await core.close();
  });
});
