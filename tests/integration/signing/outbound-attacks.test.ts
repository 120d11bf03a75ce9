// What a records officer's crafted .p12 or an attacker's PDF could make the app fetch: a real
// HTTP server on 127.0.0.1 plays the office's internal service; signing (B-LT) and verifying
// must not reach it, must not keep what is not a CRL/OCSP answer/certificate, and must say why.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../../shared/contract';
import { issueText, type Issue } from '../../../shared/verify-issues';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { openDatabase, type Db } from '../../../electron/archive/db';
import { Outbound } from '../../../electron/signing/trust/outbound-fetch';
import { setAllowedHosts } from '../../../electron/signing/trust/outbound-hosts';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signBatch } from '../../../electron/signing/sign/service';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { addTrustAnchors } from '../../../electron/signing/trust/trust-store';
import { setTsaUrl } from '../../../electron/signing/sign/tsa-setting';
import { newBatch, verifyWithArchive } from '../../../electron/signing/verify/verify-service';
import { p12WithExtraCertificate, signerWithManyAia } from '../../fixtures/hostile-certs';
import { makePki, type TestPki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { adminAllows, has } from './sign-helpers';

const SECRET = 'SECRET-of-the-internal-service';
type Served = { url: string; hits: string[]; body: Buffer | string; close(): Promise<void> };
async function serve(body: Buffer | string, status = 200): Promise<Served> {
  const s: Served = { url: '', hits: [], body, close: async () => {} };
  const server = http.createServer((req, res) => {
    s.hits.push(req.url ?? '');
    res.writeHead(status).end(s.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.close = () => new Promise((r) => server.close(() => r()));
  return s;
}

/** An archive with one PDF document, the TSA the admin set, and the signing queue's outcomes. */
async function archiveWithDocument(pki: TestPki, tsaUrl: string) {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'archive.sqlite'));
  const blobs = new BlobStore(dir);
  addTrustAnchors(db, Buffer.from(pki.rootPem), 'root.pem', null);
  setTsaUrl(db, tsaUrl, null);
  db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
  db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('ky', 'Nguyễn Văn Ký', 'signing_officer', 1, 'x')").run();
  const bytes = Buffer.from(await pdfScan(1));
  const { sha256 } = blobs.put(bytes);
  recordBlob(db, sha256, bytes.length, 'application/pdf');
  const id = Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (1, 'QĐ 1', '', 'qd.pdf', 'pdf', ?, 1, 'digitized')").run(sha256).lastInsertRowid);
  const sign = async (p12: Buffer, password: string) => {
    const outcomes: FileOutcome[] = [];
    await signBatch(db, blobs, p12Signer(p12, password), { documentIds: [id], appearance: 'none', copyForm: 'SAO Y', tsaUrl, longTerm: true, userId: 1 }, { cancelled: false, setCurrent: () => {}, addOutcome: (o) => outcomes.push(o) }, 0);
    const out = db.prepare('SELECT output_sha256 FROM signatures ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
    return { outcome: outcomes[0], signed: out ? blobs.read(out) : Buffer.alloc(0) };
  };
  return { db, sign };
}

const contains = (pdf: Buffer, bytes: Buffer) => pdf.includes(bytes) || pdf.toString('latin1').includes(bytes.toString('hex').toUpperCase());

describe.skipIf(!has('openssl', 'version'))('signing B-LT with addresses an officer chose', () => {
  let inside: Served;
  let tsa: { url: string; close(): Promise<void> };
  const pki = makePki();
  beforeAll(async () => {
    inside = await serve(SECRET);
    tsa = await (await import('../../fixtures/tsa')).startTsa(tempDir(), pki);
  });
  afterAll(async () => {
    await inside.close();
    await tsa.close();
  });

  it('a .p12 carrying an extra certificate with internal CRL/OCSP addresses: nothing is fetched from them, nothing of it is embedded', async () => {
    const { p12, extraDer } = p12WithExtraCertificate(pki, { crlUrl: `${inside.url}/secret.crl`, ocspUrl: `${inside.url}/ocsp` });
    const { sign } = await archiveWithDocument(pki, tsa.url);
    const { outcome, signed } = await sign(p12, pki.password);
    // the admin's TSA on 127.0.0.1 is reached: its host is allowed by being the admin's TSA
    expect(outcome).toMatchObject({ status: 'signed' });
    expect(signed.toString('latin1')).toMatch(/\/DSS \d+ 0 R/);
    expect(inside.hits).toEqual([]);
    expect(signed.includes(Buffer.from(SECRET))).toBe(false);
    expect(contains(signed, extraDer)).toBe(false);
  });

  it('a CRL address answering with something that is not its issuer’s CRL: not embedded, and the signing report says why', async () => {
    const ca = await serve(`<html>${SECRET}</html>`);
    try {
      const crlPki = makePki({ crlUrl: `${ca.url}/root.crl` });
      const { db, sign } = await archiveWithDocument(crlPki, tsa.url);
      setAllowedHosts(db, [new URL(ca.url).host], null);
      const { outcome, signed } = await sign(crlPki.p12, crlPki.password);
      expect(ca.hits).toEqual(['/root.crl']);
      expect(outcome.status).toBe('signed');
      expect(signed.includes(Buffer.from(SECRET))).toBe(false);
      expect(signed.toString('latin1')).toMatch(/\/CRLs \[ \]/);
      expect(outcome.warnings).toEqual([`Không tải ${ca.url}/root.crl vì dữ liệu nhận được không đúng loại yêu cầu nên không được lưu (không phải danh sách thu hồi (CRL) do nơi cấp chứng thư ký)`]);
      // the same warning as a code and values, which the English interface words from shared/verify-issues
      expect(outcome.notices).toEqual([{ code: 'FETCH_REFUSED', params: { url: `${ca.url}/root.crl`, why: 'invalid', detail: 'không phải danh sách thu hồi (CRL) do nơi cấp chứng thư ký' } }]);
      expect(issueText(outcome.notices![0] as Issue, 'en')).toBe(`${ca.url}/root.crl not fetched: the answer is not what was asked for, so it is not kept (không phải danh sách thu hồi (CRL) do nơi cấp chứng thư ký)`);
      // a real CRL, but another CA's: its signature does not verify with the issuer's key
      const { startCrlServer } = await import('../../fixtures/crl-server');
      const foreign = await startCrlServer();
      const other = makePki();
      foreign.publish(other.rootPem, other.rootKeyPem, tempDir());
      const p = makePki({ crlUrl: foreign.url });
      const net = adminAllows(foreign.url);
      const withForeign = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(p.p12, p.password), appearance: 'none', tsaUrl: tsa.url, ltv: true, outbound: net });
      await foreign.close();
      expect(withForeign.toString('latin1')).toMatch(/\/CRLs \[ \]/);
      expect(net.notes).toMatchObject([{ url: foreign.url, why: 'invalid' }]);
    } finally {
      await ca.close();
    }
  });

  it('a test CRL server on 127.0.0.1 works once the admin allows it, and is refused (and reported) before', async () => {
    const { startCrlServer } = await import('../../fixtures/crl-server');
    const crl = await startCrlServer();
    try {
      const p = makePki({ crlUrl: crl.url });
      crl.publish(p.rootPem, p.rootKeyPem, tempDir());
      const refused = new Outbound();
      const before = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(p.p12, p.password), appearance: 'none', tsaUrl: tsa.url, ltv: true, outbound: refused });
      expect(before.toString('latin1')).toMatch(/\/CRLs \[ \]/);
      expect(refused.notes).toMatchObject([{ url: crl.url, why: 'internal' }]);
      const after = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(p.p12, p.password), appearance: 'none', tsaUrl: tsa.url, ltv: true, outbound: adminAllows(crl.url) });
      expect(after.toString('latin1')).toMatch(/\/CRLs \[ \d+ 0 R \]/);
    } finally {
      await crl.close();
    }
  });
});

