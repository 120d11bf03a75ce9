// PAdES levels decided by structure (EN 319 142-1, as EU DSS reports them) and entries that are
// not what they claim: a document timestamp typed /DocTimeStamp makes a B-B signature B-T, the
// same RFC 3161 token in a dictionary typed /Sig is no document timestamp (named, not counted);
// a /Contents that no strict decoder reads (garbage, an INTEGER with a redundant leading byte)
// is a damaged signature field, shown apart and not counted as a signature. The files are made
// here: our signature, then a document-timestamp revision appended with a token from a real
// RFC 3161 server on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { requestTimestamp } from '../../../electron/signing/sign/tsa';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';
import { adminAllows, has, pki, trust, startLongTermServices } from './sign-helpers';

const CONTENTS = 16384;

/** Appends a revision holding one ETSI.RFC3161 entry of the given /Type, stamped by the TSA over its ByteRange. */
async function appendDocTimestamp(pdf: Buffer, type: 'DocTimeStamp' | 'Sig', tsaUrl: string): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const prevXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const size = Math.max(...[...text.matchAll(/\/Size\s+(\d+)/g)].map((m) => Number(m[1])));
  const root = [...text.matchAll(/\/Root\s+(\d+\s+\d+\s+R)/g)].at(-1)![1];
  const placeholder = '[0 0000000000 0000000000 0000000000]';
  const head = `\n${size} 0 obj\n<< /Type /${type} /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange ${placeholder} /Contents <`;
  const objAt = pdf.length + 1;
  const gapAt = pdf.length + head.length - 1;
  const afterGap = gapAt + CONTENTS * 2 + 2;
  const xrefAt = afterGap + ' >>\nendobj\n'.length;
  const tail = ` >>\nendobj\nxref\n0 1\n0000000000 65535 f\r\n${size} 1\n${String(objAt).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prevXref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const pad = (x: number) => String(x).padStart(10, '0');
  const range = `[0 ${pad(gapAt)} ${pad(afterGap)} ${pad(tail.length)}]`;
  const out = Buffer.from(`${text}${head.replace(placeholder, range)}${'0'.repeat(CONTENTS * 2)}>${tail}`, 'latin1');
  const token = await requestTimestamp(tsaUrl, Buffer.concat([out.subarray(0, gapAt), out.subarray(afterGap)]), 'sha256', adminAllows(tsaUrl));
  out.write(token.toString('hex').toUpperCase(), gapAt + 1, 'latin1');
  return out;
}

/** The signed file with its /Contents replaced by other bytes (same room, zero-padded). */
function replaceContents(pdf: Buffer, der: Buffer): Buffer {
  const m = /\/ByteRange\s*\[\s*\d+\s+(\d+)\s+(\d+)/.exec(pdf.toString('latin1'))!;
  const [b, c] = [Number(m[1]), Number(m[2])];
  const out = Buffer.from(pdf);
  out.write(der.toString('hex').toUpperCase().padEnd(c - b - 2, '0'), b + 1, 'latin1');
  return out;
}

const signer = p12Signer(pki.p12, pki.password);

describe('PAdES levels by structure, and entries that are not what they claim', () => {
  it.skipIf(!has('openssl', 'version'))('a /DocTimeStamp after a B-B signature makes it B-T; the same token typed /Sig is not a document timestamp', async () => {
    const { startTsa } = await import('../../fixtures/tsa');
    const tsa = await startTsa(tempDir(), pki);
    try {
      const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'none' });
      expect((await verifyPdf(signed, { file: 'x.pdf', trust })).signatures[0].level).toBe('B-B');
      const stamped = await verifyPdf(await appendDocTimestamp(signed, 'DocTimeStamp', tsa.url), { file: 'x.pdf', trust });
      expect(stamped.signatures.map((s) => [s.kind, s.level, s.intact, s.cryptoValid, s.modifiedAfter])).toEqual([
        ['signature', 'B-T', true, true, false],
        ['doc_timestamp', null, true, true, false],
      ]);
      const misfiled = await verifyPdf(await appendDocTimestamp(signed, 'Sig', tsa.url), { file: 'x.pdf', trust });
      expect(misfiled.signatures[0].level).toBe('B-B');
      expect(misfiled.signatures[1].issues.map((i) => i.code)).toContain('TS_TYPED_SIG');
    } finally {
      await tsa.close();
    }
  }, 60_000);

  it.skipIf(!has('openssl', 'version'))('B-LT reads every DSS in the file: a later DSS that replaces the first without its data leaves the signature B-LT', async () => {
    const { addDss } = await import('../../../electron/signing/long-term/ltv');
    const { pemToDer } = await import('../../../electron/signing/trust/trust');
    const { crl, tsa, pki: ltPki, close } = await startLongTermServices();
    try {
      const lt = await signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(ltPki.p12, ltPki.password), appearance: 'none', tsaUrl: tsa.url, ltv: true, outbound: adminAllows(crl.url) });
      const replaced = await addDss(lt, { certs: [], crls: [] });
      const r = await verifyPdf(replaced, { file: 'x.pdf', trust: pemToDer(ltPki.rootPem) });
      expect(r.signatures[0]).toMatchObject({ level: 'B-LT', intact: true, modifiedAfter: false });
    } finally {
      await close();
    }
  }, 60_000);

  it('a /Contents no strict decoder reads is a damaged field, not a signature', async () => {
    const signed = await signPdf(Buffer.from(await pdfScan(1)), { signer, appearance: 'none' });
    const hex = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(signed.toString('latin1'))![1];
    const whole = Buffer.from(hex, 'hex');
    const der = whole.subarray(0, 4 + whole.readUInt16BE(2)); // without the zero padding
    // ContentInfo 30 82 .. .., OID, [0] A0 82 .. .., SignedData 30 82 .. .., version 02 01 01
    expect([der[0], der[15], der[19], ...der.subarray(23, 26)]).toEqual([0x30, 0xa0, 0x30, 0x02, 0x01, 0x01]);
    // the version INTEGER 1 written with a redundant leading zero (02 02 00 01), the lengths around it one more
    const padded = Buffer.concat([der.subarray(0, 24), Buffer.from([0x02, 0x00]), der.subarray(25)]);
    for (const at of [2, 17, 21]) padded.writeUInt16BE(padded.readUInt16BE(at) + 1, at);
    for (const [what, bytes] of [['garbage', Buffer.from('3082000a0102030405', 'hex')], ['padded INTEGER', padded]] as const) {
      const r = await verifyPdf(replaceContents(signed, bytes), { file: 'x.pdf', trust });
      expect(r.signatures.map((s) => s.kind), what).toEqual(['damaged']);
      expect(r.signatures[0].issues.map((i) => i.code), what).toContain('CMS_UNREADABLE');
      expect(r.signatures[0].verdict, what).toMatch(/Trường chữ ký hỏng/);
      expect(r.valid, what).toBe(false);
    }
  });
});
