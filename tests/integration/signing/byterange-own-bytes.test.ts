// A ByteRange of four numbers that is not [0, a, b, end−b] around the signature's own /Contents
// is non-standard coverage: the file is not valid, yet the CMS in its own /Contents is checked
// over the bytes it names, so a signature whose bytes verify is reported intact (pyHanko's
// weird-byterange). A range reaching past the end of the file names bytes that do not exist: not
// intact (DSS pdf-eof). Made here: our signature, re-signed over the odd range.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSignedData } from '../../../electron/signing/cms/cms';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { pdfScan } from '../../fixtures/scans';
import { pki, trust } from './sign-helpers';

const signer = p12Signer(pki.p12, pki.password);

/** The signed file with its /ByteRange rewritten to `range` (same width) and a CMS over the bytes `signedOver` names. */
async function resigned(pdf: Buffer, range: (len: number, b: number, c: number) => number[], signedOver?: (len: number, b: number, c: number) => number[]) {
  const out = Buffer.from(pdf);
  const m = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(out.toString('latin1'))!;
  const [b, c] = [Number(m[1]), Number(m[2])];
  const text = `/ByteRange [${range(out.length, b, c).join(' ')}]`;
  out.write(text.padEnd(m[0].length, ' '), m.index, 'latin1');
  const [a0, a1, c0, c1] = (signedOver ?? range)(out.length, b, c);
  const digest = createHash('sha256').update(out.subarray(a0, a0 + a1)).update(out.subarray(c0, c0 + c1)).digest();
  const cms = await buildSignedData({ contentDigest: digest, hash: 'sha256', signer });
  out.write(cms.toString('hex').toUpperCase().padEnd(c - b - 2, '0'), b + 1, 'latin1');
  return verifyPdf(out, { file: 'x.pdf', trust });
}

describe('a ByteRange that is not the standard one', () => {
  it('names odd bytes: its own signature is intact, the coverage non-standard, the file not valid', async () => {
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'none' });
    const r = await resigned(signed, () => [0, 10, 20, 30]);
    expect(r.signatures[0]).toMatchObject({ intact: true, cryptoValid: true, coverage: 'partial', coversWholeDocument: false });
    expect(r.signatures[0].issues.map((i) => i.code)).toContain('BYTERANGE_INVALID');
    expect(r.validIgnoringTrust).toBe(false);
    expect(r.valid).toBe(false);
  });

  it('reaches past the end of the file: the bytes it names do not exist, so it is not intact', async () => {
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'none' });
    const r = await resigned(
      signed,
      (len, b, c) => [0, b, c, len - c + 1],
      (len, b, c) => [0, b, c, len - c],
    );
    expect(r.signatures[0]).toMatchObject({ intact: false });
    expect(r.signatures[0].issues.map((i) => i.code)).toContain('BYTERANGE_INVALID');
  });
});
