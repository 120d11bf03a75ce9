// The app's "extend" job on a real archive, a real TSA and CRL server: every signed copy of the
// officer's units (not another unit's) gets a B-LTA copy, one outcome per document with progress;
// a second run finds nothing due; a document of another unit named by id is not found; no TSA
// set refuses the job before it starts. Each start is audited.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser } from '../../../electron/accounts/users';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { openDatabase, type Db } from '../../../electron/archive/db';
import { JobRunner } from '../../../electron/jobs/jobs';
import { signedDocuments } from '../../../electron/signing/long-term/extend-archive';
import { registerExtendJobs, startExtend } from '../../../electron/signing/long-term/extend-job';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signBatch } from '../../../electron/signing/sign/service';
import { latestSignedCopy } from '../../../electron/signing/sign/document-pdf';
import { setTsaUrl } from '../../../electron/signing/sign/tsa-setting';
import { setAllowedHosts } from '../../../electron/signing/trust/outbound-hosts';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { addTrustAnchors } from '../../../electron/signing/trust/trust-store';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { has, startLongTermServices, type LongTermServices } from './sign-helpers';

let s: LongTermServices | undefined;

describe.skipIf(!has('openssl', 'version'))('the extend job', () => {
  beforeAll(async () => void (s = await startLongTermServices()));
  afterAll(() => s?.close());

  /** An archive of two districts, an officer in each, and a signed (B-T) document in `unit`. */
  async function archive() {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'archive.sqlite'));
    const blobs = new BlobStore(dir);
    addTrustAnchors(db, Buffer.from(s!.pki.rootPem), 'root.pem', null);
    db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district'), ('403', 'Huyện Thường Xuân', 'district')").run();
    db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('ky', 'Nguyễn Văn Ký', 'signing_officer', 1, 'x'), ('khac', 'Lê Văn Khác', 'signing_officer', 2, 'x')").run();
    const jobs = new JobRunner(db);
    const core = { db, blobs, jobs };
    registerExtendJobs(core);
    const signed = async (unit: number, title: string) => {
      const scan = Buffer.from(await pdfScan(1, title));
      const { sha256 } = blobs.put(scan);
      recordBlob(db, sha256, scan.length, 'application/pdf');
      const id = Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (?, ?, '', 'qd.pdf', 'pdf', ?, 1, 'digitized')").run(unit, title, sha256).lastInsertRowid);
      const batch = { documentIds: [id], appearance: 'none' as const, copyForm: 'SAO Y' as const, tsaUrl: s!.tsa.url, longTerm: false, userId: unit };
      await signBatch(db, blobs, p12Signer(s!.pki.p12, s!.pki.password), batch, { cancelled: false, setCurrent: () => {}, addOutcome: () => {} }, 0);
      return id;
    };
    return { db, blobs, jobs, core, signed };
  }
  const configure = (db: Db) => (setTsaUrl(db, s!.tsa.url, 1), setAllowedHosts(db, [new URL(s!.crl.url).host], 1));

  it('extends every signed copy of the officer\'s units, once, with one outcome per document', async () => {
    const { db, blobs, jobs, core, signed } = await archive();
    const ours = [await signed(1, 'QĐ 1'), await signed(1, 'QĐ 2')];
    const theirs = await signed(2, 'QĐ khác');
    const before = latestSignedCopy(db, theirs);
    expect(() => startExtend(core, getUser(db, 1)!, {})).toThrow(/chưa cấu hình máy chủ dấu thời gian/);
    configure(db);
    const officer = getUser(db, 1)!;
    expect(signedDocuments(db, officer)).toEqual(ours);

    const first = await jobs.waitFor(startExtend(core, officer, {}));
    expect(first).toMatchObject({ kind: 'extend', state: 'done', total: 2, done: 2 });
    expect(first.outcomes.map((o) => [o.documentId, o.file, o.status])).toEqual([
      [ours[0], 'QĐ 1', 'signed'],
      [ours[1], 'QĐ 2', 'signed'],
    ]);
    for (const id of ours) {
      const r = await verifyPdf(blobs.read(latestSignedCopy(db, id)!), { file: 'a.pdf', trust: pemToDer(s!.pki.rootPem) });
      expect(r.signatures[0].level).toBe('B-LTA');
    }
    expect(latestSignedCopy(db, theirs)).toBe(before);

    const again = await jobs.waitFor(startExtend(core, officer, { documentIds: [ours[0]] }));
    expect(again.outcomes).toEqual([expect.objectContaining({ status: 'duplicate', documentId: ours[0], params: { lastExpires: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } })]);
    expect(() => startExtend(core, officer, { documentIds: [theirs] })).toThrow(/Không tìm thấy hồ sơ/);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'signing.extend'").pluck().get()).toBe(2);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'documents.extend'").pluck().get()).toBe(2);
  }, 60_000);

  it('names a document it could not extend and goes on with the others', async () => {
    const { db, jobs, core, signed } = await archive();
    const ok = await signed(1, 'QĐ 1');
    const unsigned = Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count) VALUES (1, 'Chưa ký', '', 'x.pdf', 'pdf', (SELECT sha256 FROM documents WHERE id = ?), 1)").run(ok).lastInsertRowid);
    configure(db);
    const st = await jobs.waitFor(startExtend(core, getUser(db, 1)!, { documentIds: [unsigned, ok] }));
    expect(st.outcomes.map((o) => [o.file, o.status, o.message])).toEqual([
      ['Chưa ký', 'error', 'Hồ sơ chưa có bản đã ký số.'],
      ['QĐ 1', 'signed', null],
    ]);
    expect(st.outcomes[1].warnings).toEqual([]);
  }, 60_000);

  it('warns when a certificate names nowhere to check its revocation: stamped, but short of B-LT', async () => {
    const { db, blobs, jobs, core } = await archive();
    const bare = makePki({ cn: 'Không Có CRL' });
    addTrustAnchors(db, Buffer.from(bare.rootPem), 'bare.pem', null);
    const scan = Buffer.from(await pdfScan(1, 'QĐ 9'));
    const { sha256 } = blobs.put(scan);
    recordBlob(db, sha256, scan.length, 'application/pdf');
    const id = Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (1, 'QĐ 9', '', 'qd.pdf', 'pdf', ?, 1, 'digitized')").run(sha256).lastInsertRowid);
    await signBatch(db, blobs, p12Signer(bare.p12, bare.password), { documentIds: [id], appearance: 'none', copyForm: 'SAO Y', tsaUrl: s!.tsa.url, longTerm: false, userId: 1 }, { cancelled: false, setCurrent: () => {}, addOutcome: () => {} }, 0);
    configure(db);
    const [o] = (await jobs.waitFor(startExtend(core, getUser(db, 1)!, { documentIds: [id] }))).outcomes;
    expect(o.status).toBe('signed');
    expect(o.warnings).toEqual([expect.stringMatching(/^chứng thư "Không Có CRL" không nêu nơi tra cứu thu hồi \(CRL\/OCSP\)/)]);
    expect(o.notices).toEqual([{ code: 'EXTEND_NO_REVOCATION', params: { name: 'Không Có CRL' } }]);
  }, 60_000);

  it('one run at a time; a copy signed again while its timestamp was fetched is not replaced by the older one extended', async () => {
    const { db, blobs, jobs, core, signed } = await archive();
    const id = await signed(1, 'QĐ 1');
    configure(db);
    const officer = getUser(db, 1)!;
    // the TSA answers through a proxy that, meanwhile, has another officer sign the document again
    let resigned = '';
    const proxy = http.createServer(async (req, res) => {
      if (!resigned) {
        const copy = Buffer.concat([blobs.read(latestSignedCopy(db, id)!), Buffer.from('\n% ký lại\n')]);
        resigned = blobs.put(copy).sha256;
        recordBlob(db, resigned, copy.length, 'application/pdf');
        db.prepare("INSERT INTO signatures(document_id, kind, field_name, signer, signed_at, output_sha256, created_by) VALUES (?, 'signature', 'Sig2', 'Lê Văn Khác', ?, ?, 2)").run(id, new Date().toISOString(), resigned);
      }
      // passed on over a connection of its own (no pooled socket the TSA may be closing), and a
      // failure on the way answered in words the outcome then shows
      const upstream = http.request(s!.tsa.url, { method: 'POST', agent: false, headers: { 'content-type': req.headers['content-type'] ?? '' } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? '' });
        answer.pipe(res);
      });
      upstream.on('error', (e) => res.writeHead(502).end(`proxy: ${e.message}`));
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      setTsaUrl(db, `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/tsa`, 1);
      setAllowedHosts(db, [new URL(s!.crl.url).host, `127.0.0.1:${(proxy.address() as AddressInfo).port}`], 1);
      const job = startExtend(core, officer, { documentIds: [id] });
      expect(() => startExtend(core, officer, { documentIds: [id] })).toThrow(/Đang có một lượt gia hạn bản đã ký chạy/);
      const [o] = (await jobs.waitFor(job)).outcomes;
      expect(o, o.message ?? undefined).toMatchObject({ status: 'error', code: 'EXTEND_CHANGED' });
      expect(latestSignedCopy(db, id)).toBe(resigned);
      expect(db.prepare("SELECT count(*) FROM signatures WHERE kind = 'archive_timestamp'").pluck().get()).toBe(0);
    } finally {
      proxy.close();
    }
  }, 60_000);
});