describe('verifying a PDF whose certificate names 40 AIA addresses', () => {
  let inside: Served;
  let ca: Served;
  let db: Db;
  let signed: Buffer;
  beforeAll(async () => {
    inside = await serve(SECRET);
    ca = await serve('', 404);
    const port = new URL(inside.url).port;
    const internal = [`${inside.url}/a`, `http://localhost:${port}/b`, `http://[::1]:${port}/c`, `http://[::ffff:127.0.0.1]:${port}/d`, `http://2130706433:${port}/e`];
    // half to the office CA the admin allows, half to the app's own machine, interleaved
    const urls = Array.from({ length: 40 }, (_, i) => (i % 2 ? internal[i % internal.length] + i : `${ca.url}/ca${i}.crt`));
    const chain = signerWithManyAia(urls);
    signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(chain.p12, chain.password), appearance: 'none' });
    db = openDatabase(path.join(tempDir(), 'archive.sqlite'));
    addTrustAnchors(db, chain.rootDer, 'root.der', null);
    setAllowedHosts(db, [new URL(ca.url).host], null);
  });
  afterAll(async () => {
    await inside.close();
    await ca.close();
  });

  it('makes at most the budget of requests, none to loopback, and the report says why it stopped', async () => {
    const t0 = Date.now();
    const r = await verifyWithArchive(db, signed, { file: 'aia.pdf', builtIns: { certs: [], problems: [] }, batch: newBatch(true, 2000) });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(inside.hits).toEqual([]);
    expect(ca.hits.length).toBeGreaterThan(0);
    expect(ca.hits.length).toBeLessThanOrEqual(20);
    const s = r.signatures[0];
    expect(s.trusted).toBe(false);
    const refused = s.issues.filter((i) => i.code === 'FETCH_REFUSED').map((i) => i.params?.why);
    expect(refused).toEqual(expect.arrayContaining(['internal', 'budget']));
    // the ten internal addresses asked before the budget ran out, each refused without a connection
    expect(s.problems.join('\n')).toMatch(/Không tải http:\/\/localhost:\d+\/b1, [^\n]+ và 7 địa chỉ khác vì địa chỉ nội bộ/);
    expect(s.problems.join('\n')).toMatch(/vì đã hết hạn mức số lần tải/);
  });
});
