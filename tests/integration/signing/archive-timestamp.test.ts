// PAdES B-LTA: signed with a document timestamp after the DSS, and archived copies extended
// (validation data, then a new document timestamp; again only when the last timestamp's TSA
// certificate nears its end), checked by our verifier, pdfsig and `openssl ts -verify`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { openDatabase } from '../../../electron/archive/db';
import { getUser } from '../../../electron/accounts/users';
import { latestSignedCopy } from '../../../electron/signing/sign/document-pdf';
import { extendPdf } from '../../../electron/signing/long-term/extend';
import { extendArchived } from '../../../electron/signing/long-term/extend-archive';
import { setAllowedHosts } from '../../../electron/signing/trust/outbound-hosts';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signBatch } from '../../../electron/signing/sign/service';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { PdfFile } from '../../../electron/signing/pdf/pdf-revisions';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { dssOf } from '../../../electron/signing/verify/verify-find';
import { addTrustAnchors } from '../../../electron/signing/trust/trust-store';
import { setTsaUrl } from '../../../electron/signing/sign/tsa-setting';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import type { TestPki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { adminAllows, externalChecks, extract, has, startLongTermServices, type LongTermServices } from './sign-helpers';

let services: LongTermServices | undefined;
let crl: LongTermServices['crl'];
let tsa: LongTermServices['tsa'];
let p: TestPki;

/** Each document timestamp's token checked by OpenSSL over the bytes it covers, and pdfsig's view of the file. */
function externalTimestampChecks(pdf: Buffer, docTimestamps: number[]) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'root.pem'), p.rootPem);
  for (const n of docTimestamps) {
    const { cms, content } = extract(pdf, n);
    fs.writeFileSync(path.join(dir, `t${n}.der`), cms);
    fs.writeFileSync(path.join(dir, `c${n}.bin`), content);
    const r = spawnSync('openssl', ['ts', '-verify', '-token_in', '-in', path.join(dir, `t${n}.der`), '-data', path.join(dir, `c${n}.bin`), '-CAfile', path.join(dir, 'root.pem')]);
    expect(r.stdout.toString() + r.stderr.toString()).toContain('Verification: OK');
  }
  if (has('pdfsig')) {
    fs.writeFileSync(path.join(dir, 'f.pdf'), pdf);
    // poppler 22 lists a document timestamp (the TSA as signer, its ranges) but does not
    // validate ETSI.RFC3161 itself ("Unable to validate"): OpenSSL checks the token above
    const out = spawnSync('pdfsig', [path.join(dir, 'f.pdf')]).stdout.toString();
    const entries = out.split(/^Signature #\d+:/m).slice(1);
    expect(entries).toHaveLength(1 + docTimestamps.length);
    for (const n of docTimestamps) expect(entries[n]).toContain('Số hóa Desk Test TSA');
    expect(entries.at(-1)).toContain('Total document signed');
    expect(entries[0]).toContain('Signature is Valid');
    expect(out).not.toMatch(/Signature is Invalid|Digest Mismatch/);
  }
}

