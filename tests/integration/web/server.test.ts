// The browser host over real HTTP on 127.0.0.1: token, Host and Origin checks, cookies,
// contract calls, uploads, archived files and server-sent events.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { jpegScan } from '../../fixtures/scans';
import { setUpCore, tempDir } from '../../helpers';
import { requestTo } from './http';

let host: WebHost;
let core: Awaited<ReturnType<typeof setUpCore>>['core'];
const renderer = tempDir();
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>ok</title>');

beforeAll(async () => {
  ({ core } = await setUpCore());
  host = await startWebHost({ core, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  await core.close();
});

const request = (p: string, opts: Parameters<typeof requestTo>[2] = {}) => requestTo(host.url, p, opts);
const bearer = () => ({ Authorization: `Bearer ${host.token}` });
const json = (body: unknown) => ({ 'Content-Type': 'application/json', ...bearer(), body: JSON.stringify(body) });

describe('browser host', () => {
  it('keeps an idle keep-alive connection open past a few seconds, so a call made then is not reset', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const call = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.request(new URL('/api/app.info', host.url), { method: 'POST', agent, headers: { 'Content-Type': 'application/json', ...bearer() } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end('{}');
      });
    try {
      expect((await call()).status).toBe(200);
      // Node's default would have closed the socket at 5 s
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await call()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 15_000);

  it('listens on loopback only and prints a token URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.launchUrl).toBe(`${host.url}?token=${host.token}`);
    expect(host.token).toMatch(/^[a-f0-9]{64}$/);
  });

  it('answers 401 without the token or with a wrong one, on every path', async () => {
    for (const p of ['/', '/index.html', '/archive/file/1', '/events']) expect((await request(p)).status).toBe(401);
    expect((await request('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await request('/', { headers: { Authorization: `Bearer ${'f'.repeat(64)}` } })).status).toBe(401);
    expect((await request(`/?token=${'0'.repeat(64)}`)).status).toBe(401);
  });

  it('hands the token in the URL to the page in the fragment, and sets a page cookie and a session cookie', async () => {
    const r = await request(`/?token=${host.token}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(`/#launch=${host.token}`);
    const port = new URL(host.url).port;
    // named for this host's port: browsers send a host's cookies to all its ports, so never the token itself
    const set = r.headers['set-cookie']![0];
    expect(set).toMatch(new RegExp(`^sohoa_token_${port}=[a-f0-9]{64}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(set).not.toContain(host.token);
    // the page's session from its first request on (its boot and its sign-in then share one id)
    expect(r.headers['set-cookie']![1]).toMatch(new RegExp(`^sohoa_client_${port}=[0-9a-f]{48}; HttpOnly; SameSite=Strict; Path=/$`));
    const page = await request('/', { headers: { Cookie: set.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await request('/', { headers: { Cookie: `sohoa_token_${port}=${host.token}` } })).status).toBe(401);
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign Origins', async () => {
    expect((await request('/', { headers: { ...bearer(), Host: 'evil.example:80' } })).status).toBe(403);
    const port = new URL(host.url).port;
    expect((await request('/api/app.info', { method: 'POST', headers: { ...json({}), Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await request('/api/app.info', { method: 'POST', headers: { ...json({}), Origin: `http://localhost:${port}` }, body: '{}' })).status).toBe(200);
  });

  it('serves contract calls as JSON envelopes, only by POST with JSON', async () => {
    const { body, ...h } = json({});
    const r = await request('/api/app.info', { method: 'POST', headers: h, body });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { firstRun: false, shell: 'web' } });
    expect((await request('/api/app.info', { headers: bearer() })).status).toBe(405);
    expect((await request('/api/app.info', { method: 'POST', headers: { ...bearer(), 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const bad = await request('/api/documents.get', { method: 'POST', headers: h, body: 'not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('keeps a sign-in per browser client, uploads, imports, and serves the archived file to that client only', async () => {
    const signIn = await request('/api/auth.signIn', { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer() }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-1' }) });
    const cookie = signIn.headers['set-cookie']!.map((c) => c.split(';')[0]).join('; ');
    const as = { ...bearer(), Cookie: cookie };
    const jpg = await jpegScan();
    const up = JSON.parse((await request('/upload', { method: 'POST', headers: { ...as, 'Content-Type': 'application/octet-stream' }, body: jpg })).body);
    expect(up.value.stagedId).toMatch(/^[a-f0-9]{32}$/);

    const events: string[] = [];
    const sse = http.get({ host: '127.0.0.1', port: new URL(host.url).port, path: '/events', headers: { Host: new URL(host.url).host, ...as } }, (res) => res.on('data', (c: Buffer) => events.push(String(c))));
    await new Promise((r) => setTimeout(r, 100));

    const imp = JSON.parse(
      (await request('/api/documents.import', { method: 'POST', headers: { ...as, 'Content-Type': 'application/json' }, body: JSON.stringify({ sources: [{ stagedId: up.value.stagedId, name: 'Giấy phép.jpg' }] }) })).body,
    );
    expect(imp.ok).toBe(true);
    await core.jobs.idle();
    await new Promise((r) => setTimeout(r, 100));
    sse.destroy();
    expect(events.join('')).toMatch(/event: job\.updated\ndata: \{.*"state":"done"/);

    const list = JSON.parse((await request('/api/documents.list', { method: 'POST', headers: { ...as, 'Content-Type': 'application/json' }, body: '{}' })).body);
    const doc = list.value.items.find((d: any) => d.sourceName === 'Giấy phép.jpg');
    const file = await request(`/archive/file/${doc.id}`, { headers: as });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    // another browser client that has not signed in gets nothing
    expect((await request(`/archive/file/${doc.id}`, { headers: bearer() })).status).toBe(404);
    expect(fs.readdirSync(path.join(core.dataDir, 'incoming'))).toEqual([]); // staged upload consumed
  });

  it('never serves files outside the renderer build', async () => {
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/archive/file/../../x']) expect((await request(p, { headers: bearer() })).status).toBe(404);
  });
});
