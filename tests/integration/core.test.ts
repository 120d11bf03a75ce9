// The core as every shell sees it: schema checks, roles, sessions, scoping, audit, jobs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../electron/core';
import { jpegScan } from '../fixtures/scans';
import { must, setUpCore, signedInAs, tempDir } from '../helpers';

async function importAs(core: Core, client: ReturnType<Core['newClient']>, files: Record<string, Buffer>) {
  const dir = tempDir();
  const sources = Object.entries(files).map(([n, b]) => (fs.writeFileSync(path.join(dir, n), b), { path: path.join(dir, n) }));
  const { jobId } = await must(core.call('documents.import', { sources }, client));
  await core.jobs.idle();
  return must(core.call('jobs.get', { id: jobId }, client));
}

describe('core', () => {
  it('starts in first-run mode and allows setup exactly once', async () => {
    const core = Core.open({ dataDir: tempDir(), shell: 'web' });
    const c = core.newClient({ localFiles: true });
    expect(await must(core.call('app.info', {}, c))).toMatchObject({ firstRun: true, shell: 'web' });
    const units = await must(core.call('setup.demoUnits', {}, c));
    const unitId = units.find((u: any) => u.code === '16222').id;
    const admin = await must(core.call('setup.init', { unit: { unitId }, admin: { username: 'admin', fullName: 'QT', password: 'admin-pass-1' } }, c));
    expect(admin).toMatchObject({ role: 'admin', unitName: 'Xã Thanh Sơn' });
    expect(await must(core.call('auth.me', {}, c))).toMatchObject({ username: 'admin' });
    const again = await core.call('setup.init', { unit: { unitId }, admin: { username: 'admin2', fullName: 'X', password: 'admin-pass-1' } }, core.newClient({ localFiles: true }));
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    expect(await core.call('setup.demoUnits', {}, c)).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    await core.close();
  });

  it('parses every payload and names what is wrong', async () => {
    const { core, admin } = await setUpCore();
    expect(await core.call('documents.get', { id: 'x' }, admin)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('id') } });
    expect(await core.call('nope', {}, admin)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await core.call('users.save', { fullName: 'X', role: 'root', unitId: 1 }, admin)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await core.close();
  });

  it('requires sign-in and the right role', async () => {
    const { core, admin, byCode } = await setUpCore();
    const anon = core.newClient({ localFiles: true });
    expect(await core.call('documents.list', {}, anon)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await must(core.call('users.save', { username: 'kyso', fullName: 'Người ký', role: 'signing_officer', unitId: byCode('402'), password: 'ky-so-pass' }, admin));
    const signer = await signedInAs(core, 'kyso', 'ky-so-pass');
    expect(await core.call('users.list', {}, signer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('documents.import', { sources: [{ path: '/tmp/x.jpg' }] }, signer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await must(core.call('documents.list', {}, signer))).toMatchObject({ total: 0 });
    await must(core.call('auth.signOut', {}, signer));
    expect(await core.call('documents.list', {}, signer)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await core.close();
  });

  it('a disabled account loses its session at once', async () => {
    const { core, admin, byCode } = await setUpCore();
    const u = await must(core.call('users.save', { username: 'vanthu', fullName: 'VT', role: 'records_staff', unitId: byCode('402'), password: 'vt-password' }, admin));
    const vanthu = await signedInAs(core, 'vanthu', 'vt-password');
    await must(core.call('users.save', { id: u.id, fullName: 'VT', role: 'records_staff', unitId: byCode('402'), active: false }, admin));
    expect(await core.call('auth.me', {}, vanthu)).toEqual({ ok: true, value: null });
    await core.close();
  });

  it('shows each user only their units’ documents, and a unit head the units below', async () => {
    const { core, admin, byCode } = await setUpCore();
    for (const [username, role, code] of [
      ['thanhson', 'records_staff', '16222'],
      ['thanhlam', 'records_staff', '16219'],
      ['head', 'unit_head', '402'],
      ['otherhead', 'unit_head', '403'],
    ])
      await must(core.call('users.save', { username, fullName: username, role, unitId: byCode(code), password: 'password-1' }, admin));
    const ts = await signedInAs(core, 'thanhson', 'password-1');
    const job = await importAs(core, ts, { 'Giấy phép.jpg': await jpegScan() });
    expect(job).toMatchObject({ state: 'done', total: 1, done: 1 });
    const docId = job.outcomes[0].documentId!;
    const see = async (user: string) => (await must(core.call('documents.list', {}, await signedInAs(core, user, 'password-1')))).total;
    expect([await see('thanhson'), await see('thanhlam'), await see('head'), await see('otherhead')]).toEqual([1, 0, 1, 0]);
    const tl = await signedInAs(core, 'thanhlam', 'password-1');
    expect(await core.call('documents.get', { id: docId }, tl)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const page = (await must(core.call('documents.get', { id: docId }, ts))).pages[0];
    expect(core.asset('thumb', page.id, tl)).toBeNull();
    expect(core.asset('thumb', page.id, ts)).toMatchObject({ mime: 'image/jpeg' });
    expect(core.asset('preview', page.id, ts)).toMatchObject({ mime: 'image/jpeg' });
    expect(core.asset('file', docId, admin)).toMatchObject({ mime: 'image/jpeg' });
    // records staff may not import into another unit
    expect(await core.call('documents.import', { sources: [{ path: '/x.jpg' }], unitId: byCode('16219') }, ts)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // jobs belong to whoever started them
    expect(await core.call('jobs.get', { id: 1 }, tl)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await core.close();
  });

  it('finds documents without diacritics, filters and sorts', async () => {
    const { core, admin } = await setUpCore();
    await importAs(core, admin, { 'Quyết định 12.jpg': await jpegScan({ title: 'A' }), 'Đơn đề nghị.jpg': await jpegScan({ title: 'B' }), 'Công văn 1147.jpg': await jpegScan({ title: 'C' }) });
    const titles = async (req: object) => (await must(core.call('documents.list', req, admin))).items.map((d: any) => d.title);
    expect(await titles({ query: 'QUYET DINH' })).toEqual(['Quyết định 12']);
    expect(await titles({ query: 'don de' })).toEqual(['Đơn đề nghị']);
    expect(await titles({ query: '%' })).toHaveLength(3); // no word to look for: no filter
    expect(await titles({ sort: 'title', order: 'asc' })).toEqual(['Công văn 1147', 'Đơn đề nghị', 'Quyết định 12']);
    expect(await titles({ status: 'signed' })).toEqual([]);
    expect(await titles({ from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
    expect(await titles({ limit: 1, offset: 1, sort: 'title', order: 'asc' })).toEqual(['Đơn đề nghị']);
    await core.close();
  });

  it('writes every state-changing action to the audit log', async () => {
    const { core, admin, byCode } = await setUpCore();
    await must(core.call('users.save', { username: 'vanthu', fullName: 'VT', role: 'records_staff', unitId: byCode('402'), password: 'vt-password' }, admin));
    await must(core.call('units.save', { code: '99999', name: 'Xã Mới', level: 'commune', parentId: byCode('402') }, admin));
    await importAs(core, admin, { 'a.jpg': await jpegScan() });
    const log = await must(core.call('audit.list', {}, admin));
    const rows = [...log.items].reverse();
    // the built-in catalogue (before 1/7/2025, after it, and the merges) is loaded before any
    // account exists, so nobody is named on those rows
    expect(rows.map((r: any) => [r.action, r.username])).toEqual([
      ['units.import', null],
      ['units.import', null],
      ['units.merges', null],
      ['setup.init', 'admin'],
      ['users.create', 'admin'],
      ['units.create', 'admin'],
      ['documents.import', 'admin'],
    ]);
    expect(JSON.stringify(log.items)).not.toContain('vt-password');
    await core.close();
  });

  it('resumes an import the app was closed in the middle of', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const files = await Promise.all([1, 2, 3].map(async (i) => {
      const p = path.join(dir, `${i}.jpg`);
      fs.writeFileSync(p, await jpegScan({ title: `T${i}` }));
      return { path: p };
    }));
    let core = Core.open({ dataDir, shell: 'web' });
    const jobId = core.imports.start(files, { userId: null, localFiles: true }, null);
    // stop after the first file, as a quit would
    await new Promise<void>((resolve) => core.jobs.on('job.updated', (st) => st.done === 1 && resolve()));
    await core.close();
    expect(core.db.open).toBe(false);
    core = Core.open({ dataDir, shell: 'web' });
    await core.jobs.idle();
    const st = core.jobs.get(jobId)!;
    expect(st).toMatchObject({ state: 'done', done: 3 });
    expect(st.outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
    expect(core.db.prepare('SELECT count(*) n FROM documents').get()).toEqual({ n: 3 });
    await core.close();
  });

  it('cancels an import between files', async () => {
    const { core, admin } = await setUpCore();
    const dir = tempDir();
    const sources = await Promise.all([1, 2, 3, 4].map(async (i) => {
      const p = path.join(dir, `${i}.jpg`);
      fs.writeFileSync(p, await jpegScan({ title: `T${i}` }));
      return { path: p };
    }));
    const { jobId } = await must(core.call('documents.import', { sources }, admin));
    await new Promise<void>((resolve) => core.jobs.on('job.updated', (st) => st.done === 1 && resolve()));
    await must(core.call('jobs.cancel', { id: jobId }, admin));
    await core.jobs.idle();
    const st = await must(core.call('jobs.get', { id: jobId }, admin));
    expect(st.state).toBe('cancelled');
    expect(st.done).toBeLessThan(4);
    await core.close();
  });

  it('refuses to open an archive written by a newer version', async () => {
    const dataDir = tempDir();
    const core = Core.open({ dataDir, shell: 'cli' });
    core.db.pragma('user_version = 999');
    await core.close();
    expect(() => Core.open({ dataDir, shell: 'cli' })).toThrow(/phiên bản mới hơn/);
  });
});
