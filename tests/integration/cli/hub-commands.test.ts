// `sohoa hub enrol|status|push` as a user runs them: child processes on an archive set up in
// this test, against a real hub (tests/hub/harness.ts).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHub } from '../../fixtures/hub';
import { must, setUpCore } from '../../helpers';

// asynchronous: the hub answering the command runs in this test's own process
const sohoa = (args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    execFile(process.execPath, [path.resolve('bin/sohoa.js'), ...args], { encoding: 'utf8', env: { ...process.env, SOHOA_DATA_DIR: '' } }, (e, out, err) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, out, err }),
    );
  });

describe('sohoa hub', () => {
  it('enrols with a pinned fingerprint, pushes the archive and reports the status', async () => {
    const hub = await startTestHub();
    const { core, admin, byCode } = await setUpCore('cli');
    await must(core.call('register.save', { dossierCode: 'CLI-1', unitId: byCode('16174'), issuedOn: '2024-01-02' }, admin));
    const dir = core.dataDir;
    await core.close();

    const before = await sohoa(['hub', 'status', '--data-dir', dir]);
    expect(before.code).toBe(0);
    expect(before.out).toContain('Máy này chưa đăng ký với máy chủ tỉnh.');
    // the desk talks to its hub over https only
    const plain = await sohoa(['hub', 'enrol', hub.url.replace('https:', 'http:'), 'ABCDE-FGHJK', '--data-dir', dir]);
    expect(plain.code).toBe(2);
    expect(plain.err).toContain('địa chỉ máy chủ tỉnh phải có dạng https://');

    const code = await hub.admin.createEnrolmentCode('402');
    const enrol = await sohoa(['hub', 'enrol', hub.url, code, '--fingerprint', hub.fingerprint, '--data-dir', dir]);
    expect(enrol.err).toBe('');
    expect(enrol.code).toBe(0);
    expect(enrol.out).toContain(`Dấu vân tay chứng chỉ đã ghim: ${hub.fingerprint}`);
    const push = await sohoa(['hub', 'push', '--data-dir', dir, '--json']);
    expect(push.code).toBe(0);
    expect(JSON.parse(push.out)).toMatchObject({ waiting: 0 });
    const status = JSON.parse((await sohoa(['hub', 'status', '--data-dir', dir, '--json'])).out);
    expect(status).toMatchObject({ enrolled: true, url: hub.url, fingerprint: hub.fingerprint, waiting: 0, lastError: null });
    expect(status.acked).toBe(JSON.parse(push.out).acked);
  }, 120_000);
});
