// Signatures made by the app, checked by our verifier and, where installed, by poppler's
// pdfsig and `openssl cms -verify`; tampering, later pages and second signatures.
import { execFileSync, spawnSync } from 'node:child_process';
import { verify as cryptoVerify, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parseCms } from '../../../electron/signing/cms-parse';
import { OID } from '../../../electron/signing/oids';
import { p12Signer } from '../../../electron/signing/p12';
import { pkcs11Signer } from '../../../electron/signing/pkcs11';
import { openRevision, touch, writeIncrement } from '../../../electron/signing/incremental';
import { signPdf } from '../../../electron/signing/sign-pdf';
import { checkBeforeSigning, pemToDer } from '../../../electron/signing/trust';
import { verifyPdf } from '../../../electron/signing/verify';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { makeToken, softHsmAvailable } from '../../fixtures/softhsm';
import { tempDir } from '../../helpers';

const pki = makePki();
const trust = pemToDer(pki.rootPem);
const has = (cmd: string, arg = '-v') => spawnSync(cmd, [arg]).status !== null && spawnSync(cmd, [arg]).error === undefined;

/** The CMS and the signed bytes of the n-th signature, as openssl needs them. */
function extract(pdf: Buffer, n: number) {
  const m = [...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)][n];
  const [a, b, c, d] = m.slice(1).map(Number);
  const hex = pdf.subarray(a + b + 1, c - 1).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  const len = der[1] & 0x80 ? der.subarray(2, 2 + (der[1] & 0x7f)).readUIntBE(0, der[1] & 0x7f) + 2 + (der[1] & 0x7f) : der[1] + 2;
  return { cms: der.subarray(0, len), content: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]) };
}

function externalChecks(pdf: Buffer, count: number, rootPem = pki.rootPem) {
  const dir = tempDir();
  const file = path.join(dir, 'signed.pdf');
  fs.writeFileSync(file, pdf);
  if (has('pdfsig')) {
    const out = execFileSync('pdfsig', [file]).toString();
    expect(out.match(/Signature Validation: Signature is Valid/g)).toHaveLength(count);
    expect(out).toContain('ETSI.CAdES.detached');
  }
  if (has('openssl', 'version')) {
    fs.writeFileSync(path.join(dir, 'root.pem'), rootPem);
    for (let i = 0; i < count; i++) {
      const { cms, content } = extract(pdf, i);
      fs.writeFileSync(path.join(dir, `s${i}.der`), cms);
      fs.writeFileSync(path.join(dir, `c${i}.bin`), content);
      const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', path.join(dir, `s${i}.der`), '-content', path.join(dir, `c${i}.bin`), '-binary', '-CAfile', path.join(dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(r.stderr.toString()).toContain('Verification successful');
      const printed = execFileSync('openssl', ['cms', '-inform', 'DER', '-in', path.join(dir, `s${i}.der`), '-cmsout', '-print']).toString();
      expect(printed).toContain('signingCertificateV2');
      // PAdES: the time is in /M, never a signing-time attribute of the signer (a TSA token may carry its own)
      expect(parseCms(cms).attrs.has(OID.signingTime)).toBe(false);
    }
  }
}

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
    const { listTokens } = await import('../../../electron/signing/pkcs11');
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

describe.skipIf(!has('openssl', 'version'))('PAdES B-T with a time-stamping authority', () => {
  it('embeds a signature timestamp from the TSA; the level becomes B-T and the time is the TSA’s', async () => {
    const { startTsa } = await import('../../fixtures/tsa');
    const tsa = await startTsa(tempDir(), pki);
    try {
      const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(pki.p12, pki.password), appearance: 'none', tsaUrl: tsa.url });
      const r = await verifyPdf(signed, { file: 'x.pdf', trust });
      expect(r.valid).toBe(true);
      expect(r.signatures[0]).toMatchObject({ level: 'B-T', intact: true, cryptoValid: true, timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
      expect(Math.abs(Date.parse(r.signatures[0].timestamp!) - Date.now())).toBeLessThan(120_000);
      externalChecks(signed, 1);
    } finally {
      await tsa.close();
    }
    await expect(signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(pki.p12, pki.password), appearance: 'none', tsaUrl: 'http://127.0.0.1:9/tsa' })).rejects.toThrow(/Không lấy được dấu thời gian/);
  });
});

