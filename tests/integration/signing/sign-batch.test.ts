// One sign job over archived documents: each signed into a new archived file and recorded, a
// broken one reported in its place without stopping the others (the next document is read
// ahead while one is signed), the copy signature on no ink.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../../shared/contract';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { openDatabase } from '../../../electron/archive/db';
import { inkMapOfFirstPage } from '../../../electron/signing/sign/copy-placement';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signBatch } from '../../../electron/signing/sign/service';
import { addTrustAnchors } from '../../../electron/signing/trust/trust-store';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

describe('sign job', () => {
  it('signs each document, reports a broken one in its place, and places the copy signature on no ink', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'archive.sqlite'));
    const blobs = new BlobStore(dir);
    const pki = makePki();
    addTrustAnchors(db, Buffer.from(pki.rootPem), 'root.pem', null);
    const scan = await pdfScan(2);
    const files = [scan, Buffer.from('%PDF-1.7\nkhông phải PDF thật'), Buffer.concat([scan, Buffer.from('\n% 2\n')])];
    db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
    db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('ky', 'Nguyễn Văn Ký', 'signing_officer', 1, 'x')").run();
    const ids = files.map((bytes, i) => {
      const { sha256 } = blobs.put(bytes);
      recordBlob(db, sha256, bytes.length, 'application/pdf');
      return Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (1, ?, '', ?, 'pdf', ?, 2, 'digitized')").run(`QĐ ${i}`, `qd-${i}.pdf`, sha256).lastInsertRowid);
    });
    const outcomes: FileOutcome[] = [];
    const signer = p12Signer(pki.p12, pki.password);
    await signBatch(db, blobs, signer, { documentIds: ids, appearance: 'copy', copyForm: 'SAO Y', agency: 'UBND huyện Như Xuân', tsaUrl: null, userId: 1 }, { cancelled: false, setCurrent: () => {}, addOutcome: (o) => outcomes.push(o) }, 0);
    expect(outcomes.map((o) => [o.documentId, o.status])).toEqual([
      [ids[0], 'signed'],
      [ids[1], 'error'],
      [ids[2], 'signed'],
    ]);
    expect(outcomes[1].message).toMatch(/^QĐ 1: /);
    const rows = db.prepare('SELECT document_id, output_sha256 FROM signatures ORDER BY id').all() as { document_id: number; output_sha256: string }[];
    expect(rows.map((r) => r.document_id)).toEqual([ids[0], ids[2]]);
    for (const [k, r] of rows.entries()) {
      const signed = blobs.read(r.output_sha256);
      const report = await verifyPdf(signed, { file: 'x.pdf', trust: pemToDer(pki.rootPem) });
      expect(report.valid).toBe(true);
      // the widget's rectangle holds no ink of the page as it was (pdf.js's rendering)
      const original = files[k === 0 ? 0 : 2];
      const [x0, y0, x1, y1] = /\/Rect \[ ?([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ?\]/.exec(signed.subarray(original.length).toString('latin1'))!.slice(1).map(Number);
      const { map, page } = await inkMapOfFirstPage(original);
      let ink = 0;
      for (let y = Math.floor(page.height - y1); y < Math.ceil(page.height - y0); y++) for (let x = Math.floor(x0); x < Math.ceil(x1); x++) ink += map.ink[y * map.width + x];
      expect(ink).toBe(0);
      expect(x0).toBeGreaterThan(page.width / 2);
    }
    expect(db.prepare("SELECT count(*) FROM documents WHERE status = 'signed'").pluck().get()).toBe(2);
  });
});
