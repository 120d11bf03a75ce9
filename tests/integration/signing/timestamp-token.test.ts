// The signature timestamp is itself a signature: its token's CMS signature and content digest
// are checked, its TSA certificate path reported, and a token that is broken gives no time; the
// level is the format (EN 319 142-1, as EU DSS reports it): a token is there, so B-T, shown failing.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toDer } from '../../../electron/signing/cms/cms';
import { parseCms } from '../../../electron/signing/cms/cms-parse';
import { OID } from '../../../electron/signing/cms/oids';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

const pki = makePki({ cn: 'Trần Văn Ký' });
const trust = pemToDer(pki.rootPem);
const has = (cmd: string, arg = '-v') => spawnSync(cmd, [arg]).error === undefined;

/** The signed file with `edit` applied to the DER of its signature timestamp token, in place (same length). */
function tamperToken(pdf: Buffer, edit: (token: Buffer) => void): Buffer {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('/Contents <') + '/Contents <'.length;
  const hex = text.slice(at, text.indexOf('>', at));
  const cms = parseCms(Buffer.from(hex, 'hex'));
  const token = toDer(cms.unsignedAttrs.get(OID.signatureTimeStampToken)![0]);
  const changed = Buffer.from(token);
  edit(changed);
  const from = hex.indexOf(token.toString('hex').toUpperCase());
  expect(from).toBeGreaterThan(0);
  const out = Buffer.from(pdf);
  out.write(changed.toString('hex').toUpperCase(), at + from, 'latin1');
  return out;
}

describe.skipIf(!has('openssl', 'version'))('signature timestamp token', () => {
  it('checks the token’s own signature, reports the TSA path, and voids a broken token', async () => {
    const { startTsa } = await import('../../fixtures/tsa');
    const tsa = await startTsa(tempDir(), pki);
    let signed: Buffer;
    try {
      signed = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(pki.p12, pki.password), appearance: 'none', tsaUrl: tsa.url });
    } finally {
      await tsa.close();
    }
    const good = (await verifyPdf(signed, { file: 'x.pdf', trust })).signatures[0];
    expect(good).toMatchObject({ level: 'B-T', timestamp: expect.stringMatching(/^\d{4}-/) });
    expect(good.tsa).toMatchObject({ signer: 'Số hóa Desk Test TSA', signature: 'valid', imprintMatches: true, trusted: true });
    expect(good.tsa!.path).toHaveLength(2);
    expect(good.tsa!.anchor).toBe(good.anchor);
    expect(good.issues.map((i) => i.code)).not.toContain('TS_SIGNATURE_INVALID');

    // the TSA's signature value with one bit flipped: the outer signature does not cover it
    const sigValue = parseCms(toDer(parseCms(Buffer.from(/\/Contents <([0-9A-F]+)>/.exec(signed.toString('latin1'))![1], 'hex')).unsignedAttrs.get(OID.signatureTimeStampToken)![0])).signature;
    const brokenSig = tamperToken(signed, (t) => {
      const i = t.indexOf(sigValue);
      t[i + 10] ^= 0x01;
    });
    const b = (await verifyPdf(brokenSig, { file: 'x.pdf', trust })).signatures[0];
    expect(b).toMatchObject({ intact: true, cryptoValid: true, timestamp: null, level: 'B-T' });
    expect(b.tsa).toMatchObject({ signature: 'invalid', imprintMatches: true });
    expect(b.issues.map((i) => i.code)).toContain('TS_SIGNATURE_INVALID');

    // the time inside the TSTInfo moved by a year: its digest no longer matches what the TSA signed
    const year = new Date(good.timestamp!).getUTCFullYear();
    const backdated = tamperToken(signed, (t) => {
      // the first GeneralizedTime (tag 0x18) is the TSTInfo's genTime
      let i = 0;
      while (!(t[i] === 0x18 && t.subarray(i + 2, i + 6).toString('latin1') === `${year}`)) i++;
      t.write(`${year - 1}`, i + 2, 'latin1');
    });
    const d = (await verifyPdf(backdated, { file: 'x.pdf', trust })).signatures[0];
    expect(d).toMatchObject({ timestamp: null, level: 'B-T' });
    expect(d.tsa!.signature).toBe('invalid');
    expect(d.issues.map((i) => i.code)).toContain('TS_SIGNATURE_INVALID');
  });
});
