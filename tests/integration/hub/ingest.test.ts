// Enrolment and signed sync against a real hub on a real PostgreSQL database: one-time codes,
// signatures, replays, scope, idempotent batches, and bad input refused with nothing written.
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { registerItem, request, TestDesk } from '../../fixtures/hub-desk';
import { startTestHub } from '../../fixtures/hub';

let hub: Awaited<ReturnType<typeof startTestHub>>;
let desk: TestDesk;
const count = async (sql: string, args: unknown[] = []) => Number((await hub.ctx.pool.query(sql, args)).rows[0].n);

beforeAll(async () => {
  hub = await startTestHub();
  desk = new TestDesk(hub.url);
  const r = await desk.enrol(await hub.admin.createEnrolmentCode('402'), { code: '402' });
  expect(r.body).toMatchObject({ ok: true, value: { unit: { code: '402', level: 'district' }, acked: 0 } });
});

describe('enrolment', () => {
  it('takes a code once, refuses an expired one, one for another unit, and logs each refusal', async () => {
    const code = await hub.admin.createEnrolmentCode('16222');
    const first = await new TestDesk(hub.url).enrol(code, { code: '16222' });
    expect(first.status).toBe(200);
    const again = await new TestDesk(hub.url).enrol(code, { code: '16222' });
    expect(again.status).toBe(403);
    expect(again.body.error).toMatchObject({ code: 'ENROL_CODE_INVALID' });
    expect(again.body.error.message).toMatch(/đã dùng hoặc đã hết hạn/);
    const other = await new TestDesk(hub.url).enrol(await hub.admin.createEnrolmentCode('16222'), { code: '402' });
    expect(other.body.error.code).toBe('ENROL_UNIT_MISMATCH');
    const expiring = await hub.admin.createEnrolmentCode('16222');
    await hub.ctx.pool.query("UPDATE enrolment_codes SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL");
    expect((await new TestDesk(hub.url).enrol(expiring, { code: '16222' })).body.error.code).toBe('ENROL_CODE_INVALID');
    expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'desk.enrol.refused'")).toBe(3);
  });
});

