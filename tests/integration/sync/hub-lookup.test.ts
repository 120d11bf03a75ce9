// The reuse lookup from a desk, through its enrolment, against a real hub on a real PostgreSQL:
// a commune desk sends a signed result; an officer at another commune's desk finds it by CCCD,
// sees which unit holds it and downloads the signed copy through /export/hub-copy.pdf, with
// the hub naming the desk's signed-in user and both sides auditing who, what and why.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBlob } from '../../../electron/archive/blobs';
import { Core, type Client } from '../../../electron/core';
import { jpegScan } from '../../fixtures/scans';
import { startRelay, type Relay } from '../../fixtures/tcp-proxy';
import { freshDatabase, startTestHub } from '../../fixtures/hub';
import { must, signedInAs, tempDir } from '../../helpers';

type TestHub = Awaited<ReturnType<typeof startTestHub>>;
const CCCD = '038190012345';
const PURPOSE = { dossierCode: '000.16180.2024.0042', note: 'Đăng ký kết hôn, cần giấy khai sinh' };

let hub: TestHub;
let relay: Relay;
let hubDb: pg.Client;
let commune: Desk;
let other: Desk;
let officer: Client;
let pdf: Buffer;
let sha256: string;

interface Desk {
  core: Core;
  admin: Client;
  byCode: (code: string) => number;
}

/** A desk on a fresh archive whose first administrator (and so the desk) belongs to `unitCode`. */
async function deskAt(unitCode: string): Promise<Desk> {
  const core = Core.open({ dataDir: tempDir(), shell: 'cli' });
  const admin = core.newClient({ localFiles: true });
  const units = (await must(core.call('setup.demoUnits', {}, admin))) as { id: number; code: string }[];
  const byCode = (code: string) => units.find((u) => u.code === code)!.id;
  await must(core.call('setup.init', { unit: { unitId: byCode(unitCode) }, admin: { username: 'admin', fullName: 'Quản trị', password: 'admin-pass-1' } }, admin));
  return { core, admin, byCode };
}

async function enrol(d: Desk, unitCode: string) {
  const code = await hub.admin.createEnrolmentCode(unitCode);
  await must(d.core.call('hub.enrol', { url: relay.url, code, fingerprint: hub.fingerprint }, d.admin));
}

const lookup = (req: unknown, client = officer) => other.core.call('hub.lookup', req, client);
const hubLookups = async () => Number((await hubDb.query('SELECT count(*) n FROM lookups')).rows[0].n);
const auditRows = (d: Desk, action: string) => d.core.db.prepare('SELECT user_id userId, object_type type, object_id objectId, details FROM audit_log WHERE action = ? ORDER BY audit_log.id').all(action) as { userId: number; type: string; objectId: string; details: string }[];

/** The commune desk: a register entry with the holder's CCCD, a scan linked to it and signed. */
async function sendSignedResult() {
  const { core, admin, byCode } = commune;
  const call = (m: string, p: unknown) => core.call(m, p, admin);
  await must(call('register.save', { dossierCode: 'TS-2024-0007', unitId: byCode('16222'), holderName: 'Lê Thị Hoa', holderId: CCCD, resultName: 'Giấy khai sinh', resultNumber: '77/KS', issuedOn: '2024-03-04' }));
  const file = path.join(tempDir(), 'khai-sinh.jpg');
  fs.writeFileSync(file, await jpegScan({ title: 'GIẤY KHAI SINH' }));
  const { jobId } = await must(call('documents.import', { sources: [{ path: file }], unitId: byCode('16222'), ocr: false }));
  await core.jobs.waitFor(jobId);
  const docId = core.db.prepare('SELECT id FROM documents ORDER BY id DESC LIMIT 1').pluck().get() as number;
  await must(call('documents.review', { id: docId, fields: { type: 'Giấy khai sinh' }, dossierCode: 'TS-2024-0007', accept: true }));
  // a signed copy as the signing job records one (signing itself has its own tests)
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Giay khai sinh - ban sao co chu ky (thu)', { x: 60, y: 760, size: 14 });
  pdf = Buffer.from(await doc.save());
  sha256 = core.blobs.put(pdf).sha256;
  core.db.transaction(() => {
    recordBlob(core.db, sha256, pdf.length, 'application/pdf');
    core.db.prepare("INSERT INTO signatures(document_id, kind, field_name, signer, signed_at, output_sha256, created_by) VALUES (?, 'copy', 'Sig1', 'UBND xã Thanh Sơn', '2024-03-05', ?, 1)").run(docId, sha256);
    core.db.prepare("UPDATE documents SET status = 'signed' WHERE id = ?").run(docId);
  })();
  expect((await must(call('hub.push', {}))).blobs).toBe(1);
}