describe.skipIf(!has('openssl', 'version'))('PAdES B-LT', () => {
  it('stores the chain and the fetched revocation list in a DSS after a timestamped signature', async () => {
    const { startTsa } = await import('../../fixtures/tsa');
    const { startCrlServer } = await import('../../fixtures/crl-server');
    const crl = await startCrlServer();
    const ltPki = makePki({ crlUrl: crl.url });
    crl.publish(ltPki.rootPem, ltPki.rootKeyPem, tempDir());
    const tsa = await startTsa(tempDir(), ltPki);
    try {
      const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(ltPki.p12, ltPki.password), appearance: 'none', tsaUrl: tsa.url, ltv: true });
      const r = await verifyPdf(signed, { file: 'x.pdf', trust: pemToDer(ltPki.rootPem) });
      expect(r.valid).toBe(true);
      expect(r.signatures[0]).toMatchObject({ level: 'B-LT', intact: true, modifiedAfter: false, coversWholeDocument: false });
      const text = signed.toString('latin1');
      expect(/\/DSS \d+ 0 R/.test(text)).toBe(true);
      expect(/\/CRLs \[ \d+ 0 R \]/.test(text)).toBe(true);
      externalChecks(signed, 1, ltPki.rootPem);
    } finally {
      await tsa.close();
      await crl.close();
    }
  });
});

describe('appearance of a document issued electronically', () => {
  it('places the blue signature image and the red seal over a third of it, and stays valid', async () => {
    const sharp = (await import('sharp')).default;
    const sigPng = await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="160"><path d="M20 120 C 80 10, 140 150, 200 60 S 320 20, 380 100" stroke="#1e3a8a" stroke-width="9" fill="none"/></svg>')).png().toBuffer();
    const sealPng = await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><circle cx="150" cy="150" r="140" stroke="#d00000" stroke-width="14" fill="none"/><circle cx="150" cy="150" r="100" stroke="#d00000" stroke-width="6" fill="none"/></svg>')).png().toBuffer();
    const signed = await signPdf(Buffer.from(await pdfScan(2)), {
      signer: p12Signer(pki.p12, pki.password),
      appearance: 'issued',
      issued: { signatureImage: sigPng, sealImage: sealPng, place: { page: 2, x: 420, y: 200 } },
    });
    const r = await verifyPdf(signed, { file: 'x.pdf', trust });
    expect(r.valid).toBe(true);
    externalChecks(signed, 1);
    if (has('pdftoppm')) {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 's.pdf'), signed);
      execFileSync('pdftoppm', ['-r', '72', '-f', '2', '-l', '2', '-png', path.join(dir, 's.pdf'), path.join(dir, 'p')]);
      const png = fs.readdirSync(dir).find((f) => f.startsWith('p') && f.endsWith('.png'))!;
      const { data, info } = await sharp(path.join(dir, png)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const colourAt = (x0: number, x1: number, y0: number, y1: number, test: (r: number, g: number, b: number) => boolean) => {
        let n = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
          const i = (y * info.width + x) * 3;
          if (test(data[i], data[i + 1], data[i + 2])) n++;
        }
        return n;
      };
      // page 2 at 72 dpi: the block is centred at (420, 842 - 200) in image coordinates
      const red = colourAt(330, 450, 590, 700, (r, g, b) => r > 150 && g < 80 && b < 80);
      const blue = colourAt(380, 560, 600, 690, (r, g, b) => b > 100 && r < 80);
      expect(red).toBeGreaterThan(100);
      expect(blue).toBeGreaterThan(50);
      // nothing drawn on page 1 top corners
      expect(colourAt(0, 100, 0, 60, (r, g, b) => b > 100 && r < 80)).toBe(0);
    }
  });
});

