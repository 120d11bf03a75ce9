// The algorithms a verifier meets in the wild, each in a CMS we assemble around a PDF's signed
// bytes with keys and certificates made by the real openssl: RSA PKCS#1 v1.5 and PSS, ECDSA
// P-256/384/521 in DER and plain r‖s (BSI TR-03111), Ed25519, Ed448 with SHAKE256, SHA-2 and
// SHA-3, with and without signed attributes, signer by issuer+serial or by subject key
// identifier — and the failures: a curve OID as algorithm, a key of another type, content
// embedded under a detached SubFilter, an unknown algorithm ("cannot check").
import { execFileSync, spawnSync } from 'node:child_process';
import { constants, createHash, createPrivateKey, sign as cryptoSign, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { fromDer } from '../../../electron/signing/cms/cms';
import { p12Signer } from '../../../electron/signing/sign/p12';
import { signPdf } from '../../../electron/signing/sign/sign-pdf';
import { subjectKeyId } from '../../../electron/signing/verify/verify-crypto';
import { verifyPdf } from '../../../electron/signing/verify/verify';
import { makePki } from '../../fixtures/pki';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

const { asn1 } = forge;
const C = asn1.Class;
const T = asn1.Type;
const seq = (x: forge.asn1.Asn1[]) => asn1.create(C.UNIVERSAL, T.SEQUENCE, true, x);
const set = (x: forge.asn1.Asn1[]) => asn1.create(C.UNIVERSAL, T.SET, true, x);
const oid = (o: string) => asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer(o).getBytes());
const int = (n: number) => asn1.create(C.UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const octets = (b: Buffer) => asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, b.toString('binary'));
const alg = (o: string, params?: forge.asn1.Asn1) => seq(params ? [oid(o), params] : [oid(o)]);
const toBuf = (a: forge.asn1.Asn1) => Buffer.from(asn1.toDer(a).getBytes(), 'binary');
const has = spawnSync('openssl', ['version']).status === 0;

const DIGEST = { sha256: '2.16.840.1.101.3.4.2.1', sha384: '2.16.840.1.101.3.4.2.2', sha512: '2.16.840.1.101.3.4.2.3', 'sha3-256': '2.16.840.1.101.3.4.2.8', shake256: '2.16.840.1.101.3.4.2.12' } as const;
type DigestName = keyof typeof DIGEST;
const hashOf = (d: DigestName, data: Buffer) => (d === 'shake256' ? createHash('shake256', { outputLength: 64 }) : createHash(d)).update(data).digest();

