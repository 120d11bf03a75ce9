// The desk's side of the province sync against a real hub on a real PostgreSQL (tests/hub/harness.ts),
// through a TCP relay that can take the hub offline or lose an answer on the way back.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchResponse, HUB_BLOB_CHUNK_BYTES } from '../../../shared/hub-protocol';
import { recordBlob } from '../../../electron/archive/blobs';
import { putSetting } from '../../../electron/archive/settings';
import { archiveKey } from '../../../electron/coverage/packages';
import type { Core, Client } from '../../../electron/core';
import { hubCall } from '../../../electron/sync/hub-client';
import { HubSync } from '../../../electron/sync/hub-sync';
import { buildItem, buildScope } from '../../../electron/sync/items';
import { pendingRows } from '../../../electron/sync/outbox';
import { ackedSeq, enrolment } from '../../../electron/sync/sync-state';
import { jpegScan } from '../../fixtures/scans';
import { startRelay, type Relay } from '../../fixtures/tcp-proxy';
import { freshDatabase, startTestHub } from '../../fixtures/hub';
import { must, setUpCore, tempDir } from '../../helpers';

type TestHub = Awaited<ReturnType<typeof startTestHub>>;

let hub: TestHub;
let relay: Relay;
let hubDb: pg.Client;
let core: Core;
let admin: Client;
let byCode: (code: string) => number;