describe.skipIf(!has('openssl', 'version'))('ECDSA keys', () => {
  it.each([
    ['prime256v1', 'sha256'],
    ['secp384r1', 'sha384'],
  ])('signs with a %s key from a .p12 written by OpenSSL (AES-256 PBES2), hashing with %s', async (curve, hash) => {
    const dir = tempDir();
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key');
    run('req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=EC Root/C=VN', '-days', '3650', '-out', 'ca.pem', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    run('ecparam', '-name', curve, '-genkey', '-noout', '-out', 'u.key');
    run('req', '-new', '-key', 'u.key', '-subj', '/CN=Người ký EC/C=VN', '-utf8', '-out', 'u.csr');
    fs.writeFileSync(path.join(dir, 'ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\n');
    run('x509', '-req', '-in', 'u.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '3650', '-out', 'u.pem', '-extfile', 'ext.cnf');
    run('pkcs12', '-export', '-inkey', 'u.key', '-in', 'u.pem', '-certfile', 'ca.pem', '-passout', 'pass:ec-pass', '-out', 'u.p12');
    const signer = p12Signer(fs.readFileSync(path.join(dir, 'u.p12')), 'ec-pass');
    expect(signer.keyType).toBe('ec');
    const rootPem = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'copy', agency: 'UBND xã Thanh Sơn' });
    const r = await verifyPdf(signed, { file: 'x.pdf', trust: pemToDer(rootPem) });
    expect(r.valid).toBe(true);
    expect(r.signatures[0].signer).toBe('Người ký EC');
    expect(parseCms(extract(signed, 0).cms).digestAlgorithm).toBe(hash);
    externalChecks(signed, 1, rootPem);
  });
});

describe.skipIf(!has('openssl', 'version'))('revocation at the signing time', () => {
  it('reads the CRL stored in the DSS: good before the revocation, revoked after it', async () => {
    const { startCrlServer } = await import('../../fixtures/crl-server');
    const { addDss } = await import('../../../electron/signing/ltv');
    const crl = await startCrlServer();
    try {
      const p = makePki({ crlUrl: crl.url });
      const anchors = pemToDer(p.rootPem);
      const signer = p12Signer(p.p12, p.password);
      const good = crl.publish(p.rootPem, p.rootKeyPem, tempDir());
      const revoked = crl.publish(p.rootPem, p.rootKeyPem, tempDir(), p.signerPem);
      const withCrl = async (time: Date, list: Buffer) => addDss(await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'none', time }), { certs: signer.certificates, crls: [list] });
      // signed yesterday, revoked today: the signature was made while the certificate was good
      const earlier = await verifyPdf(await withCrl(new Date(Date.now() - 86400_000), revoked), { file: 'a.pdf', trust: anchors });
      expect(earlier.signatures[0]).toMatchObject({ certValidAtSigning: true });
      expect(earlier.signatures[0].issues.map((i) => i.code)).not.toContain('REVOKED');
      // signed (by its own clock) tomorrow: after the revocation
      const later = await verifyPdf(await withCrl(new Date(Date.now() + 86400_000), revoked), { file: 'b.pdf', trust: anchors });
      expect(later.valid).toBe(false);
      expect(later.signatures[0]).toMatchObject({ certValidAtSigning: false });
      expect(later.signatures[0].problems.join(' ')).toMatch(/đã bị thu hồi/);
      const clean = await verifyPdf(await withCrl(new Date(), good), { file: 'c.pdf', trust: anchors });
      expect(clean.signatures[0].issues.map((i) => i.code)).not.toContain('NO_REVOCATION_DATA');
      const none = await verifyPdf(await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'none' }), { file: 'd.pdf', trust: anchors });
      expect(none.signatures[0].issues.map((i) => i.code)).toContain('NO_REVOCATION_DATA');
    } finally {
      await crl.close();
    }
  });
});

describe.skipIf(!has('openssl', 'version'))('PAdES B-LT with OCSP', () => {
  it('asks the responder named in the certificate and keeps its answer in the DSS', async () => {
    const { freePort, startOcsp } = await import('../../fixtures/ocsp-responder');
    const { startTsa } = await import('../../fixtures/tsa');
    const port = await freePort();
    const p = makePki({ ocspUrl: `http://127.0.0.1:${port}/` });
    const ocsp = await startOcsp(tempDir(), port, { pem: p.rootPem, keyPem: p.rootKeyPem }, p.signerPem);
    const tsa = await startTsa(tempDir(), p);
    try {
      const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(p.p12, p.password), appearance: 'none', tsaUrl: tsa.url, ltv: true });
      expect(/\/OCSPs \[ \d+ 0 R \]/.test(signed.toString('latin1'))).toBe(true);
      const r = await verifyPdf(signed, { file: 'x.pdf', trust: pemToDer(p.rootPem) });
      expect(r.signatures[0]).toMatchObject({ level: 'B-LT', certValidAtSigning: true });
      expect(r.signatures[0].issues.map((i) => i.code)).not.toContain('NO_REVOCATION_DATA');
    } finally {
      ocsp.close();
      await tsa.close();
    }
  });
});
