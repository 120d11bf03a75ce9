// A page's requests and its sign-in overlap: the renderer boots (its files, app.info, the event
// stream) while the sign-in is on its way, and under load some of those answers come back after
// the sign-in's. Played here in that order on purpose, over real HTTP, with a cookie jar that
// keeps whatever Set-Cookie arrives last, as Chromium's does: the sign-in must survive it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { setUpCore, tempDir } from '../../helpers';
import { requestTo, type Reply } from './http';

let host: WebHost;
let ctx: Awaited<ReturnType<typeof setUpCore>>;
const renderer = tempDir();
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>ok</title>');
fs.writeFileSync(path.join(renderer, 'app.js'), 'console.log(1)');

beforeAll(async () => {
  ctx = await setUpCore();
  host = await startWebHost({ core: ctx.core, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  await ctx.core.close();
});

const request = (p: string, opts: Parameters<typeof requestTo>[2] = {}) => requestTo(host.url, p, opts);

/** A tab opened on the launch URL: its cookie jar, and requests whose Cookie header is taken when they are sent. */
async function tab() {
  const jar = new Map<string, string>();
  const keep = (r: Reply) => {
    for (const c of r.headers['set-cookie'] ?? []) {
      const [k, v] = c.split(';')[0].split('=');
      jar.set(k, v);
    }
    return r;
  };
  keep(await request(`/?token=${host.token}`));
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  /**
   * A request with today's cookies; `arrive()` has the host handle it and its answer reach the
   * jar, possibly after later ones (the order a loaded machine may give them).
   */
  const send = (p: string, method = 'GET', payload?: unknown) => {
    const headers = { Cookie: cookie(), Authorization: `Bearer ${host.token}`, ...(payload ? { 'Content-Type': 'application/json' } : {}) };
    return {
      arrive: async () => {
        const r = keep(await request(p, { method, headers, body: payload ? JSON.stringify(payload) : undefined }));
        return p.startsWith('/api/') ? JSON.parse(r.body) : r;
      },
    };
  };
  const call = (method: string, payload: unknown = {}) => send(`/api/${method}`, 'POST', payload).arrive();
  return { jar, cookie, send, call };
}

describe('the browser host session when requests overlap a sign-in', () => {
  it('the launch gives the page its session, so its first requests share it and set no cookie', async () => {
    const t = await tab();
    const port = new URL(host.url).port;
    expect([...t.jar.keys()].sort()).toEqual([`sohoa_client_${port}`, `sohoa_token_${port}`]);
    const before = t.jar.get(`sohoa_client_${port}`);
    const answers = await Promise.all([request('/app.js', { headers: { Cookie: t.cookie() } }), request('/api/app.info', { method: 'POST', headers: { Cookie: t.cookie(), Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: '{}' })]);
    for (const a of answers) expect(a.headers['set-cookie']).toBeUndefined();
    expect(t.jar.get(`sohoa_client_${port}`)).toBe(before);
  });

  it('answers sent before the sign-in and arriving after it do not sign the page out', async () => {
    const t = await tab();
    // the renderer's boot: a call, one of its files and the event stream, sent with the pre-sign-in id
    const info = t.send('/api/auth.me', 'POST', {});
    const file = t.send('/app.js');
    // the sign-in (setUp's setup.init or the form) answers first with a new id
    expect((await t.call('auth.signIn', { username: 'admin', password: 'admin-pass-1' })).ok).toBe(true);
    // then the older requests' answers arrive, as they do on a loaded machine
    expect((await info.arrive()).value).toBeNull(); // it asked before the sign-in
    await file.arrive();
    const late = t.send('/api/app.info', 'POST', {});
    await late.arrive();
    // still signed in: what the failing spec's register.save needed
    expect((await t.call('auth.me')).value).toMatchObject({ username: 'admin' });
  });

  it('an id the host no longer knows opens nothing and mints nothing', async () => {
    const port = new URL(host.url).port;
    const r = await request('/api/auth.me', { method: 'POST', headers: { Cookie: `sohoa_client_${port}=${'a'.repeat(48)}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(JSON.parse(r.body).value).toBeNull();
    expect(r.headers['set-cookie']).toBeUndefined();
  });
});
