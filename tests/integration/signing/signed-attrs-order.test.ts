// Signed attributes out of DER order (RFC 5652 §5.4: the signature is over their DER encoding):
// our own signature with its attributes stored reversed still verifies over the DER set (valid,
// as EU DSS finds); the same attributes signed in the reversed order verify only over the stored
// bytes: a CAdES signature that cannot be confirmed (EU DSS refuses it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { fromDer, toDer } from '../../../electron/signing/cms/cms';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { extract, has, pki, trust } from './sign-helpers';

type Asn1 = forge.asn1.Asn1;
const kids = (a: Asn1) => a.value as Asn1[];
const signer = p12Signer(pki.p12, pki.password);

/** The signed PDF with its CMS's signed attributes stored reversed, re-signed over that order when `resign`. */
async function reversedAttrs(pdf: Buffer, resign: boolean): Promise<Buffer> {
  const { cms } = extract(pdf, 0);
  const ci = fromDer(cms);
  const sd = kids(kids(ci)[1])[0];
  const si = kids(kids(sd).at(-1)!)[0];
  const parts = kids(si);
  const attrsAt = parts.findIndex((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  kids(parts[attrsAt]).reverse();
  if (resign) {
    const stored = toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, kids(parts[attrsAt])));
    parts[attrsAt + 2].value = (await signer.sign(stored, 'sha256')).toString('binary');
  }
  const hex = toDer(ci).toString('hex').toUpperCase();
  const br = /\/ByteRange\s*\[\s*0\s+(\d+)/.exec(pdf.toString('latin1'))!;
  const out = Buffer.from(pdf);
  out.write(hex, Number(br[1]) + 1, 'latin1');
  return out;
}

function opensslVerifies(pdf: Buffer): boolean {
  const dir = tempDir();
  const { cms, content } = extract(pdf, 0);
  fs.writeFileSync(path.join(dir, 's.der'), cms);
  fs.writeFileSync(path.join(dir, 'c.bin'), content);
  fs.writeFileSync(path.join(dir, 'root.pem'), pki.rootPem);
  const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', path.join(dir, 's.der'), '-content', path.join(dir, 'c.bin'), '-binary', '-CAfile', path.join(dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);
  return r.stderr.toString().includes('Verification successful');
}

describe('signed attributes out of DER order', () => {
  it('valid when the signature holds over the DER set; not confirmed when only over the stored order', async () => {
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'none' });
    const codes = (r: Awaited<ReturnType<typeof verifyPdf>>) => r.signatures[0].issues.map((i) => i.code);

    const reordered = await reversedAttrs(signed, false);
    const a = await verifyPdf(reordered, { file: 'a.pdf', trust });
    expect(a.valid).toBe(true);
    expect(a.signatures[0].crypto.status).toBe('valid');
    expect(codes(a)).not.toContain('SIGNED_ATTRS_NOT_DER_CADES');

    const signedAsStored = await reversedAttrs(signed, true);
    const b = await verifyPdf(signedAsStored, { file: 'b.pdf', trust });
    expect(b.valid).toBe(false);
    expect(b.signatures[0]).toMatchObject({ intact: true, cryptoValid: false, crypto: { status: 'unknown', reason: 'NOT_DER' } });
    expect(codes(b)).toContain('SIGNED_ATTRS_NOT_DER_CADES');
    expect(b.signatures[0].verdict).toMatch(/không xác nhận được/);

    // OpenSSL 3 checks the attributes as stored: it confirms the second fixture really is signed
    // over the reversed order (and refuses the first, which EU DSS and the standard accept)
    if (has('openssl', 'version')) expect(opensslVerifies(signedAsStored)).toBe(true);
  });
});
