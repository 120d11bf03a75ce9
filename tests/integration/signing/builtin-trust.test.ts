// The national anchors ship with the app, pinned; a PDF signed under a "G2-like" test chain
// verifies as trusted on a fresh archive with no --trust once its root is built in, with the
// intermediate built in, fetched from the AIA address (once per batch), or named as missing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/archive/db';
import { BUILTIN_PINS, loadBuiltIns, type BuiltInSet } from '../../../electron/signing/trust/builtin-trust';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { listBuiltIns, setBuiltInEnabled } from '../../../electron/signing/trust/trust-store';
import { setAllowedHosts } from '../../../electron/signing/trust/outbound-hosts';
import { newBatch, verifyWithArchive } from '../../../electron/signing/verify/verify-service';
import { makeG2Chain } from '../../fixtures/g2-chain';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

const fp = (der: Buffer) => createHash('sha256').update(der).digest('hex');
const setOf = (items: { der: Buffer; root: boolean; file: string }[]): BuiltInSet => ({
  certs: items.map((c) => ({ ...c, subject: c.file, fingerprint: fp(c.der), validTo: '2048-01-01T00:00:00.000Z' })),
  problems: [],
});

describe('built-in national anchors', () => {
  it('ships the five public certificates, each matching its SHA-256 pin, roots told from intermediates', () => {
    const set = loadBuiltIns();
    expect(set.problems).toEqual([]);
    expect(Object.fromEntries(set.certs.map((c) => [c.file, c.root]))).toEqual({
      'vgca-rootca-g1.pem': true,
      'vgca-rootca-g2.pem': true,
      'vgca-ca-co-quan-nha-nuoc-g2.pem': false,
      'neac-vietnam-national-root-ca.pem': true,
      'vnpt-ca-sha2.pem': false,
    });
  });

  it('refuses a shipped file that does not match its pin, and says which', () => {
    const dir = tempDir();
    for (const f of Object.keys(BUILTIN_PINS)) fs.copyFileSync(path.join('assets', 'trust', f), path.join(dir, f));
    fs.copyFileSync(path.join('assets', 'trust', 'vnpt-ca-sha2.pem'), path.join(dir, 'vgca-rootca-g2.pem'));
    const set = loadBuiltIns(dir);
    expect(set.certs.map((c) => c.file)).not.toContain('vgca-rootca-g2.pem');
    expect(set.problems.join('\n')).toMatch(/vgca-rootca-g2\.pem: dấu vân tay SHA-256 .* không khớp/);
  });
});

