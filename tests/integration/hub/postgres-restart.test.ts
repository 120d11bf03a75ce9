// PostgreSQL restarted under a running hub (its own server, so other test files are not
// touched): while it is down desks get a plain "try later" (503) and nothing half-written; once
// it is back the same hub process serves again, the push completes once, and live events resume.
import { afterAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import { registerItem, TestDesk } from '../../fixtures/hub-desk';
import { StaffClient } from '../../fixtures/hub-staff';
import { startTestHub } from '../../fixtures/hub';
import { privatePostgresAvailable, startPrivatePostgres } from '../../fixtures/private-postgres';

const pg = privatePostgresAvailable ? startPrivatePostgres() : null;
afterAll(() => pg?.destroy());
if (!pg) console.warn('bỏ qua: không có PostgreSQL server binaries (initdb) trên máy này');

describe.skipIf(!pg)('PostgreSQL restart', () => {
  it('answers 503 while the database is down, then applies the resent batch once', async () => {
    const url = `${pg!.url}/sohoa_hub_restart`;
    const hub = await startTestHub({ databaseUrl: url });
    // the private server has no template: the catalogue is seeded by the hub's own first start
    const { seedBuiltinCatalogue } = await import('../../../hub/units/catalogue');
    const { tx } = await import('../../../hub/db/pool');
    await tx(hub.ctx.pool, (c) => seedBuiltinCatalogue(c));
    const desk = new TestDesk(hub.url);
    await desk.enrol(await hub.admin.createEnrolmentCode('402'), { code: '402' });
    expect((await desk.send('POST', '/api/desk/batch', { items: [registerItem(1, 'PGR-1', '402')] })).body.value.acked).toBe(1);
    pg!.stop('immediate');
    const down = await desk.send('POST', '/api/desk/batch', { items: [registerItem(2, 'PGR-2', '402')] });
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(/thử lại sau/);
    pg!.start();
    let r;
    for (let i = 0; i < 20; i++) {
      r = await desk.send('POST', '/api/desk/batch', { items: [registerItem(2, 'PGR-2', '402'), registerItem(3, 'PGR-3', '402')] });
      if (r.status === 200) break;
      await new Promise((x) => setTimeout(x, 250));
    }
    expect(r!.body.value).toMatchObject({ acked: 3, applied: 2 });
    expect(Number((await hub.ctx.pool.query("SELECT count(*) n FROM register WHERE dossier_code LIKE 'PGR-%'")).rows[0].n)).toBe(3);
    // the hub's listener reconnected: a dashboard opened now hears the next batch
    await hub.admin.createAccount('tinh', 'province_head', '38');
    const staff = new StaffClient(hub.url);
    await staff.signIn('tinh');
    const heard = new Promise<boolean>((resolve) => {
      const req = https.get(new URL('/events', hub.url), { rejectUnauthorized: false, headers: { Cookie: staff.cookie } }, (res) => {
        res.on('data', (c) => String(c).includes('coverage.changed') && (resolve(true), req.destroy()));
      });
      req.on('error', () => {});
      setTimeout(() => (resolve(false), req.destroy()), 10_000);
    });
    await new Promise((x) => setTimeout(x, 1500));
    await desk.send('POST', '/api/desk/batch', { items: [registerItem(4, 'PGR-4', '402')] });
    expect(await heard).toBe(true);
    expect(Number((await hub.ctx.pool.query("SELECT count(*) n FROM register WHERE dossier_code LIKE 'PGR-%'")).rows[0].n)).toBe(4);
  }, 120_000);
});