const call = (method: string, payload: unknown) => core.call(method, payload, admin);
const hubCount = async (sql: string, args: unknown[] = []) => Number((await hubDb.query(sql, args)).rows[0].n);
/** Waits (polling) until `ok` holds, for the background push. */
async function until(ok: () => Promise<boolean> | boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const deskAcked = async () => Number((await hubDb.query('SELECT acked FROM desks')).rows[0].acked);

async function saveResult(code: string, unit = '16174') {
  await must(call('register.save', { dossierCode: code, unitId: byCode(unit), holderName: `Lê Thị ${code}`, resultName: 'Giấy chứng nhận quyền sử dụng đất và tài sản gắn liền với đất', issuedOn: '2024-05-06' }));
}

beforeAll(async () => {
  const databaseUrl = await freshDatabase('desk_sync');
  hub = await startTestHub({ databaseUrl, dataDir: tempDir() });
  hubDb = new pg.Client({ connectionString: databaseUrl });
  await hubDb.connect();
  const u = new URL(hub.url);
  relay = await startRelay({ host: u.hostname, port: Number(u.port) });
  ({ core, admin, byCode } = await setUpCore('cli'));
}, 120_000);

afterAll(async () => {
  await core?.close();
  await relay?.close();
  await hubDb?.end();
  // the harness closes the hub and drops its database
});

describe('desk → province hub', () => {
  let code: string;

  it('refuses a hub whose certificate is not the fingerprint given, before sending the code', async () => {
    code = await hub.admin.createEnrolmentCode('402');
    const r = await call('hub.enrol', { url: relay.url, code, fingerprint: 'ab'.repeat(32) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('HUB_CERT_CHANGED');
    expect(r.error.message).toContain(hub.fingerprint);
    expect(await hubCount('SELECT count(*) n FROM desks')).toBe(0);
    expect((await must(call('hub.status', {}))).enrolled).toBe(false);
  });

  it('enrols with the one-time code, pins the certificate and queues the archive once', async () => {
    const st = await must(call('hub.enrol', { url: relay.url, code, fingerprint: hub.fingerprint.toUpperCase().match(/../g)!.join(':') }));
    expect(st).toMatchObject({ enrolled: true, url: relay.url, fingerprint: hub.fingerprint, acked: 0, lastError: null, unit: { code: '402' } });
    expect(st.waiting).toBeGreaterThan(0);
    expect(await hubCount('SELECT count(*) n FROM desks')).toBe(1);
    // the code was spent
    const again = await call('hub.enrol', { url: relay.url, code });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('HUB_REFUSED');
  }, 30_000);

  it('pushes a register entry, an accepted document and its signed copy (by chunks)', async () => {
    await saveResult('NX-0001');
    const dir = tempDir();
    const file = path.join(dir, 'giay-chung-nhan.jpg');
    fs.writeFileSync(file, await jpegScan({ title: 'GIẤY CHỨNG NHẬN' }));
    const { jobId } = await must(call('documents.import', { sources: [{ path: file }], unitId: byCode('16174'), ocr: false }));
    await core.jobs.waitFor(jobId);
    const docId = core.db.prepare('SELECT id FROM documents ORDER BY id DESC LIMIT 1').pluck().get() as number;
    await must(call('documents.review', { id: docId, fields: { type: 'Giấy chứng nhận', number: 'CS 01234' }, dossierCode: 'NX-0001', accept: true }));
    // a signed copy larger than one chunk, so the upload takes two
    const signed = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(HUB_BLOB_CHUNK_BYTES + 4096)]);
    const { sha256 } = core.blobs.put(signed);
    core.db.transaction(() => {
      recordBlob(core.db, sha256, signed.length, 'application/pdf');
      core.db.prepare("INSERT INTO signatures(document_id, kind, field_name, signer, signed_at, output_sha256, created_by) VALUES (?, 'copy', 'Sig1', 'UBND', '2025-01-02', ?, 1)").run(docId, sha256);
      core.db.prepare("UPDATE documents SET status = 'signed' WHERE id = ?").run(docId);
    })();

    const out = await must(call('hub.push', {}));
    expect(out.blobs).toBe(1);
    expect(out.waiting).toBe(0);
    const st = await must(call('hub.status', {}));
    expect(st).toMatchObject({ waiting: 0, lastError: null, acked: out.acked });
    expect(st.lastSyncAt).not.toBeNull();
    expect(await deskAcked()).toBe(out.acked);
    const reg = (await hubDb.query('SELECT holder_name, digitized_on::text d FROM register WHERE dossier_code = $1', ['NX-0001'])).rows[0];
    expect(reg.holder_name).toBe('Lê Thị NX-0001');
    expect(reg.d).not.toBeNull();
    const doc = (await hubDb.query('SELECT status, dossier_code, fields, signed_sha256 FROM documents WHERE local_id = $1', [docId])).rows[0];
    expect(doc).toMatchObject({ status: 'signed', dossier_code: 'NX-0001', signed_sha256: sha256 });
    expect(doc.fields).toMatchObject({ type: 'Giấy chứng nhận', number: 'CS 01234' });
    expect((await hubDb.query('SELECT complete FROM blobs WHERE sha256 = $1', [sha256])).rows[0].complete).toBe(true);
  }, 60_000);

  it('loses an acknowledgement on the way back: the desk records nothing, and the resend changes nothing', async () => {
    for (let i = 0; i < 30; i++) await saveResult(`NX-1${String(i).padStart(3, '0')}`);
    const before = ackedSeq(core.db);
    const waiting = (await must(call('hub.status', {}))).waiting;
    // what the desk is about to send, kept to send again by hand below
    const e = enrolment(core.db)!;
    const items = pendingRows(core.db, before, 1000).flatMap((r) => buildItem(core.db, r, buildScope(core.db, e.unitId)) ?? []);
    const lost = relay.loseNextReplyAfter(4000);
    const r = await call('hub.push', {});
    await lost;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('HUB_UNREACHABLE');
    // the hub applied the batch, the desk never heard so
    const hubAcked = await deskAcked();
    expect(hubAcked).toBe(items[items.length - 1].seq);
    expect(ackedSeq(core.db)).toBe(before);
    expect((await must(call('hub.status', {}))).waiting).toBe(waiting);
    const rows = await hubCount('SELECT count(*) n FROM register');

    const out = await must(call('hub.push', {}));
    expect(out).toMatchObject({ acked: hubAcked, waiting: 0 });
    // the very same batch sent again: acknowledged as before, nothing applied
    const signer = { deskId: e.deskId, privateKey: archiveKey(core.dataDir).privateKey };
    const resend = await hubCall({ url: e.url, fingerprint: e.fingerprint }, { method: 'POST', path: '/api/desk/batch', json: { items }, signer }, BatchResponse);
    expect(resend).toMatchObject({ acked: hubAcked, applied: 0 });
    expect(await hubCount('SELECT count(*) n FROM register')).toBe(rows);
  }, 60_000);

  it('keeps a plain Vietnamese error while the hub is offline, then catches up', async () => {
    await relay.down();
    await saveResult('NX-2001');
    const r = await call('hub.push', {});
    expect(r.ok).toBe(false);
    const st = await must(call('hub.status', {}));
    expect(st.lastError).toMatchObject({ code: 'HUB_UNREACHABLE' });
    expect(st.lastError.message).toMatch(/^Không kết nối được máy chủ tỉnh https:\/\/127\.0\.0\.1:\d+ \(máy chủ không nhận kết nối\)/);
    expect(st.waiting).toBeGreaterThan(0);
    await saveResult('NX-2002');
    await relay.up();
    const out = await must(call('hub.push', {}));
    expect(out.waiting).toBe(0);
    expect((await must(call('hub.status', {}))).lastError).toBeNull();
    expect(await hubCount("SELECT count(*) n FROM register WHERE dossier_code IN ('NX-2001', 'NX-2002')")).toBe(2);
  }, 60_000);

  it('refuses to talk to a hub whose certificate is no longer the pinned one', async () => {
    const pinned = enrolment(core.db)!.fingerprint;
    putSetting(core.db, 'hub.fingerprint', 'cd'.repeat(32));
    await saveResult('NX-3001');
    const r = await call('hub.push', {});
    putSetting(core.db, 'hub.fingerprint', pinned);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('HUB_CERT_CHANGED');
      expect(r.error.message).toContain('cd'.repeat(32));
    }
    expect(await hubCount("SELECT count(*) n FROM register WHERE dossier_code = 'NX-3001'")).toBe(0);
  }, 30_000);

  it('keeps one hub row per unit and code: two communes holding a code are two rows, and deleting one leaves the other', async () => {
    const other = core.db.prepare("SELECT code FROM units WHERE parent_id = ? AND level = 'commune' AND code <> '16174' ORDER BY code LIMIT 1").pluck().get(byCode('402')) as string;
    await saveResult('NX-5001');
    await must(call('register.save', { dossierCode: 'NX-5001', unitId: byCode(other), holderName: 'Trần Văn B', issuedOn: '2024-06-01' }));
    const hubRows = async () =>
      (await hubDb.query("SELECT u.code, r.holder_name holder FROM register r JOIN units u ON u.id = r.unit_id WHERE r.dossier_code = 'NX-5001' ORDER BY u.code")).rows;
    expect((await must(call('hub.push', {}))).waiting).toBe(0);
    expect(await hubRows()).toEqual(
      [
        { code: '16174', holder: 'Lê Thị NX-5001' },
        { code: other, holder: 'Trần Văn B' },
      ].sort((a, b) => (a.code < b.code ? -1 : 1)),
    );
    // the desk has no command that deletes an entry; a deletion is what the outbox carries from the trigger
    core.db.prepare("DELETE FROM register WHERE dossier_code = 'NX-5001' AND unit_id = ?").run(byCode('16174'));
    expect((await must(call('hub.push', {}))).waiting).toBe(0);
    expect(await hubRows()).toEqual([{ code: other, holder: 'Trần Văn B' }]);
  }, 60_000);

  it('pushes in the background soon after a change, backs off while the hub is down and catches up', async () => {
    const sync = new HubSync({ db: core.db, blobs: core.blobs, dataDir: core.dataDir }, { poll: 50, period: 60_000, backoffFirst: 200, backoffMax: 800 });
    sync.start();
    try {
      await until(() => sync.status().waiting === 0);
      await saveResult('NX-4001');
      await until(async () => (await hubCount("SELECT count(*) n FROM register WHERE dossier_code = 'NX-4001'")) === 1);
      await relay.down();
      await saveResult('NX-4002');
      await until(() => sync.status().lastError?.code === 'HUB_UNREACHABLE');
      expect(sync.status().waiting).toBeGreaterThan(0);
      await relay.up();
      await until(() => sync.status().waiting === 0 && sync.status().lastError === null);
      expect(await hubCount("SELECT count(*) n FROM register WHERE dossier_code = 'NX-4002'")).toBe(1);
    } finally {
      await sync.close();
    }
  }, 60_000);
});