/** A key and self-signed certificate from openssl (with a subject key identifier, as openssl adds). */
function keyAndCert(kind: string): { key: ReturnType<typeof createPrivateKey>; der: Buffer } {
  const dir = tempDir();
  const k = path.join(dir, 'k.pem');
  if (kind.startsWith('ec:')) execFileSync('openssl', ['ecparam', '-name', kind.slice(3), '-genkey', '-noout', '-out', k], { stdio: 'ignore' });
  else if (kind.startsWith('rsa')) execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${kind.slice(3) || 2048}`, '-out', k], { stdio: 'ignore' });
  else execFileSync('openssl', ['genpkey', '-algorithm', kind, '-out', k], { stdio: 'ignore' });
  const c = path.join(dir, 'c.pem');
  execFileSync('openssl', ['req', '-x509', '-new', '-key', k, '-subj', `/CN=Kiểm thử ${kind}/C=VN`, '-utf8', '-days', '3650', '-out', c]);
  return { key: createPrivateKey(fs.readFileSync(k)), der: new X509Certificate(fs.readFileSync(c)).raw };
}

interface Recipe {
  digest: DigestName;
  sigAlg: string;
  sigParams?: forge.asn1.Asn1;
  signature: (data: Buffer) => Buffer;
  signedAttrs?: boolean;
  bySki?: boolean;
  embed?: boolean;
}

/** Replaces the CMS in a signed PDF's /Contents by one made to the recipe, over the same signed bytes. */
function resign(pdf: Buffer, cert: Buffer, r: Recipe): Buffer {
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'))!;
  const [a, b, c, d] = m.slice(1).map(Number);
  const content = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const tbs = (fromDer(cert).value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  const off = tbs[0].tagClass === C.CONTEXT_SPECIFIC ? 1 : 0;
  const sid = r.bySki ? asn1.create(C.CONTEXT_SPECIFIC, 0, false, subjectKeyId(cert)!.toString('binary')) : seq([fromDer(toBuf(tbs[off + 2])), fromDer(toBuf(tbs[off]))]);
  const attrs = [seq([oid('1.2.840.113549.1.9.3'), set([oid('1.2.840.113549.1.7.1')])]), seq([oid('1.2.840.113549.1.9.4'), set([octets(hashOf(r.digest, content))])])];
  const signedAttrs = r.signedAttrs !== false;
  const toSign = signedAttrs ? toBuf(set(attrs)) : content;
  const si = seq([
    int(r.bySki ? 3 : 1),
    sid,
    alg(DIGEST[r.digest]),
    ...(signedAttrs ? [asn1.create(C.CONTEXT_SPECIFIC, 0, true, attrs)] : []),
    alg(r.sigAlg, r.sigParams),
    octets(r.signature(toSign)),
  ]);
  const encap = r.embed ? seq([oid('1.2.840.113549.1.7.1'), asn1.create(C.CONTEXT_SPECIFIC, 0, true, [octets(content)])]) : seq([oid('1.2.840.113549.1.7.1')]);
  const sd = seq([int(r.bySki ? 3 : 1), set([alg(DIGEST[r.digest])]), encap, asn1.create(C.CONTEXT_SPECIFIC, 0, true, [fromDer(cert)]), set([si])]);
  const cms = toBuf(seq([oid('1.2.840.113549.1.7.2'), asn1.create(C.CONTEXT_SPECIFIC, 0, true, [sd])])).toString('hex');
  const room = c - 1 - (b + 1);
  if (cms.length > room) throw new Error('CMS too large for the placeholder');
  const out = Buffer.from(pdf);
  out.write(cms.padEnd(room, '0'), b + 1, 'latin1');
  return out;
}

const base = async () => {
  const pki = makePki();
  return signPdf(Buffer.from(await pdfScan(1)), { signer: p12Signer(pki.p12, pki.password), appearance: 'none', contentsSize: 65536 });
};
const check = async (pdf: Buffer, cert: Buffer) => (await verifyPdf(pdf, { file: 'x.pdf', trust: [cert] })).signatures[0];

describe.skipIf(!has)('signature algorithms', () => {
  it('accepts every supported algorithm, with and without signed attributes, by serial or by key identifier', async () => {
    const pdf = await base();
    const rsa = keyAndCert('rsa');
    const cases: [string, { key: ReturnType<typeof createPrivateKey>; der: Buffer }, Recipe][] = [
      ['RSA PKCS#1 v1.5 SHA-256', rsa, { digest: 'sha256', sigAlg: '1.2.840.113549.1.1.11', signature: (x) => cryptoSign('sha256', x, rsa.key) }],
      ['RSA SHA3-256', rsa, { digest: 'sha3-256', sigAlg: '2.16.840.1.101.3.4.3.14', signature: (x) => cryptoSign('sha3-256', x, rsa.key) }],
      ['RSA without signed attributes, by SKI', rsa, { digest: 'sha256', sigAlg: '1.2.840.113549.1.1.1', signedAttrs: false, bySki: true, signature: (x) => cryptoSign('sha256', x, rsa.key) }],
      [
        'RSASSA-PSS SHA-384, salt 48',
        rsa,
        {
          digest: 'sha384',
          sigAlg: '1.2.840.113549.1.1.10',
          sigParams: seq([asn1.create(C.CONTEXT_SPECIFIC, 0, true, [alg(DIGEST.sha384)]), asn1.create(C.CONTEXT_SPECIFIC, 1, true, [alg('1.2.840.113549.1.1.8', alg(DIGEST.sha384))]), asn1.create(C.CONTEXT_SPECIFIC, 2, true, [int(48)])]),
          signature: (x) => cryptoSign('sha384', x, { key: rsa.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }),
        },
      ],
    ];
    for (const [curve, h, o] of [['prime256v1', 'sha256', '3'], ['secp384r1', 'sha384', '4'], ['secp521r1', 'sha512', '5']] as const) {
      const k = keyAndCert(`ec:${curve}`);
      const der = { sha256: '1.2.840.10045.4.3.2', sha384: '1.2.840.10045.4.3.3', sha512: '1.2.840.10045.4.3.4' }[h];
      cases.push([`ECDSA ${curve} DER`, k, { digest: h, sigAlg: der, signature: (x) => cryptoSign(h, x, k.key) }]);
      cases.push([`ECDSA ${curve} plain r‖s`, k, { digest: h, sigAlg: `0.4.0.127.0.7.1.1.4.1.${o}`, signature: (x) => cryptoSign(h, x, { key: k.key, dsaEncoding: 'ieee-p1363' }) }]);
    }
    const ed = keyAndCert('ED25519');
    cases.push(['Ed25519', ed, { digest: 'sha512', sigAlg: '1.3.101.112', signature: (x) => cryptoSign(null, x, ed.key) }]);
    const ed448 = keyAndCert('ED448');
    cases.push(['Ed448 SHAKE256', ed448, { digest: 'shake256', sigAlg: '1.3.101.113', signature: (x) => cryptoSign(null, x, ed448.key) }]);
    for (const [name, k, recipe] of cases) {
      const s = await check(resign(pdf, k.der, recipe), k.der);
      expect({ name, intact: s.intact, crypto: s.crypto.status, trusted: s.trusted }).toEqual({ name, intact: true, crypto: 'valid', trusted: true });
      // and one flipped byte of the value breaks it
      const bad = resign(pdf, k.der, { ...recipe, signature: (x) => { const v = recipe.signature(x); v[v.length >> 1] ^= 1; return v; } });
      expect((await check(bad, k.der)).cryptoValid, name).toBe(false);
    }
  }, 60_000);

  it('the crypto policy: EdDSA only with its own hash (Ed448 + SHAKE256, Ed25519 + SHA-512), named in the report; a 1024-bit RSA key is flagged, still checked', async () => {
    const pdf = await base();
    const ed448 = keyAndCert('ED448');
    const ed = keyAndCert('ED25519');
    for (const [k, digest, sigAlg, rule] of [[ed448, 'sha512', '1.3.101.113', 'Ed448 with SHAKE256 only'], [ed, 'sha256', '1.3.101.112', 'Ed25519 with SHA-512 only']] as const) {
      const s = await check(resign(pdf, k.der, { digest, sigAlg, signature: (x) => cryptoSign(null, x, k.key) }), k.der);
      expect(s).toMatchObject({ intact: true, cryptoValid: false, crypto: { status: 'invalid', reason: 'POLICY', policy: { rule, broken: 'digest' } } });
      expect(s.issues).toContainEqual({ code: 'CRYPTO_POLICY', params: { rule, broken: 'digest' } });
    }
    const weak = keyAndCert('rsa1024');
    const s = await check(resign(pdf, weak.der, { digest: 'sha256', sigAlg: '1.2.840.113549.1.1.11', signature: (x) => cryptoSign('sha256', x, weak.key) }), weak.der);
    expect(s).toMatchObject({ intact: true, cryptoValid: true, crypto: { policy: { broken: 'key-size' } } });
    expect(s.issues.map((i) => i.code)).toContain('WEAK_KEY');
  }, 60_000);

  it('fails a curve OID as algorithm, a key of another type, embedded content; an unknown algorithm cannot be checked', async () => {
    const pdf = await base();
    const ec = keyAndCert('ec:prime256v1');
    const rsa = keyAndCert('rsa');
    const curve = await check(resign(pdf, ec.der, { digest: 'sha256', sigAlg: '1.2.840.10045.3.1.7', signature: (x) => cryptoSign('sha256', x, ec.key) }), ec.der);
    expect(curve).toMatchObject({ cryptoValid: false, crypto: { status: 'invalid', reason: 'ALG_IS_CURVE' } });
    const mismatch = await check(resign(pdf, ec.der, { digest: 'sha256', sigAlg: '1.2.840.113549.1.1.11', signature: (x) => cryptoSign('sha256', x, ec.key) }), ec.der);
    expect(mismatch).toMatchObject({ cryptoValid: false, crypto: { reason: 'ALG_KEY_MISMATCH' } });
    const embedded = await check(resign(pdf, rsa.der, { digest: 'sha256', sigAlg: '1.2.840.113549.1.1.11', embed: true, signature: (x) => cryptoSign('sha256', x, rsa.key) }), rsa.der);
    expect(embedded).toMatchObject({ intact: false, cryptoValid: false });
    expect(embedded.issues.map((i) => i.code)).toContain('EMBEDDED_CONTENT');
    const unknown = await check(resign(pdf, rsa.der, { digest: 'sha256', sigAlg: '1.2.3.4.5.6', signature: (x) => cryptoSign('sha256', x, rsa.key) }), rsa.der);
    expect(unknown).toMatchObject({ cryptoValid: false, crypto: { status: 'unknown' } });
    expect(unknown.verdict).toMatch(/không kiểm tra được/);
  }, 60_000);
});
