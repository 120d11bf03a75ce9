// Hub staff: sessions, roles, a district head held to the district, and the reuse lookup's
// rules (exact identifiers, a stated purpose, rate limit, every look audited, downloads only
// through a lookup that found the copy).
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyHubAudit } from '../../../hub/accounts/audit';
import { LOOKUP_LIMIT } from '../../../hub/reuse/lookup';
import { registerItem, TestDesk } from '../../fixtures/hub-desk';
import { startTestHub } from '../../fixtures/hub';
import { StaffClient } from '../../fixtures/hub-staff';

let hub: Awaited<ReturnType<typeof startTestHub>>;
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n% signed copy\n'), Buffer.alloc(3000, 65), Buffer.from('\n%%EOF\n')]);
const sha = createHash('sha256').update(pdf).digest('hex');

beforeAll(async () => {
  hub = await startTestHub();
  const desk = new TestDesk(hub.url);
  await desk.enrol(await hub.admin.createEnrolmentCode('16222'), { code: '16222' });
  const items = [
    registerItem(1, 'HS-TS-001', '16222', { holderId: '038090001234', holderName: 'Lê Thị Hoa', digitizedOn: '2021-05-01' }),
    registerItem(2, 'HS-TS-002', '16222', { holderId: '038090009999' }),
    { seq: 3, kind: 'document', data: { localId: 1, unit: { code: '16222', validFrom: null }, dossierCode: 'HS-TS-001', title: 'Giấy khai sinh', status: 'signed', pageCount: 1, digitizedAt: null, fields: {}, signed: { sha256: sha, size: pdf.length } } },
  ];
  expect((await desk.send('POST', '/api/desk/batch', { items })).body.value.missingBlobs).toEqual([sha]);
  expect((await desk.send('PUT', `/api/desk/blobs/${sha}?offset=0`, pdf)).body.value.complete).toBe(true);
  await hub.admin.createAccount('admin', 'hub_admin', null);
  await hub.admin.createAccount('tinh', 'province_head', '38');
  await hub.admin.createAccount('nhuxuan', 'district_head', '402');
  await hub.admin.createAccount('vanthu', 'records_staff', '16174');
  await hub.admin.createAccount('vanthu2', 'records_staff', '16174');
});

describe('staff sessions and roles', () => {
  it('refuses a call without the page header or the session, and a wrong password like an unknown name', async () => {
    const s = new StaffClient(hub.url);
    expect((await s.call('coverage.report', {})).body.error.code).toBe('NOT_SIGNED_IN');
    const wrong = await s.signIn('nhuxuan', 'nope-nope-1');
    const unknown = await s.signIn('khongco', 'nope-nope-1');
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect((await s.signIn('nhuxuan')).status).toBe(200);
    expect((await s.call('coverage.report', {}, { header: false })).status).toBe(403);
    expect((await s.call('auth.me')).body.value).toMatchObject({ username: 'nhuxuan', role: 'district_head' });
  });

  it('holds a district head to the district and keeps records staff to the lookup', async () => {
    const head = new StaffClient(hub.url);
    await head.signIn('nhuxuan');
    const own = await head.call('coverage.report', { at: '2021-12-31' });
    expect(own.body.value.scope.code).toBe('402');
    const thanhSon = own.body.value.units.find((u: { code: string }) => u.code === '16222');
    expect(thanhSon).toMatchObject({ valid: 2, digitized: 1 });
    const province = (await head.call('units.list', { at: '2021-12-31' })).body.value.find((u: { code: string }) => u.code === '38');
    expect((await head.call('coverage.report', { unitId: province.id })).body.error.code).toBe('FORBIDDEN');
    const clerk = new StaffClient(hub.url);
    await clerk.signIn('vanthu');
    expect((await clerk.call('coverage.report', {})).body.error.code).toBe('FORBIDDEN');
    expect((await clerk.call('hub.enrolmentCode', { unitId: 1 })).body.error.code).toBe('FORBIDDEN');
    const whole = new StaffClient(hub.url);
    await whole.signIn('tinh');
    expect((await whole.call('coverage.report', { at: '2021-12-31' })).body.value.levels.length).toBe(3);
  });
});

