// Step 4, the signature timestamp (PAdES B-T): an RFC 3161 token in the signer's unsigned
// attributes. It counts only if it is itself a good signature: its messageImprint is the
// digest of this signature's value, its messageDigest attribute the digest of its TSTInfo, and
// its CMS signature verifies with the TSA's certificate. The TSA's certificate path is
// reported; a TSA outside the trust store is named as such but does not void the time.
import type { X509Certificate } from 'node:crypto';
import { toDer } from '../cms/cms';
import { messageDigestOf, parseCms, parseTstInfo, type ParsedCms } from '../cms/cms-parse';
import { OID } from '../cms/oids';
import { commonName } from '../sign/sign-names';
import { buildPath } from '../trust/trust';
import { checkSignatureValue, digest, digestOfOid, findSignerCert, x509, type CryptoResult } from './verify-crypto';
import { dssOf } from './verify-find';
import type { Context, SignatureReport, TsaReport } from './verify-report';

/** The TSA certificate: among the token's own certificates, else the file's DSS or the archive's. */
function tsaCertificate(ctx: Context, t: ParsedCms, signedData: Buffer): X509Certificate | null {
  const own = findSignerCert(t, signedData);
  if (own) return own;
  const more = [...dssOf(ctx.file, ctx.file.last).certs, ...ctx.extra.map((c) => c.raw)];
  return more.length ? findSignerCert({ ...t, certificates: more }, signedData) : null;
}

/** The token's own CMS signature: its content digest, then its signature value. */
function tokenSignature(t: ParsedCms, cert: X509Certificate | null, signedData: Buffer): CryptoResult['status'] {
  const hash = t.eContent ? digestOfOid(t.digestOid) : null;
  const md = messageDigestOf(t);
  // without signed attributes the signature is over the TSTInfo itself
  if (t.signedAttrsDer && (!hash || !md || !md.equals(digest(hash, [t.eContent!])))) return 'invalid';
  if (!cert) return 'unknown';
  return checkSignatureValue(t, cert, signedData).status;
}

export function timestampStep(ctx: Context, sig: SignatureReport, p: ParsedCms): void {
  const tsToken = p.unsignedAttrs.get(OID.signatureTimeStampToken)?.[0];
  if (!tsToken) return;
  let t: ParsedCms;
  let tst: ReturnType<typeof parseTstInfo>;
  try {
    t = parseCms(toDer(tsToken));
    tst = parseTstInfo(t.eContent!);
  } catch {
    sig.issues.push({ code: 'TS_UNREADABLE' });
    return;
  }
  const imprintHash = digestOfOid(tst.imprintOid);
  const imprintMatches = !!imprintHash && tst.imprint.equals(digest(imprintHash, [p.signature]));
  const signedData = t.signedAttrsDer ?? t.eContent!;
  const cert = tsaCertificate(ctx, t, signedData);
  const signature = tokenSignature(t, cert, signedData);
  const tsa: TsaReport = { signer: cert ? commonName(cert.raw) : null, signature, imprintMatches, trusted: false, path: [], anchor: null };
  if (cert) {
    const pool = [...t.certificates, ...dssOf(ctx.file, ctx.file.last).certs].flatMap((d) => {
      try {
        return [x509(d)];
      } catch {
        return [];
      }
    });
    const path = buildPath(cert, [...pool, ...ctx.extra], ctx.anchors, tst.genTime);
    tsa.trusted = path.trusted;
    tsa.path = path.chain.map((c) => c.subject.replace(/\n/g, ', '));
    tsa.anchor = path.trusted ? tsa.path.at(-1)! : null;
    ctx.opts.onCaCertificates?.(path.chain.slice(1).map((c) => c.raw));
  }
  sig.tsa = tsa;
  if (!imprintMatches) sig.issues.push({ code: 'TS_MISMATCH' });
  if (signature === 'invalid') sig.issues.push({ code: 'TS_SIGNATURE_INVALID' });
  else if (signature === 'unknown') sig.issues.push({ code: 'TS_SIGNER_UNKNOWN' });
  // a token that does not vouch for this signature gives it no time
  sig.timestamp = imprintMatches && signature === 'valid' ? tst.genTime.toISOString() : null;
}