describe('signed batches', () => {
  it('applies a batch once, acknowledges its last sequence, and a resend changes nothing', async () => {
    const items = [registerItem(1, 'HS-402-0001', '402'), registerItem(2, 'HS-16222-0001', '16222', { digitizedOn: '2021-04-01' }), registerItem(3, 'HS-402-0001', '402', { resultNumber: '99/KS' })];
    const r = await desk.send('POST', '/api/desk/batch', { items });
    expect(r.body).toEqual({ ok: true, value: { acked: 3, applied: 3, missingBlobs: [] } });
    const again = await desk.send('POST', '/api/desk/batch', { items });
    expect(again.body.value).toEqual({ acked: 3, applied: 0, missingBlobs: [] });
    expect(await count("SELECT count(*) n FROM register WHERE dossier_code LIKE 'HS-%'")).toBe(2);
    expect((await hub.ctx.pool.query("SELECT result_number FROM register WHERE dossier_code = 'HS-402-0001'")).rows[0].result_number).toBe('99/KS');
    const status = await desk.send('GET', '/api/desk/status', null);
    expect(status.body.value.acked).toBe(3);
  });

  it('refuses a tampered body, a wrong key, a replayed nonce and a skewed clock, writing nothing', async () => {
    const before = await count('SELECT count(*) n FROM register');
    const batch = { items: [registerItem(10, 'HS-402-0010', '402')] };
    const tampered = await desk.send('POST', '/api/desk/batch', batch, { tamper: (b) => Buffer.from(b.toString().replace('HS-402-0010', 'HS-402-0011')) });
    expect(tampered.status).toBe(401);
    expect(tampered.body.error.code).toBe('SIGNATURE_BAD');
    const stranger = new TestDesk(hub.url);
    const wrongKey = await desk.send('POST', '/api/desk/batch', batch, { key: stranger.privateKey });
    expect(wrongKey.body.error.code).toBe('SIGNATURE_BAD');
    const skewed = await desk.send('POST', '/api/desk/batch', batch, { time: new Date(Date.now() - 3600_000).toISOString() });
    expect(skewed.body.error.code).toBe('CLOCK_SKEW');
    const nonce = 'ab'.repeat(16);
    expect((await desk.send('GET', '/api/desk/status', null, { nonce })).status).toBe(200);
    const replay = await desk.send('GET', '/api/desk/status', null, { nonce });
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('REPLAY');
    expect(await count('SELECT count(*) n FROM register')).toBe(before);
  });

  it('refuses a batch touching a unit outside the desk, logs it, and applies none of it', async () => {
    const before = await count('SELECT count(*) n FROM register');
    // 401 is another district (Ngọc Lặc/…): outside Như Xuân (402)
    const r = await desk.send('POST', '/api/desk/batch', { items: [registerItem(20, 'HS-402-0020', '402'), registerItem(21, 'HS-OTHER-1', '380')] });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('OUT_OF_SCOPE');
    expect(r.body.error.message).toMatch(/ngoài phạm vi/);
    expect(await count('SELECT count(*) n FROM register')).toBe(before);
    expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'sync.refused'")).toBeGreaterThanOrEqual(1);
    expect((await desk.send('GET', '/api/desk/status', null)).body.value.acked).toBe(3);
  });

  it('refuses malformed JSON, a bad item and an oversized body with their reasons; the hub keeps serving', async () => {
    const bad = await desk.send('POST', '/api/desk/batch', Buffer.from('{"items": ['));
    expect(bad.body.error.code).toBe('BAD_JSON');
    const invalid = await desk.send('POST', '/api/desk/batch', { items: [{ seq: 30, kind: 'register', data: { dossierCode: 'X' } }] });
    expect(invalid.body.error.code).toBe('BAD_REQUEST');
    const huge = await request(hub.url, 'POST', '/api/desk/batch', null, { 'Content-Length': String(2 * 1024 ** 3), ...desk.signedHeaders('POST', '/api/desk/batch', Buffer.alloc(0)) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('BODY_TOO_LARGE');
    expect((await desk.send('GET', '/api/desk/status', null)).status).toBe(200);
  });
});

describe('signed copies by hash', () => {
  it('takes a declared blob in chunks, resumes at the offset held, refuses bytes that hash otherwise', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(50_000, 7), Buffer.from('\n%%EOF\n')]);
    const sha = (await import('node:crypto')).createHash('sha256').update(pdf).digest('hex');
    const doc = { seq: 40, kind: 'document', data: { localId: 7, unit: { code: '402', validFrom: null }, dossierCode: 'HS-402-0001', title: 'Giấy khai sinh', status: 'signed', pageCount: 1, digitizedAt: '2021-04-01T02:00:00Z', fields: { number: '12/KS' }, signed: { sha256: sha, size: pdf.length } } };
    const r = await desk.send('POST', '/api/desk/batch', { items: [doc] });
    expect(r.body.value.missingBlobs).toEqual([sha]);
    expect((await desk.send('PUT', `/api/desk/blobs/${sha}?offset=0`, pdf.subarray(0, 20_000))).body.value).toEqual({ complete: false, received: 20_000 });
    // a chunk sent again at a stale offset is not appended twice
    expect((await desk.send('PUT', `/api/desk/blobs/${sha}?offset=0`, pdf.subarray(0, 20_000))).body.value.received).toBe(20_000);
    expect((await desk.send('GET', `/api/desk/blobs/${sha}`, null)).body.value).toEqual({ complete: false, received: 20_000 });
    expect((await desk.send('PUT', `/api/desk/blobs/${sha}?offset=20000`, pdf.subarray(20_000))).body.value).toEqual({ complete: true, received: pdf.length });
    const fake = Buffer.alloc(1000, 1);
    const fakeSha = 'f'.repeat(64);
    await desk.send('POST', '/api/desk/batch', { items: [{ ...doc, seq: 41, data: { ...doc.data, localId: 8, signed: { sha256: fakeSha, size: fake.length } } }] });
    const wrong = await desk.send('PUT', `/api/desk/blobs/${fakeSha}?offset=0`, fake);
    expect(wrong.body.error.code).toBe('BLOB_HASH_MISMATCH');
    expect((await desk.send('GET', `/api/desk/blobs/${fakeSha}`, null)).body.value).toEqual({ complete: false, received: 0 });
    // a second desk declaring the same copy finds it held already: sent once across the province
    const other = new TestDesk(hub.url);
    await other.enrol(await hub.admin.createEnrolmentCode('16222'), { code: '16222' });
    const dup = await other.send('POST', '/api/desk/batch', { items: [{ ...doc, seq: 1, data: { ...doc.data, unit: { code: '16222', validFrom: null }, localId: 1 } }] });
    expect(dup.body.value.missingBlobs).toEqual([]);
  });
});

describe('schema', () => {
  it('refuses to start on a database of a newer schema', async () => {
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    await client.query("INSERT INTO hub_schema(version, name) VALUES (999, 'future')");
    await client.end();
    await expect(startTestHub({ databaseUrl: hub.databaseUrl })).rejects.toThrow(/mới hơn/);
  });
});
