// The hardened fetcher's rules against real HTTP servers on 127.0.0.1: one the admin allows
// (a CA inside the office) and one it does not (the app's own machine, an attacker's target).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/archive/db';
import { FetchRefused, Outbound } from '../../../electron/signing/trust/outbound-fetch';
import { allowedHosts, outboundFor, setAllowedHosts } from '../../../electron/signing/trust/outbound-hosts';
import { must, setUpCore, tempDir } from '../../helpers';

type Served = { url: string; hits: string[]; close(): Promise<void> };
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Served> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e) => (e instanceof FetchRefused ? e.why : `other: ${e}`));

describe('outbound fetcher', () => {
  let ca: Served;
  let inside: Served;
  beforeAll(async () => {
    inside = await serve((_req, res) => res.end('SECRET from the internal service'));
    ca = await serve((req, res) => {
      const u = req.url ?? '';
      if (u === '/to-inside') return res.writeHead(302, { Location: `${inside.url}/admin` }).end();
      if (u === '/to-ok') return res.writeHead(301, { Location: '/ok' }).end();
      if (u.startsWith('/loop')) return res.writeHead(302, { Location: `/loop${u.length}` }).end();
      if (u === '/big') return res.end(Buffer.alloc(2 * 1024 * 1024, 0x30));
      if (u === '/drip') {
        res.writeHead(200);
        const t = setInterval(() => res.write('x'), 100);
        return res.on('close', () => clearInterval(t));
      }
      res.end('ok');
    });
  });
  afterAll(async () => {
    await ca.close();
    await inside.close();
  });
  const allowingCa = (opts = {}) => new Outbound({ allow: [new URL(ca.url).host], ...opts });

  it('refuses loopback and other internal addresses unless the admin allows that host, before connecting', async () => {
    const net = new Outbound();
    for (const u of [`${inside.url}/x`, `http://localhost:${new URL(inside.url).port}/x`, `http://[::1]:${new URL(inside.url).port}/`, `http://[::ffff:127.0.0.1]:${new URL(inside.url).port}/`, `http://2130706433:${new URL(inside.url).port}/`, 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/'])
      expect(await refusal(net.fetch(u, { kind: 'crl' }))).toBe('internal');
    expect(inside.hits).toEqual([]);
    expect(net.notes[0]).toMatchObject({ url: `${inside.url}/x`, why: 'internal' });
    // allowing 127.0.0.1 on the CA's port neither opens another port nor the name "localhost"
    expect(await allowingCa().fetch(`${ca.url}/a`, { kind: 'crl' })).toEqual(Buffer.from('ok'));
    expect(await refusal(allowingCa().fetch(`${inside.url}/x`, { kind: 'crl' }))).toBe('internal');
    expect(await refusal(allowingCa().fetch(`http://localhost:${new URL(ca.url).port}/a`, { kind: 'crl' }))).toBe('internal');
  });

  it('fetches only http(s), without credentials in the address', async () => {
    for (const u of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'gopher://127.0.0.1:25/', `http://u:p@${new URL(ca.url).host}/`]) expect(await refusal(allowingCa().fetch(u, { kind: 'cert' }))).toBe('scheme');
  });

  it('checks each redirect hop again: an allowed server cannot send the fetcher inside; at most 3 hops', async () => {
    const hitsBefore = ca.hits.length;
    expect(await refusal(allowingCa().fetch(`${ca.url}/to-inside`, { kind: 'crl' }))).toBe('internal');
    expect(inside.hits).toEqual([]);
    expect(await allowingCa().fetch(`${ca.url}/to-ok`, { kind: 'crl' })).toEqual(Buffer.from('ok'));
    expect(await refusal(allowingCa().fetch(`${ca.url}/loop`, { kind: 'crl' }))).toBe('redirects');
    expect(ca.hits.length - hitsBefore).toBe(1 + 2 + 4);
  });

  it('caps the size (10 MB for a CRL, 1 MB otherwise) and the time of a whole exchange', async () => {
    expect(await refusal(allowingCa().fetch(`${ca.url}/big`, { kind: 'cert' }))).toBe('too-large');
    expect((await allowingCa().fetch(`${ca.url}/big`, { kind: 'crl' })).length).toBe(2 * 1024 * 1024);
    const t0 = Date.now();
    // a byte every 100 ms keeps the socket busy; the deadline still ends it
    expect(await refusal(allowingCa({ timeoutMs: 600 }).fetch(`${ca.url}/drip`, { kind: 'ocsp' }))).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('spends a budget of requests, then makes none and says so once', async () => {
    const net = allowingCa({ budget: 3 });
    const before = ca.hits.length;
    for (let i = 0; i < 6; i++) await net.fetch(`${ca.url}/n${i}`, { kind: 'cert' }).catch(() => null);
    expect(ca.hits.length - before).toBe(3);
    expect(net.notes.filter((n) => n.why === 'budget')).toHaveLength(1);
    expect(new FetchRefused(net.notes[0].url, 'budget').message).toMatch(/^Không tải http:\/\/127\.0\.0\.1:\d+\/n3 vì đã hết hạn mức số lần tải/);
  });

  it('reads the allow-list the admin saved (and the admin’s TSA host) for each fetcher', async () => {
    const db = openDatabase(path.join(tempDir(), 'archive.sqlite'));
    expect(() => setAllowedHosts(db, ['http://ca.local/crl'], null)).toThrow(/không phải tên máy chủ/);
    setAllowedHosts(db, [new URL(ca.url).host, 'ca.noi-bo.vn'], null);
    expect(allowedHosts(db)).toEqual([new URL(ca.url).host, 'ca.noi-bo.vn']);
    expect(await outboundFor(db).fetch(`${ca.url}/a`, { kind: 'crl' })).toEqual(Buffer.from('ok'));
    expect(await refusal(outboundFor(db).fetch(`${inside.url}/a`, { kind: 'crl' }))).toBe('internal');
    expect(await outboundFor(db, { tsaUrl: `${inside.url}/tsa` }).fetch(`${inside.url}/tsa`, { kind: 'tsa' })).toEqual(Buffer.from('SECRET from the internal service'));
  });

  it('is edited by the admin through signing.setConfig, beside the TSA', async () => {
    const { core, admin } = await setUpCore();
    await must(core.call('signing.setConfig', { tsaUrl: 'http://tsa.noi-bo.vn/tsa', allowHosts: ['ca.noi-bo.vn:8080', '10.0.0.5'] }, admin));
    expect(await must(core.call('signing.config', {}, admin))).toEqual({ tsaUrl: 'http://tsa.noi-bo.vn/tsa', allowHosts: ['ca.noi-bo.vn:8080', '10.0.0.5'] });
    const bad = await core.call('signing.setConfig', { tsaUrl: null, allowHosts: ['http://ca.noi-bo.vn/crl'] }, admin);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('"http://ca.noi-bo.vn/crl" không phải tên máy chủ') } });
    // nothing of the refused request was saved
    expect(await must(core.call('signing.config', {}, admin))).toMatchObject({ tsaUrl: 'http://tsa.noi-bo.vn/tsa' });
    await core.close();
  });
});