describe('a G2-like signature on a fresh archive, no --trust', () => {
  let server: http.Server;
  let hits = 0;
  let serve: Buffer | null = null;
  let url = '';
  let chain: ReturnType<typeof makeG2Chain>;
  let signed: Buffer;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      if (serve) res.end(serve);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pki/pub/crt/cpcag2.crt`;
    chain = makeG2Chain(url);
    signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(chain.p12, chain.password), appearance: 'copy', agency: 'UBND tỉnh Thanh Hóa', time: new Date('2025-06-02T02:00:00Z') });
  });
  afterAll(() => server.close());
  // the AIA server of this test is on 127.0.0.1: the archive's admin allows it, as an office would its own CA
  const fresh = () => {
    const db = openDatabase(path.join(tempDir(), 'archive.sqlite'));
    setAllowedHosts(db, [new URL(url).host], null);
    return db;
  };

  it('is intact and trusted when the root and the intermediate are built in', async () => {
    const db = fresh();
    const set = setOf([
      { file: 'root.pem', der: chain.rootDer, root: true },
      { file: 'mid.pem', der: chain.intermediateDer, root: false },
    ]);
    const r = await verifyWithArchive(db, signed, { file: 'cv.pdf', builtIns: set, batch: newBatch(false) });
    expect(r.valid).toBe(true);
    expect(r.signatures[0]).toMatchObject({ intact: true, cryptoValid: true, trusted: true, modifiedAfter: false });
    expect(r.signatures[0].path.at(-1)).toMatch(/Test RootCA chuyên dùng Chính phủ G2/);
    // the intermediate met on the way is kept in the archive
    expect(db.prepare('SELECT count(*) FROM cert_cache').pluck().get()).toBe(1);
    // an admin turns the root off: no longer trusted
    setBuiltInEnabled(db, fp(chain.rootDer), false, null, set);
    expect(listBuiltIns(db, set).find((c) => c.root)?.enabled).toBe(false);
    expect((await verifyWithArchive(db, signed, { file: 'cv.pdf', builtIns: set, batch: newBatch(false) })).signatures[0].trusted).toBe(false);
  });

  it('names the missing intermediate and where it is published when it cannot be fetched, asking each address once per batch', async () => {
    const set = setOf([{ file: 'root.pem', der: chain.rootDer, root: true }]);
    const offline = await verifyWithArchive(fresh(), signed, { file: 'cv.pdf', builtIns: set, batch: newBatch(false) });
    expect(offline.signatures[0].trusted).toBe(false);
    expect(offline.signatures[0].problems.join('\n')).toContain(`thiếu chứng thư trung gian "CN=Test CA phục vụ các cơ quan Nhà nước G2, C=VN", được công bố tại ${url}`);
    hits = 0;
    serve = null;
    const db = fresh();
    const batch = newBatch(true, 2000);
    for (const f of ['a.pdf', 'b.pdf']) expect((await verifyWithArchive(db, signed, { file: f, builtIns: set, batch })).signatures[0].trusted).toBe(false);
    expect(hits).toBe(1);
  });

  it('fetches the missing intermediate from the AIA address, keeps it, and trusts the signature', async () => {
    const set = setOf([{ file: 'root.pem', der: chain.rootDer, root: true }]);
    serve = chain.intermediateDer;
    hits = 0;
    const db = fresh();
    const r = await verifyWithArchive(db, signed, { file: 'cv.pdf', builtIns: set, batch: newBatch(true, 2000) });
    expect(r.signatures[0]).toMatchObject({ trusted: true, intact: true });
    expect(hits).toBe(1);
    // next time, offline, from the archive's cache
    expect((await verifyWithArchive(db, signed, { file: 'cv.pdf', builtIns: set, batch: newBatch(false) })).signatures[0].trusted).toBe(true);
  });

  it('reads a PKCS#7 certs-only bundle (.p7c, made by OpenSSL) at the AIA address, through the hardened fetcher', async () => {
    const set = setOf([{ file: 'root.pem', der: chain.rootDer, root: true }]);
    const dir = tempDir();
    const pem = (der: Buffer) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
    fs.writeFileSync(path.join(dir, 'chain.pem'), pem(chain.intermediateDer) + pem(chain.rootDer));
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', path.join(dir, 'chain.pem'), '-outform', 'DER', '-out', path.join(dir, 'ca.p7c')]);
    serve = fs.readFileSync(path.join(dir, 'ca.p7c'));
    hits = 0;
    const db = fresh();
    const r = await verifyWithArchive(db, signed, { file: 'cv.pdf', builtIns: set, batch: newBatch(true, 2000) });
    expect(hits).toBe(1);
    expect(r.signatures[0]).toMatchObject({ trusted: true, intact: true });
    // only the missing issuer is kept from the bundle, not the root it also carried
    expect(db.prepare('SELECT count(*) FROM cert_cache').pluck().get()).toBe(1);
    // the same address on a host the admin has not allowed: refused by the fetcher, nothing fetched
    hits = 0;
    const closed = openDatabase(path.join(tempDir(), 'archive.sqlite'));
    expect((await verifyWithArchive(closed, signed, { file: 'cv.pdf', builtIns: set, batch: newBatch(true, 2000) })).signatures[0].trusted).toBe(false);
    expect(hits).toBe(0);
  });
});
