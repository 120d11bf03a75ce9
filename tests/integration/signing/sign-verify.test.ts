// Signatures made by the app, checked by our verifier and, where installed, by poppler's
// pdfsig and `openssl cms -verify`; tampering, later pages and second signatures.
import { execFileSync } from 'node:child_process';
import { verify as cryptoVerify, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parseCms } from '../../../electron/signing/cms/cms-parse';
import { OID } from '../../../electron/signing/cms/oids';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { pkcs11Signer } from '../../../electron/signing/sign/pkcs11';
import { openRevision, touch, writeIncrement } from '../../../electron/signing/pdf/incremental';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { checkBeforeSigning, pemToDer } from '../../../electron/signing/trust/trust';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { makeToken, softHsmAvailable } from '../../fixtures/softhsm';
import { tempDir } from '../../helpers';
import { externalChecks, extract, has, pki, trust } from './sign-helpers';

describe('PAdES signing with a .p12 key', () => {
  it('makes a B-B signature that our verifier, pdfsig and openssl accept', async () => {
    const signer = p12Signer(pki.p12, pki.password);
    const signed = await signPdf(Buffer.from(await pdfScan(2)), { signer, appearance: 'copy', copyForm: 'SAO Y', agency: 'UBND huyện Như Xuân', time: new Date('2026-03-02T01:30:00Z') });
    const r = await verifyPdf(signed, { file: 'x.pdf', trust });
    expect(r).toMatchObject({ valid: true, error: null });
    expect(r.signatures[0]).toMatchObject({ subFilter: 'ETSI.CAdES.detached', level: 'B-B', intact: true, cryptoValid: true, coversWholeDocument: true, modifiedAfter: false, trusted: true, certValidAtSigning: true, signer: 'Nguyễn Văn Ký', signedAt: '2026-03-02T01:30:00.000Z' });
    externalChecks(signed, 1);
    if (has('pdftotext')) {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 's.pdf'), signed);
      // the copy appearance: form, agency and ISO time with +07:00 (DOMAIN.md rule 3)
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', path.join(dir, 's.pdf'), '-']).toString();
      expect(text).toContain('SAO Y');
      expect(text).toContain('UBND huyện Như Xuân');
      expect(text).toContain('2026-03-02T08:30:00+07:00');
    }
  });

  it('signs with RSASSA-PSS when asked, accepted by us, pdfsig and openssl', async () => {
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(pki.p12, pki.password, 'ky.p12', { pss: true }), appearance: 'none' });
    expect(parseCms(extract(signed, 0).cms).signatureAlgorithmOid).toBe(OID.rsaPss);
    expect((await verifyPdf(signed, { file: 'x.pdf', trust })).valid).toBe(true);
    externalChecks(signed, 1);
  });

  it('reports a flipped byte anywhere in the signed ranges as not intact', async () => {
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(pki.p12, pki.password), appearance: 'none' });
    const { content } = extract(signed, 0);
    for (const at of [10, Math.floor(content.length / 2), signed.length - 20]) {
      const bad = Buffer.from(signed);
      bad[at] ^= 0x01;
      const r = await verifyPdf(bad, { file: 'x.pdf', trust });
      expect(r.valid).toBe(false);
      expect(r.signatures[0]?.intact ?? false).toBe(false);
    }
  });

  it('reports a page appended after signing as modified after signing', async () => {
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(pki.p12, pki.password), appearance: 'none' });
    const rev = await openRevision(signed);
    rev.doc.addPage();
    touch(rev, rev.doc.catalog.get(PDFName.of('Pages')) as any);
    const appended = await writeIncrement(rev);
    const r = await verifyPdf(appended, { file: 'x.pdf', trust });
    expect(r.valid).toBe(false);
    expect(r.signatures[0]).toMatchObject({ intact: true, cryptoValid: true, coversWholeDocument: false, modifiedAfter: true });
    expect(r.signatures[0].problems.join(' ')).toMatch(/thêm trang/);
  });

  it('keeps the first signature valid when a second one is added', async () => {
    const signer = p12Signer(pki.p12, pki.password);
    const once = await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'personal', signerName: 'Lê Thị Văn Thư' });
    const twice = await signPdf(once, { signer, appearance: 'copy', agency: 'UBND huyện Như Xuân' });
    expect(twice.subarray(0, once.length).equals(once)).toBe(true); // an incremental update: the original bytes unchanged
    const r = await verifyPdf(twice, { file: 'x.pdf', trust });
    expect(r.valid).toBe(true);
    expect(r.signatures.map((s) => [s.field, s.intact, s.cryptoValid, s.coversWholeDocument, s.modifiedAfter])).toEqual([
      ['Signature1', true, true, false, false],
      ['Signature2', true, true, true, false],
    ]);
    externalChecks(twice, 2);
  });

  it('refuses a wrong .p12 password, and encrypted or broken PDFs, with clear messages', async () => {
    expect(() => p12Signer(pki.p12, 'sai', 'ky.p12')).toThrow(/ky\.p12: sai mật khẩu/);
    const r = await verifyPdf(Buffer.from('%PDF-1.7\nrác'), { file: 'hong.pdf', trust });
    expect(r).toMatchObject({ valid: false, signatures: [] });
    expect(r.error).toMatch(/PDF hỏng|không có chữ ký/);
  });
});