beforeAll(async () => {
  const databaseUrl = await freshDatabase('desk_lookup');
  hub = await startTestHub({ databaseUrl, dataDir: tempDir() });
  hubDb = new pg.Client({ connectionString: databaseUrl });
  await hubDb.connect();
  const u = new URL(hub.url);
  relay = await startRelay({ host: u.hostname, port: Number(u.port) });
  commune = await deskAt('16222');
  other = await deskAt('16180');
  await enrol(commune, '16222');
  await sendSignedResult();
  await must(other.core.call('users.save', { username: 'vanthu.xuanhoa', fullName: 'Trần Văn Thư', role: 'records_staff', unitId: other.byCode('16180'), password: 'vanthu-pass-1' }, other.admin));
  officer = await signedInAs(other.core, 'vanthu.xuanhoa', 'vanthu-pass-1');
}, 180_000);

afterAll(async () => {
  await commune?.core.close();
  await other?.core.close();
  await relay?.close();
  await hubDb?.end();
});

describe('reuse lookup from a desk', () => {
  it('says the desk is not enrolled, and asks the hub nothing', async () => {
    const r = await lookup({ by: 'holderId', value: CCCD, purpose: PURPOSE });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'HUB_NOT_ENROLLED', message: expect.stringContaining('chưa đăng ký với máy chủ tỉnh') });
    expect(await hubLookups()).toBe(0);
  });

  it('finds the result by CCCD at the unit that holds it, in the name of the signed-in officer, audited on both sides', async () => {
    await enrol(other, '16180');
    // a name in the request is ignored: the officer is the session's user
    const found = await must(lookup({ by: 'holderId', value: CCCD, purpose: PURPOSE, officer: { username: 'someone.else', fullName: 'X' } }));
    expect(found.results).toHaveLength(1);
    expect(found.results[0]).toMatchObject({ dossierCode: 'TS-2024-0007', unitCode: '16222', unitName: 'Xã Thanh Sơn', holderName: 'Lê Thị Hoa', resultNumber: '77/KS', issuedOn: '2024-03-04', signed: { sha256, size: pdf.length } });
    const deskId = (await must(other.core.call('hub.status', {}, other.admin))).deskId;
    const row = (await hubDb.query('SELECT officer, desk_id, purpose_dossier, note, results FROM lookups WHERE id = $1', [found.lookupId])).rows[0];
    expect(row).toMatchObject({ officer: `${deskId}/vanthu.xuanhoa`, desk_id: deskId, purpose_dossier: PURPOSE.dossierCode, note: PURPOSE.note, results: 1 });
    const local = auditRows(other, 'hub.lookup').at(-1)!;
    expect(local).toMatchObject({ type: 'holderId', objectId: CCCD });
    expect(JSON.parse(local.details)).toMatchObject({ purpose: PURPOSE, officer: 'vanthu.xuanhoa', lookupId: found.lookupId, results: 1, units: ['16222'] });
    expect(local.userId).toBe(other.core.db.prepare("SELECT id FROM users WHERE username = 'vanthu.xuanhoa'").pluck().get());
  });

  it('downloads the signed copy through the hub for the officer who looked it up, and no one else', async () => {
    const found = await must(lookup({ by: 'dossierCode', value: 'TS-2024-0007', purpose: PURPOSE }));
    const query = new URLSearchParams({ lookup: found.lookupId, sha256, name: 'TS-2024-0007' });
    const file = await other.core.download('hub-copy.pdf', query, officer);
    expect(file).toMatchObject({ fileName: 'ban-sao-TS-2024-0007.pdf', mime: 'application/pdf' });
    expect(file!.bytes.equals(pdf)).toBe(true);
    expect(JSON.parse(auditRows(other, 'hub.download').at(-1)!.details)).toMatchObject({ lookupId: found.lookupId, size: pdf.length, officer: 'vanthu.xuanhoa' });
    const hubAudit = await hubDb.query("SELECT desk_id, details FROM audit_log WHERE action = 'reuse.download' AND object_id = $1", [sha256]);
    expect(hubAudit.rows).toHaveLength(1);
    expect(JSON.parse(hubAudit.rows[0].details)).toMatchObject({ officer: expect.stringMatching(/\/vanthu\.xuanhoa$/), lookupId: found.lookupId });
    // the desk's administrator did not make that lookup: the hub refuses the copy
    await expect(other.core.download('hub-copy.pdf', query, other.admin)).rejects.toMatchObject({ code: 'HUB_REFUSED', message: expect.stringContaining('vừa tra cứu') });
  });

  it('refuses a wildcard on the desk and passes the hub’s reason for an incomplete CCCD; no match is an empty list', async () => {
    const before = await hubLookups();
    const wild = await lookup({ by: 'dossierCode', value: 'TS-2024-%', purpose: PURPOSE });
    expect(wild.ok).toBe(false);
    if (!wild.ok) expect(wild.error).toMatchObject({ code: 'HUB_LOOKUP_EXACT', message: expect.stringContaining('ký tự đại diện') });
    expect(await hubLookups()).toBe(before);
    const partial = await lookup({ by: 'holderId', value: '03819001', purpose: PURPOSE });
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.error).toMatchObject({ code: 'HUB_LOOKUP_EXACT', message: expect.stringContaining('phải đủ 12 chữ số') });
    expect((await must(lookup({ by: 'holderId', value: '038190099999', purpose: PURPOSE }))).results).toEqual([]);
    // a purpose is required before anything is sent
    const noPurpose = await lookup({ by: 'holderId', value: CCCD, purpose: { dossierCode: '' } });
    expect(noPurpose.ok).toBe(false);
    if (!noPurpose.ok) expect(noPurpose.error.code).toBe('BAD_REQUEST');
  });

  it('is for records staff, unit heads and administrators, each as themselves', async () => {
    await must(other.core.call('users.save', { username: 'kyso.xuanhoa', fullName: 'Người Ký', role: 'signing_officer', unitId: other.byCode('16180'), password: 'kyso-pass-12' }, other.admin));
    const signer = await signedInAs(other.core, 'kyso.xuanhoa', 'kyso-pass-12');
    const r = await lookup({ by: 'holderId', value: CCCD, purpose: PURPOSE }, signer);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    const head = await must(other.core.call('users.save', { username: 'lanhdao.xuanhoa', fullName: 'Lãnh Đạo', role: 'unit_head', unitId: other.byCode('16180'), password: 'lanhdao-pass-1' }, other.admin));
    expect(head).toBeTruthy();
    expect((await must(lookup({ by: 'holderId', value: CCCD, purpose: PURPOSE }, await signedInAs(other.core, 'lanhdao.xuanhoa', 'lanhdao-pass-1')))).results).toHaveLength(1);
  });

  it('passes the hub’s rate limit through with its reason', async () => {
    const admin = other.admin;
    const errors: string[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await lookup({ by: 'resultNumber', value: `${100 + i}/KS`, purpose: PURPOSE }, admin);
      if (!r.ok) errors.push(`${r.error.code}: ${r.error.message}`);
    }
    expect(errors).toEqual([expect.stringMatching(/^HUB_LOOKUP_RATE: Bạn đã tra cứu quá nhiều lần trong thời gian ngắn: Đã tra cứu 30 lần trong 10 phút/)]);
    expect(JSON.parse(auditRows(other, 'hub.lookup').at(-1)!.details)).toMatchObject({ refused: 'HUB_LOOKUP_RATE' });
  });

  it('says the hub cannot be reached, in words for a lookup', async () => {
    await relay.down();
    try {
      const r = await lookup({ by: 'holderId', value: CCCD, purpose: PURPOSE });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'HUB_LOOKUP_OFFLINE', message: expect.stringContaining('nên chưa tra cứu được') });
    } finally {
      await relay.up();
    }
  });
});
