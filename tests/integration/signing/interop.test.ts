// Signed PDFs from other tools (EU DSS, pyHanko, node-signpdf) get the verdicts a correct
// verifier gives (../shared/interop/EXPECTED.md). Runs where ../shared is present.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pemToDer } from '../../../electron/signing/trust/trust';
import { verifyPdf, type SignatureReport } from '../../../electron/signing/verify/verify';

const dir = path.resolve('..', 'shared', 'interop');
const present = fs.existsSync(path.join(dir, 'signed'));
const check = async (file: string, opts: { trust?: string; at?: string } = {}) =>
  verifyPdf(fs.readFileSync(path.join(dir, 'signed', file)), {
    file,
    trust: opts.trust ? pemToDer(fs.readFileSync(path.join(dir, 'certs', opts.trust), 'utf8')) : [],
    at: opts.at ? new Date(opts.at) : undefined,
  });
const pick = (s: SignatureReport) => ({ intact: s.intact && s.cryptoValid, whole: s.coversWholeDocument, modified: s.modifiedAfter });

describe.skipIf(!present)('interop verdicts', () => {
  it('DSS: an original B-B signature is intact and covers the whole file', async () => {
    const r = await check('pdf-signed-original.pdf');
    expect(r.signatures.map(pick)).toEqual([{ intact: true, whole: true, modified: false }]);
    expect(r.signatures[0].level).toBe('B-B');
  });
  it('DSS: altered bytes inside the signed range are not intact', async () => {
    expect((await check('pdf-signed-corrupted.pdf')).signatures[0].intact).toBe(false);
  });
  it('DSS: a page added after signing, and visible content changed after signing, are modifications', async () => {
    for (const f of ['pdf-signed-added-page.pdf', 'modified_after_signature.pdf']) {
      const s = (await check(f)).signatures[0];
      expect(pick(s)).toEqual({ intact: true, whole: false, modified: true });
    }
  });
  it('DSS: two incremental signatures are both valid; the edited copy has one broken', async () => {
    expect((await check('hello_signed_INCSAVE_signed.pdf')).signatures.map(pick)).toEqual([
      { intact: true, whole: false, modified: false },
      { intact: true, whole: true, modified: false },
    ]);
    const edited = await check('hello_signed_INCSAVE_signed_EDITED.pdf');
    expect(edited.valid).toBe(false);
    expect(edited.signatures.map((s) => s.intact && s.cryptoValid)).toEqual([true, false]);
  });
  it('DSS: signature timestamp gives B-T; a later document timestamp gives T-level too', async () => {
    const t = await check('doc-firmado-T.pdf');
    expect(t.signatures[0]).toMatchObject({ level: 'B-T', intact: true, coversWholeDocument: true, timestamp: expect.stringMatching(/^\d{4}-/) });
    const ext = await check('pades-t-level-extended.pdf');
    expect(ext.signatures.map((s) => [s.subFilter, s.level, s.intact, s.modifiedAfter])).toEqual([
      ['ETSI.CAdES.detached', 'B-T', true, false],
      ['ETSI.RFC3161', null, true, false],
    ]);
  });
  it('DSS: five signatures and a document timestamp are all intact; the five, signed over attributes out of DER order, are not confirmed', async () => {
    const r = await check('pades-5-signatures-and-1-document-timestamp.pdf');
    expect(r.signatures).toHaveLength(6);
    expect(r.signatures.every((s) => s.intact && !s.modifiedAfter)).toBe(true);
    // each value verifies over the attributes as stored, not over their DER encoding (DSS's PAdESFiveSignaturesDocTest: not B-level valid)
    expect(r.signatures.map((s) => [s.kind, s.crypto.status])).toEqual([...Array(5).fill(['signature', 'unknown']), ['doc_timestamp', 'valid']]);
    expect(r.signatures.slice(0, 5).every((s) => s.issues.some((i) => i.code === 'SIGNED_ATTRS_NOT_DER_CADES'))).toBe(true);
    expect(r.valid).toBe(false);
  });
  it('pyHanko: Adobe double signature is valid; a clobbered appearance stream after sig 1 is an illegitimate change', async () => {
    expect((await check('minimal-two-fields-signed-twice.pdf')).signatures.every((s) => s.intact && s.cryptoValid && !s.modifiedAfter)).toBe(true);
    const sneaky = await check('form-update-override-appearance-stream-sneaky.pdf');
    expect(sneaky.signatures.map((s) => [s.intact && s.cryptoValid, s.modifiedAfter])).toEqual([
      [true, true],
      [true, false],
    ]);
  });
  it('pyHanko: a ByteRange that stops short of the end is never "whole document signed"', async () => {
    const r = await check('tail-uncovered.pdf');
    expect(r.signatures[0]).toMatchObject({ intact: true, cryptoValid: true, coversWholeDocument: false });
    expect(r.valid).toBe(false);
  });
  it('pyHanko: B-LTA with DSS is trusted under its test root at 2020-11-01, untrusted without it', async () => {
    const trusted = await check('pades-lta-dss-indirect-arrs-test.pdf', { trust: 'pyhanko_certomancer_root_ca.cert.pem', at: '2020-11-01T00:00:00Z' });
    expect(trusted.signatures[0]).toMatchObject({ level: 'B-LTA', intact: true, cryptoValid: true, trusted: true, certValidAtSigning: true, modifiedAfter: false });
    expect((await check('pades-lta-dss-indirect-arrs-test.pdf')).signatures[0].trusted).toBe(false);
    const certified = await check('certified-with-indirect-refs-in-dir.pdf', { trust: 'pyhanko_certomancer_root_ca.cert.pem', at: '2020-11-01T00:00:00Z' });
    expect(certified.signatures[0]).toMatchObject({ intact: true, cryptoValid: true, coversWholeDocument: true, trusted: true });
  });
  it('node-signpdf: legacy adbe.pkcs7.detached signatures are intact, flagged as legacy, trusted only when pinned', async () => {
    const once = await check('signed-once.pdf');
    expect(once.signatures[0]).toMatchObject({ subFilter: 'adbe.pkcs7.detached', level: null, intact: true, cryptoValid: true, coversWholeDocument: true, trusted: false });
    expect(once.signatures[0].problems.join(' ')).toMatch(/adbe\.pkcs7/);
    const pinned = await check('signed-once.pdf', { trust: 'node-signpdf_signpdf_selfsigned.cert.pem' });
    expect(pinned.signatures[0].trusted).toBe(true);
    expect((await check('signed-twice.pdf')).signatures.map(pick)).toEqual([
      { intact: true, whole: false, modified: false },
      { intact: true, whole: true, modified: false },
    ]);
  });
});

