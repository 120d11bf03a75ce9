// `sohoa sign --lta` and `sohoa extend` as a user runs them: a child process on an archive whose
// admin set the timestamp server and allowed the CRL host; the results read by our verifier.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { openDatabase } from '../../../electron/archive/db';
import { latestSignedCopy } from '../../../electron/signing/sign/document-pdf';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signBatch } from '../../../electron/signing/sign/service';
import { setTsaUrl } from '../../../electron/signing/sign/tsa-setting';
import { setAllowedHosts } from '../../../electron/signing/trust/outbound-hosts';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { addTrustAnchors } from '../../../electron/signing/trust/trust-store';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import type { TestPki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { has, startLongTermServices, type LongTermServices } from './sign-helpers';

// asynchronous: the TSA and CRL servers of this test answer from this process's event loop
const sohoa = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [path.resolve('bin/sohoa.js'), ...args], { cwd, env: { ...process.env, SOHOA_DATA_DIR: '', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });

let services: LongTermServices | undefined;
let crl: LongTermServices['crl'];
let tsa: LongTermServices['tsa'];
let p: TestPki;

describe.skipIf(!has('openssl', 'version'))('sohoa sign --lta and sohoa extend', () => {
  beforeAll(async () => {
    services = await startLongTermServices();
    ({ crl, tsa, pki: p } = services);
  });
  afterAll(() => services?.close());

  it('signs a file to B-LTA, then extends the archive: once, then nothing to do within the margin', async () => {
    const cwd = tempDir();
    const data = path.join(cwd, 'D');
    fs.mkdirSync(data);
    // the admin's settings and one signed (B-LT) document, in the archive the command opens
    const db = openDatabase(path.join(data, 'archive.sqlite'));
    const blobs = new BlobStore(data);
    addTrustAnchors(db, Buffer.from(p.rootPem), 'root.pem', null);
    db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
    db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('ky', 'Nguyễn Văn Ký', 'signing_officer', 1, 'x')").run();
    setTsaUrl(db, tsa.url, 1);
    setAllowedHosts(db, [new URL(crl.url).host], 1);
    const scan = Buffer.from(await pdfScan(1));
    const { sha256 } = blobs.put(scan);
    recordBlob(db, sha256, scan.length, 'application/pdf');
    const id = Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (1, 'QĐ 1', '', 'qd.pdf', 'pdf', ?, 1, 'digitized')").run(sha256).lastInsertRowid);
    const batch = { documentIds: [id], appearance: 'none' as const, copyForm: 'SAO Y' as const, tsaUrl: tsa.url, longTerm: true, userId: 1 };
    await signBatch(db, blobs, p12Signer(p.p12, p.password), batch, { cancelled: false, setCurrent: () => {}, addOutcome: () => {} }, 0);
    const before = latestSignedCopy(db, id)!;
    db.close();

    fs.writeFileSync(path.join(cwd, 'in.pdf'), scan);
    fs.writeFileSync(path.join(cwd, 'u.p12'), p.p12);
    const signed = await sohoa(['sign', 'in.pdf', '--out', 'lta.pdf', '--p12', 'u.p12', '--password-env', 'P12PW', '--tsa', tsa.url, '--lta', '--data-dir', 'D', '--json'], cwd, { P12PW: p.password });
    expect(signed.code, signed.out + signed.err).toBe(0);
    const lta = await verifyPdf(fs.readFileSync(path.join(cwd, 'lta.pdf')), { file: 'lta.pdf', trust: pemToDer(p.rootPem) });
    expect(lta.valid).toBe(true);
    expect(lta.signatures.map((s) => [s.kind, s.padesLevel])).toEqual([['signature', 'B-LTA'], ['doc_timestamp', null]]);

    const first = await sohoa(['extend', '--all', '--data-dir', 'D', '--json'], cwd);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out).outcomes).toEqual([{ documentId: id, status: 'extended', lastExpires: null, warnings: [] }]);
    const again = await sohoa(['extend', String(id), '--margin-days', '30', '--data-dir', 'D'], cwd);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain(`#${id}: chưa cần gia hạn (chứng thư của dấu thời gian cuối còn hạn đến 2039-01-01)`);
    expect((await sohoa(['extend', '--margin-days', 'soon', '--all', '--data-dir', 'D'], cwd)).code).toBe(2);

    const db2 = openDatabase(path.join(data, 'archive.sqlite'));
    const after = latestSignedCopy(db2, id)!;
    expect(after).not.toBe(before);
    const r = await verifyPdf(new BlobStore(data).read(after), { file: 'x.pdf', trust: pemToDer(p.rootPem) });
    expect(r.signatures[0].padesLevel).toBe('B-LTA');
    // the operator has no account: the audit row says so (no user), the copy keeps its signer's
    expect(db2.prepare("SELECT user_id FROM audit_log WHERE action = 'documents.extend'").pluck().all()).toEqual([null]);
    db2.close();
  });
});
