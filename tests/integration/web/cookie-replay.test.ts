// Browsers send a host's cookies to every port of 127.0.0.1, so any program listening there
// that the browser visits gets the browser host's cookies. Replayed on their own they must
// open nothing of the archive: calls need the launch secret in a header, files and events the
// link key in their URL, both known only to the page.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { jpegScan } from '../../fixtures/scans';
import { setUpCore, tempDir } from '../../helpers';
import { requestTo, type Reply } from './http';

let host: WebHost;
let ctx: Awaited<ReturnType<typeof setUpCore>>;
const renderer = tempDir();
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>ok</title>');

beforeAll(async () => {
  ctx = await setUpCore();
  host = await startWebHost({ core: ctx.core, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  await ctx.core.close();
});

const request = (p: string, opts: Parameters<typeof requestTo>[2] = {}) => requestTo(host.url, p, opts);
const cookiesOf = (r: Reply) => (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
/** The link key as the renderer derives it from the secret (renderer/src/api/http-bridge.ts). */
const linkKey = () => createHash('sha256').update(`sohoa-links:${host.token}`).digest('hex');

/** The page's own way in: the launch URL, then calls with the secret the redirect handed it. */
async function launchedPage() {
  const launch = await request(`/?token=${host.token}`);
  expect(launch.status).toBe(302);
  // the secret goes to the fragment, which no request carries; the cookie holds something else
  expect(launch.headers.location).toBe(`/#launch=${host.token}`);
  const jar = new Map(cookiesOf(launch).map((c) => c.split('=') as [string, string]));
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const call = async (method: string, payload: unknown = {}) => {
    const r = await request(`/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}`, Cookie: cookie(), 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
    for (const c of cookiesOf(r)) jar.set(c.split('=')[0], c.split('=')[1]);
    return JSON.parse(r.body);
  };
  return { jar, cookie, call };
}

describe('session cookies replayed by another program on 127.0.0.1', () => {
  it('open nothing without the secret, though the page with them works', async () => {
    const page = await launchedPage();
    expect((await page.call('auth.signIn', { username: 'admin', password: 'admin-pass-1' })).ok).toBe(true);
    const up = await request('/upload', { method: 'POST', headers: { Authorization: `Bearer ${host.token}`, Cookie: page.cookie(), 'Content-Type': 'application/octet-stream' }, body: await jpegScan() });
    const imported = await page.call('documents.import', { sources: [{ stagedId: JSON.parse(up.body).value.stagedId, name: 'Giấy phép.jpg' }] });
    expect(imported.ok).toBe(true);
    await ctx.core.jobs.idle();
    const docId = (await page.call('documents.list')).value.items[0].id as number;

    // what the other program received: every cookie of this host, none holding the secret or the link key
    const stolen = page.cookie();
    const port = new URL(host.url).port;
    expect([...page.jar.keys()].sort()).toEqual([`sohoa_client_${port}`, `sohoa_token_${port}`]);
    expect(stolen).not.toContain(host.token);
    expect(stolen).not.toContain(linkKey());
    const json = { Cookie: stolen, 'Content-Type': 'application/json' };
    expect((await request('/api/auth.me', { method: 'POST', headers: json, body: '{}' })).status).toBe(401);
    expect((await request('/api/documents.list', { method: 'POST', headers: json, body: '{}' })).status).toBe(401);
    expect((await request('/upload', { method: 'POST', headers: { Cookie: stolen, 'Content-Type': 'application/octet-stream' }, body: 'x' })).status).toBe(401);
    for (const p of [`/archive/file/${docId}`, `/archive/thumb/${docId}`, '/events', '/export/coverage.csv?at=2025-06-30']) expect((await request(p, { headers: { Cookie: stolen } })).status, p).toBe(401);
    // a wrong link key, or the link key on a call, is no better
    expect((await request(`/archive/file/${docId}?k=${'0'.repeat(64)}`, { headers: { Cookie: stolen } })).status).toBe(401);
    expect((await request(`/api/auth.me?k=${linkKey()}`, { method: 'POST', headers: json, body: '{}' })).status).toBe(401);
    // the renderer's own files are all the page cookie opens
    expect((await request('/', { headers: { Cookie: stolen } })).status).toBe(200);

    // the page itself, with the secret and the key derived from it, still works
    expect((await page.call('auth.me')).value).toMatchObject({ username: 'admin' });
    const file = await request(`/archive/file/${docId}?k=${linkKey()}`, { headers: { Cookie: stolen } });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect((await request(`/export/coverage.csv?at=2025-06-30&k=${linkKey()}`, { headers: { Cookie: stolen } })).status).toBe(200);
    // the key without the signed-in session's cookie is a stranger: no file
    expect((await request(`/archive/file/${docId}?k=${linkKey()}`)).status).toBe(404);
  });
});