describe.skipIf(!has('openssl', 'version'))('PAdES B-LTA', () => {
  beforeAll(async () => {
    services = await startLongTermServices();
    ({ crl, tsa, pki: p } = services);
  });
  afterAll(() => services?.close());

  it('signs with a document timestamp after the DSS: B-LTA for our verifier, the token good for OpenSSL and pdfsig', async () => {
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(p.p12, p.password), appearance: 'none', tsaUrl: tsa.url, ltv: true, archiveTimestamp: true, outbound: adminAllows(crl.url) });
    expect(signed.toString('latin1')).toMatch(/\/Type \/DocTimeStamp[^]*\/SubFilter \/ETSI\.RFC3161/);
    const r = await verifyPdf(signed, { file: 'x.pdf', trust: pemToDer(p.rootPem) });
    expect(r.valid).toBe(true);
    expect(r.signatures.map((s) => s.kind)).toEqual(['signature', 'doc_timestamp']);
    expect(r.signatures[0]).toMatchObject({ level: 'B-LTA', intact: true, modifiedAfter: false });
    expect(r.signatures[1]).toMatchObject({ intact: true, cryptoValid: true });
    externalChecks(signed, 1, p.rootPem);
    externalTimestampChecks(signed, [1]);
  });

  it('extends a B-T copy to B-LTA, has nothing to do while the TSA certificate holds past the margin, and re-timestamps when it does not', async () => {
    const bt = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(p.p12, p.password), appearance: 'none', tsaUrl: tsa.url });
    const trust = pemToDer(p.rootPem);
    expect((await verifyPdf(bt, { file: 'bt.pdf', trust })).signatures[0].level).toBe('B-T');
    const first = await extendPdf(bt, { tsaUrl: tsa.url, net: adminAllows(crl.url), marginDays: 90 });
    expect(first).toMatchObject({ extended: true, why: 'no-archive-timestamp', lastExpires: null });
    const once = first.extended ? first.pdf : bt;
    const r1 = await verifyPdf(once, { file: 'lta.pdf', trust });
    expect(r1.valid).toBe(true);
    expect(r1.signatures[0].level).toBe('B-LTA');
    // the test TSA's certificate runs to 2039: 90 days' margin leaves it be
    const again = await extendPdf(once, { tsaUrl: tsa.url, net: adminAllows(crl.url), marginDays: 90 });
    expect(again).toEqual({ extended: false, why: 'current', lastExpires: new Date(Date.UTC(2039, 0, 1)) });
    // a margin past 2039 (or a run in 2038) re-timestamps over the TSA's data in a new DSS
    const later = await extendPdf(once, { tsaUrl: tsa.url, net: adminAllows(crl.url), marginDays: 90, now: new Date(Date.UTC(2038, 11, 1)) });
    expect(later).toMatchObject({ extended: true, why: 'tsa-expiring' });
    const twice = later.extended ? later.pdf : once;
    const r2 = await verifyPdf(twice, { file: 'lta2.pdf', trust });
    expect(r2.valid).toBe(true);
    expect(r2.signatures.map((s) => s.kind)).toEqual(['signature', 'doc_timestamp', 'doc_timestamp']);
    expect(r2.signatures[0].level).toBe('B-LTA');
    expect(r2.signatures.every((s) => s.intact && s.cryptoValid && !s.modifiedAfter)).toBe(true);
    externalChecks(twice, 1, p.rootPem);
    externalTimestampChecks(twice, [1, 2]);
    // the second DSS kept the first one's data and added none twice
    const file = new PdfFile(twice);
    const last = dssOf(file, file.last);
    const first2 = dssOf(file, file.revisionAt(once.length - 1));
    for (const kind of ['certs', 'crls'] as const) {
      expect(new Set(last[kind].map((b) => b.toString('base64'))).size).toBe(last[kind].length);
      expect(last[kind].length).toBeGreaterThanOrEqual(first2[kind].length);
    }
  });

  it('extends an archived signed copy into a new copy, recorded and audited; a second run has nothing to do; another unit cannot', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'archive.sqlite'));
    const blobs = new BlobStore(dir);
    addTrustAnchors(db, Buffer.from(p.rootPem), 'root.pem', null);
    db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district'), ('403', 'Huyện Thường Xuân', 'district')").run();
    db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('ky', 'Nguyễn Văn Ký', 'signing_officer', 1, 'x'), ('khac', 'Lê Văn Khác', 'signing_officer', 2, 'x')").run();
    setTsaUrl(db, tsa.url, 1);
    setAllowedHosts(db, [new URL(crl.url).host], 1);
    const scan = Buffer.from(await pdfScan(1));
    const { sha256 } = blobs.put(scan);
    recordBlob(db, sha256, scan.length, 'application/pdf');
    const id = Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (1, 'QĐ 1', '', 'qd.pdf', 'pdf', ?, 1, 'digitized')").run(sha256).lastInsertRowid);
    const batch = { documentIds: [id], appearance: 'none' as const, copyForm: 'SAO Y' as const, tsaUrl: tsa.url, longTerm: true, userId: 1 };
    await signBatch(db, blobs, p12Signer(p.p12, p.password), batch, { cancelled: false, setCurrent: () => {}, addOutcome: () => {} }, 0);
    const signedCopy = latestSignedCopy(db, id)!;
    const user = getUser(db, 1)!;
    const [done] = await extendArchived(db, blobs, user, [id]);
    expect(done).toMatchObject({ documentId: id, status: 'extended', lastExpires: null });
    const extended = latestSignedCopy(db, id)!;
    expect(extended).not.toBe(signedCopy);
    expect(blobs.read(extended).subarray(0, blobs.read(signedCopy).length).equals(blobs.read(signedCopy))).toBe(true);
    const r = await verifyPdf(blobs.read(extended), { file: 'a.pdf', trust: pemToDer(p.rootPem) });
    expect(r.valid).toBe(true);
    expect(r.signatures[0].level).toBe('B-LTA');
    expect(db.prepare("SELECT kind, created_by FROM signatures WHERE output_sha256 = ?").get(extended)).toEqual({ kind: 'archive_timestamp', created_by: 1 });
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'documents.extend'").pluck().get()).toBe(1);
    expect((await extendArchived(db, blobs, user, [id]))[0]).toMatchObject({ status: 'current', lastExpires: '2039-01-01T00:00:00.000Z' });
    await expect(extendArchived(db, blobs, getUser(db, 2)!, [id])).rejects.toThrow(/Không tìm thấy hồ sơ/);
    expect(latestSignedCopy(db, id)).toBe(extended);
  });
});
