// What real networks and servers do to a sync: the hub killed with -9 in the middle of batches,
// then started again; two hub processes serving one database. Whatever happens, every desk's
// acknowledged sequence is stored exactly once and the coverage deltas equal a fresh rebuild.
import { describe, expect, it } from 'vitest';
import { createPool, tx } from '../../../hub/db/pool';
import { hubCoverageReport } from '../../../hub/coverage/report';
import { rebuildDeltas } from '../../../hub/coverage/deltas';
import { registerItem, TestDesk } from '../../fixtures/hub-desk';
import { freshDatabase, startTestHub, tempDir } from '../../fixtures/hub';
import { spawnHub } from '../../fixtures/hub-process';
import { StaffClient } from '../../fixtures/hub-staff';
import https from 'node:https';

const batchOf = (from: number, n: number, unit: string) => Array.from({ length: n }, (_v, k) => registerItem(from + k, `KILL-${unit}-${from + k}`, unit, { digitizedOn: (from + k) % 3 ? '2021-06-01' : null }));

describe('kill -9 of the hub mid-batch', () => {
  it('loses and duplicates nothing: resends after restarts leave each acknowledged item once and the deltas exact', async () => {
    const databaseUrl = await freshDatabase('kill');
    const dataDir = tempDir();
    let hub = await spawnHub(databaseUrl, dataDir);
    const pool = createPool(databaseUrl, 2);
    try {
      const code = await (async () => {
        const { rows } = await pool.query("SELECT id FROM units WHERE code = '402' AND valid_from IS NULL");
        const { createEnrolmentCode } = await import('../../../hub/ingest/enrolment');
        return (await createEnrolmentCode(pool, rows[0].id, null)).code;
      })();
      const desk = new TestDesk(hub.url);
      expect((await desk.enrol(code, { code: '402' })).status).toBe(200);
      let next = 1;
      const total = 2000;
      for (let round = 0; next <= total; round++) {
        const d = new TestDesk(hub.url);
        Object.assign(d, { privateKey: desk.privateKey, deskId: desk.deskId });
        const items = batchOf(next, Math.min(500, total - next + 1), round % 2 ? '402' : '16222');
        // every other round the hub dies while the batch is in flight
        const sent = d.send('POST', '/api/desk/batch', { items }).catch(() => null);
        if (round % 2 === 0) {
          await new Promise((r) => setTimeout(r, 5 + (round * 37) % 60));
          await hub.kill('SIGKILL');
          await sent;
          hub = await spawnHub(databaseUrl, dataDir);
          Object.assign(desk, { hubUrl: hub.url });
        } else await sent;
        // like the desk's push job: learn what the hub holds, resend from there
        const s = new TestDesk(hub.url);
        Object.assign(s, { privateKey: desk.privateKey, deskId: desk.deskId });
        const acked = (await s.send('GET', '/api/desk/status', null)).body.value.acked as number;
        expect(acked === next - 1 || acked === items[items.length - 1].seq).toBe(true);
        next = acked + 1;
      }
      const rows = Number((await pool.query("SELECT count(*) n FROM register WHERE dossier_code LIKE 'KILL-%'")).rows[0].n);
      expect(rows).toBe(total);
      const before = await hubCoverageReport(pool, '2021-12-31', null);
      await tx(pool, (c) => rebuildDeltas(c));
      const after = await hubCoverageReport(pool, '2021-12-31', null);
      expect(before.levels).toEqual(after.levels);
      expect(before.units.filter((u) => u.valid)).toEqual(after.units.filter((u) => u.valid));
    } finally {
      await hub.kill('SIGTERM');
      await pool.end();
    }
  }, 240_000);
});

describe('two hub processes on one database', () => {
  it('share desks, acknowledged sequences, sessions and live events', async () => {
    const a = await startTestHub();
    const b = await startTestHub({ databaseUrl: a.databaseUrl });
    const desk = new TestDesk(a.url);
    await desk.enrol(await a.admin.createEnrolmentCode('402'), { code: '402' });
    expect((await desk.send('POST', '/api/desk/batch', { items: batchOf(1, 10, '402') })).body.value.acked).toBe(10);
    Object.assign(desk, { hubUrl: b.url });
    expect((await desk.send('GET', '/api/desk/status', null)).body.value.acked).toBe(10);
    // a resend to the other process changes nothing
    expect((await desk.send('POST', '/api/desk/batch', { items: batchOf(1, 10, '402') })).body.value).toMatchObject({ acked: 10, applied: 0 });
    await a.admin.createAccount('tinh', 'province_head', '38');
    const staff = new StaffClient(a.url);
    await staff.signIn('tinh');
    const onB = new StaffClient(b.url);
    onB.cookie = staff.cookie;
    expect((await onB.call('auth.me')).body.value.username).toBe('tinh');
    // a dashboard open on B hears a batch applied by A
    const heard = new Promise<string>((resolve, reject) => {
      const req = https.get(new URL('/events', b.url), { rejectUnauthorized: false, headers: { Cookie: staff.cookie } }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
          if (text.includes('coverage.changed')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', (e) => ((e as { code?: string }).code === 'ECONNRESET' ? null : reject(e)));
    });
    await new Promise((r) => setTimeout(r, 300));
    Object.assign(desk, { hubUrl: a.url });
    await desk.send('POST', '/api/desk/batch', { items: batchOf(11, 5, '16222') });
    expect(await heard).toMatch(/event: coverage.changed/);
  });
});
