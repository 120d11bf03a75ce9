// The CLI's calls go through the contract as the local operator: the same checks and audit rows
// as the screens, no sign-in, and no way for another shell's client to become the operator.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliSession } from '../../../electron/cli/session';
import { jpegScan } from '../../fixtures/scans';
import { setUpCore, tempDir } from '../../helpers';

describe('the CLI as a contract client', () => {
  it('imports as the operator, audited without a user, into the unit asked for', async () => {
    const { core, byCode } = await setUpCore('cli');
    const cli = new CliSession(core);
    const file = path.join(tempDir(), 'a.jpg');
    fs.writeFileSync(file, await jpegScan());
    const { jobId } = await cli.call('documents.import', { sources: [{ path: file }], unitId: byCode('16222') });
    const st = await cli.finish(jobId);
    expect(st.outcomes.map((o) => o.status)).toEqual(['imported']);
    const doc = await cli.call('documents.get', { id: st.outcomes[0].documentId! });
    expect(doc.unitId).toBe(byCode('16222'));
    await cli.call('targets.set', { year: 2026, level: 'commune', rate: 0.2 });
    const row = core.db.prepare("SELECT user_id FROM audit_log WHERE action = 'targets.set'").get() as { user_id: number | null };
    expect(row.user_id).toBeNull();
    await core.close();
  });

  it('is refused what belongs to an account, and gets the same errors as a screen', async () => {
    const { core } = await setUpCore('cli');
    const cli = new CliSession(core);
    await expect(cli.call('auth.changePassword', { current: 'x', next: 'another-pass-1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await cli.call('auth.me', {})).toBeNull();
    await expect(cli.call('documents.get', { id: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('#999') });
    await expect(cli.call('documents.import', { sources: [{ path: path.join(core.dataDir, 'archive.sqlite') }] })).rejects.toMatchObject({ code: 'PATH_IN_ARCHIVE' });
    await core.close();
  });

  it('is a capability of the CLI shell only: a browser or window client has no operator rights', async () => {
    const { core } = await setUpCore('web');
    const browser = core.newClient({ localFiles: false });
    const r = await core.call('targets.set', { year: 2026, level: 'commune', rate: 0.2 }, browser);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    // a payload cannot smuggle the flag in: the client object is the shell's, not the caller's
    const r2 = await core.call('targets.set', { year: 2026, level: 'commune', rate: 0.2, operator: true }, browser);
    expect(r2.ok).toBe(false);
    // and a core opened for a window or the browser host never hands out the operator
    const asked = core.newClient({ localFiles: true, operator: true });
    expect(await core.call('targets.set', { year: 2026, level: 'commune', rate: 0.2 }, asked)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await core.close();
  });
});