describe('checks before signing (Circular 15/2025)', () => {
  const chain = (p: ReturnType<typeof makePki>) => p12Signer(p.p12, p.password).certificates;
  it('refuses an expired certificate, one not meant for signing, and one without a trusted path', () => {
    const expired = makePki({ notAfter: new Date('2022-01-01') });
    expect(() => checkBeforeSigning(chain(expired), pemToDer(expired.rootPem))).toThrow(/đã hết hạn ngày/);
    const encryptOnly = makePki({ keyUsage: { keyEncipherment: true } });
    expect(() => checkBeforeSigning(chain(encryptOnly), pemToDer(encryptOnly.rootPem))).toThrow(/không cho phép ký số/);
    expect(() => checkBeforeSigning(chain(pki), [])).toThrow(/kho tin cậy chưa có chứng thư gốc/);
    expect(() => checkBeforeSigning(chain(pki), pemToDer(makePki().rootPem))).toThrow(/không xây dựng được đường tin cậy/);
    expect(() => checkBeforeSigning(chain(pki), trust)).not.toThrow();
  });
});

describe.skipIf(!softHsmAvailable())('PAdES signing with a PKCS#11 token (SoftHSM2)', () => {
  it('signs with the token key after one PIN entry, and stops at once on a wrong PIN', async () => {
    const tok = makeToken(tempDir(), pki);
    const { listTokens } = await import('../../../electron/signing/sign/pkcs11');
    const listed = listTokens(tok.module).find((x) => x.label === tok.label)!;
    expect(listed.certificates).toEqual([expect.objectContaining({ id: '01', subject: 'Trần Văn Ký (token)' })]);
    expect(() => pkcs11Signer({ module: tok.module, token: tok.label, pin: '000000' })).toThrow(/Mã PIN .* không đúng\. Đã dừng/);
    expect(() => pkcs11Signer({ module: tok.module, token: 'Không có', pin: tok.pin })).toThrow(/Không thấy USB token/);
    const signer = pkcs11Signer({ module: tok.module, token: tok.label, pin: tok.pin });
    try {
      checkBeforeSigning(signer.certificates, trust);
      let pdf: Buffer = Buffer.from(await pdfScan(1));
      for (let i = 0; i < 3; i++) pdf = await signPdf(pdf, { signer, appearance: i === 0 ? 'copy' : 'none', agency: 'UBND xã Thanh Sơn' }); // many signatures, one login
      const r = await verifyPdf(pdf, { file: 'x.pdf', trust });
      expect(r.valid).toBe(true);
      expect(r.signatures.map((s) => s.signer)).toEqual(Array(3).fill('Trần Văn Ký (token)'));
      externalChecks(pdf, 3);
      // the token signs off the event loop: a callback queued behind the call runs before the
      // signature comes back (a blocking C_Sign would resolve first)
      let turned = false;
      setImmediate(() => (turned = true));
      const [a, b] = await Promise.all([signer.sign(Buffer.from('một'), 'sha256'), signer.sign(Buffer.from('hai'), 'sha256')]);
      expect(turned).toBe(true);
      const key = new X509Certificate(signer.certificates[0]).publicKey;
      expect(cryptoVerify('sha256', Buffer.from('một'), key, a)).toBe(true);
      expect(cryptoVerify('sha256', Buffer.from('hai'), key, b)).toBe(true);
    } finally {
      signer.close();
    }
  });
});