describe('reuse lookup', () => {
  it('finds a result by CCCD with a purpose, audits it, and lets only that lookup download the signed copy', async () => {
    const clerk = new StaffClient(hub.url);
    await clerk.signIn('vanthu');
    const r = await clerk.call('reuse.lookup', { by: 'holderId', value: '038090001234', purpose: { dossierCode: '000.16174.000123', note: 'Đăng ký kết hôn' } });
    expect(r.body.value.results).toHaveLength(1);
    expect(r.body.value.results[0]).toMatchObject({ dossierCode: 'HS-TS-001', unitCode: '16222', signed: { sha256: sha } });
    const file = await clerk.get(`/api/files/${r.body.value.lookupId}/${sha}`);
    expect(file.status).toBe(200);
    expect(file.raw.equals(pdf)).toBe(true);
    const other = new StaffClient(hub.url);
    await other.signIn('vanthu2');
    expect((await other.get(`/api/files/${r.body.value.lookupId}/${sha}`)).status).toBe(403);
    const audit = (await hub.ctx.pool.query("SELECT action, object_id, details FROM audit_log WHERE action LIKE 'reuse.%' ORDER BY id")).rows;
    expect(audit.map((a) => a.action)).toEqual(['reuse.lookup', 'reuse.download']);
    expect(JSON.parse(audit[0].details)).toMatchObject({ officer: 'hub/vanthu', purpose: { dossierCode: '000.16174.000123' } });
    expect(await verifyHubAudit(hub.ctx.pool)).toMatchObject({ brokenAt: null });
  });

  it("keeps another commune's result with the same dossier code as its own row, and finds one row per unit with that unit's signed copy", async () => {
    // codes are per unit (hub schema v3): a desk of 16219 sending HS-TS-001 writes 16219's row, 16222's stays
    const desk = new TestDesk(hub.url);
    await desk.enrol(await hub.admin.createEnrolmentCode('16219'), { code: '16219' });
    const sent = await desk.send('POST', '/api/desk/batch', { items: [registerItem(1, 'HS-TS-001', '16219', { holderId: '038090005555', holderName: 'Phạm Văn C' })] });
    expect(sent.status).toBe(200);
    await hub.admin.createAccount('vanthu3', 'records_staff', '16174');
    const clerk = new StaffClient(hub.url);
    await clerk.signIn('vanthu3');
    const r = await clerk.call('reuse.lookup', { by: 'dossierCode', value: 'HS-TS-001', purpose: { dossierCode: '000.16174.000124', note: '' } });
    const rows = r.body.value.results.map((x: { unitCode: string; holderName: string; signed: unknown }) => ({ unit: x.unitCode, holder: x.holderName, signed: x.signed !== null }));
    expect(rows.sort((a: { unit: string }, b: { unit: string }) => (a.unit < b.unit ? -1 : 1))).toEqual([
      { unit: '16219', holder: 'Phạm Văn C', signed: false },
      { unit: '16222', holder: 'Lê Thị Hoa', signed: true },
    ]);
  });

  it('refuses wildcards, partial IDs and a missing purpose; rate-limits per officer', async () => {
    const clerk = new StaffClient(hub.url);
    await clerk.signIn('vanthu2');
    const purpose = { dossierCode: '000.16174.000999', note: '' };
    expect((await clerk.call('reuse.lookup', { by: 'holderId', value: '0380%', purpose })).body.error.code).toBe('LOOKUP_EXACT');
    expect((await clerk.call('reuse.lookup', { by: 'holderId', value: '03809', purpose })).body.error.code).toBe('LOOKUP_EXACT');
    expect((await clerk.call('reuse.lookup', { by: 'dossierCode', value: 'HS-TS-002' })).body.error.code).toBe('BAD_REQUEST');
    let last;
    for (let i = 0; i <= LOOKUP_LIMIT.count; i++) last = await clerk.call('reuse.lookup', { by: 'dossierCode', value: 'HS-TS-002', purpose });
    expect(last!.status).toBe(429);
    expect(last!.body.error.message).toMatch(/thử lại sau/);
  });
});

describe('revoking a desk', () => {
  it('refuses the revoked desk from its next request on, keeps what it sent, and audits who revoked it', async () => {
    const desk = new TestDesk(hub.url);
    await desk.enrol(await hub.admin.createEnrolmentCode('16216'), { code: '16216' });
    expect((await desk.send('POST', '/api/desk/batch', { items: [registerItem(1, 'HS-REV-1', '16216')] })).status).toBe(200);
    const admin = new StaffClient(hub.url);
    await admin.signIn('admin');
    const head = new StaffClient(hub.url);
    await head.signIn('tinh');
    expect((await head.call('hub.revokeDesk', { deskId: desk.deskId })).body.error.code).toBe('FORBIDDEN');
    expect((await admin.call('hub.revokeDesk', { deskId: desk.deskId })).status).toBe(200);
    const after = await desk.send('POST', '/api/desk/batch', { items: [registerItem(2, 'HS-REV-2', '16216')] });
    expect(after.body.error.code).toBe('DESK_UNKNOWN');
    expect((await hub.ctx.pool.query("SELECT dossier_code FROM register WHERE dossier_code LIKE 'HS-REV-%'")).rows).toEqual([{ dossier_code: 'HS-REV-1' }]);
    expect((await hub.ctx.pool.query("SELECT account_id FROM audit_log WHERE action = 'desk.revoke'")).rows).toHaveLength(1);
  });
});
