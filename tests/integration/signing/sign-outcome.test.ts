// What a sign batch says beyond "signed": the certificate's holder when it is not the
// signed-in officer (names compared without case, accents or the unit after them), and every
// failed document in the audit log with why.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../../shared/contract';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { openDatabase, type Db } from '../../../electron/archive/db';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signBatch } from '../../../electron/signing/sign/service';
import { holderNotice } from '../../../electron/signing/sign/sign-outcome';
import { addTrustAnchors } from '../../../electron/signing/trust/trust-store';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

function archive(fullName: string): { db: Db; blobs: BlobStore } {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'archive.sqlite'));
  db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
  db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) VALUES ('lan', ?, 'signing_officer', 1, 'x')").run(fullName);
  return { db, blobs: new BlobStore(dir) };
}

describe('sign outcome', () => {
  it('knows the officer in the certificate whatever the case, accents or the unit after the name', () => {
    const { db } = archive('Nguyễn Thị Lan');
    expect(holderNotice(db, 1, 'Nguyễn Thị Lan')).toBeNull();
    expect(holderNotice(db, 1, 'NGUYEN THI LAN')).toBeNull();
    expect(holderNotice(db, 1, 'Nguyễn Thị Lan - UBND xã Thanh Sơn')).toBeNull();
    expect(holderNotice(db, 1, 'Nguyễn Thị Lanh')?.code).toBe('SIGN_HOLDER_MISMATCH');
    expect(holderNotice(db, 1, 'Trần Văn Ký')?.message).toBe('Chứng thư số mang tên Trần Văn Ký, không phải người đang đăng nhập (Nguyễn Thị Lan).');
  });

  it('warns of another holder on every document and audits the one that failed', async () => {
    const { db, blobs } = archive('Nguyễn Thị Lan');
    const pki = makePki({ cn: 'Trần Văn Ký' });
    addTrustAnchors(db, Buffer.from(pki.rootPem), 'root.pem', null);
    const files = [await pdfScan(1), Buffer.from('%PDF-1.7\nkhông phải PDF thật')];
    const ids = files.map((bytes, i) => {
      const { sha256 } = blobs.put(bytes);
      recordBlob(db, sha256, bytes.length, 'application/pdf');
      return Number(db.prepare("INSERT INTO documents(unit_id, title, title_fold, source_name, kind, sha256, page_count, status) VALUES (1, ?, '', ?, 'pdf', ?, 1, 'digitized')").run(`QĐ ${i}`, `qd-${i}.pdf`, sha256).lastInsertRowid);
    });
    const outcomes: FileOutcome[] = [];
    await signBatch(db, blobs, p12Signer(pki.p12, pki.password), { documentIds: ids, appearance: 'none', copyForm: 'SAO Y', tsaUrl: null, userId: 1 }, { cancelled: false, setCurrent: () => {}, addOutcome: (o) => outcomes.push(o) }, 0);
    expect(outcomes.map((o) => o.status)).toEqual(['signed', 'error']);
    for (const o of outcomes) {
      expect(o.warnings[0]).toMatch(/mang tên Trần Văn Ký/);
      expect(o.notices?.[0]).toEqual({ code: 'SIGN_HOLDER_MISMATCH', params: { holder: 'Trần Văn Ký', user: 'Nguyễn Thị Lan' } });
    }
    const audited = db.prepare('SELECT action, object_id id, details FROM audit_log WHERE action LIKE ? ORDER BY id').all('documents.sign%') as { action: string; id: string; details: string }[];
    expect(audited.map((r) => [r.action, Number(r.id)])).toEqual([
      ['documents.sign', ids[0]],
      ['documents.signFailed', ids[1]],
    ]);
    expect(JSON.parse(audited[1].details)).toMatchObject({ signer: 'Trần Văn Ký', code: expect.any(String) });
  });
});