describe.skipIf(!present)('signing files from other producers', () => {
  it('appends our signature to each of them without changing the verdict on theirs', async () => {
    const { makePki } = await import('../../fixtures/pki');
    const { p12Signer } = await import('../../../electron/signing/sign/p12');
    const { signPdf } = await import('../../../electron/signing/sign/sign-pdf');
    const pki = makePki();
    const signer = p12Signer(pki.p12, pki.password);
    for (const f of fs.readdirSync(path.join(dir, 'signed'))) {
      if (f === 'pdf-signed-corrupted.pdf') continue; // its broken signature stays broken either way
      const src = fs.readFileSync(path.join(dir, 'signed', f));
      const before = await verifyPdf(src, { file: f, trust: [] });
      // a document certified with DocMDP P=1 permits no further signature: signing refuses it with the reason
      if (before.signatures.some((s) => s.certification === 1)) {
        await expect(signPdf(Buffer.from(src), { signer, appearance: 'copy', fileName: f }), f).rejects.toMatchObject({ code: 'DOC_CERTIFIED_LOCKED', message: expect.stringContaining('P=1') });
        continue;
      }
      // a signature on an encrypted file would need the file's own encryption: the signer refuses those
      if (before.encrypted) {
        await expect(signPdf(Buffer.from(src), { signer, appearance: 'copy', fileName: f }), f).rejects.toMatchObject({ code: 'PDF_ENCRYPTED' });
        continue;
      }
      const after = await verifyPdf(await signPdf(Buffer.from(src), { signer, appearance: 'copy', agency: 'UBND huyện Như Xuân' }), { file: f, trust: pemToDer(pki.rootPem) });
      const verdict = (s: SignatureReport) => [s.intact, s.cryptoValid, s.modifiedAfter];
      expect(after.signatures.slice(0, before.signatures.length).map(verdict), f).toEqual(before.signatures.map(verdict));
      expect(after.signatures.at(-1), f).toMatchObject({ intact: true, cryptoValid: true, coversWholeDocument: true, trusted: true });
    }
  });
});
