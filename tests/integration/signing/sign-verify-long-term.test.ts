// PAdES B-T, B-LT (CRL and OCSP), ECDSA keys and the issued-document appearance: signed here, checked by our verifier and by pdfsig/openssl.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCms } from '../../../electron/signing/cms/cms-parse';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { adminAllows, externalChecks, extract, has, pki, trust, startLongTermServices } from './sign-helpers';

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
    const { crl, tsa, pki: ltPki, close } = await startLongTermServices();
    try {
      const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(ltPki.p12, ltPki.password), appearance: 'none', tsaUrl: tsa.url, ltv: true, outbound: adminAllows(crl.url) });
      const r = await verifyPdf(signed, { file: 'x.pdf', trust: pemToDer(ltPki.rootPem) });
      expect(r.valid).toBe(true);
      expect(r.signatures[0]).toMatchObject({ level: 'B-LT', intact: true, modifiedAfter: false, coversWholeDocument: false });
      const text = signed.toString('latin1');
      expect(/\/DSS \d+ 0 R/.test(text)).toBe(true);
      expect(/\/CRLs \[ \d+ 0 R \]/.test(text)).toBe(true);
      externalChecks(signed, 1, ltPki.rootPem);
    } finally {
      await close();
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
    const { addDss } = await import('../../../electron/signing/long-term/ltv');
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
      const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(p.p12, p.password), appearance: 'none', tsaUrl: tsa.url, ltv: true, outbound: adminAllows(`http://127.0.0.1:${port}/`) });
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

