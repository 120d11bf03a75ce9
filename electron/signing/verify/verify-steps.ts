// The checks of one signature after its ByteRange: integrity (the digest over the signed
// bytes) and the signature value, then the certificate path and revocation.
import type { X509Certificate } from 'node:crypto';
import { revocationStatus } from '../trust/revocation';
import { caIssuersUrls } from '../long-term/ltv';
import { messageDigestOf, parseTstInfo, type ParsedCms } from '../cms/cms-parse';
import { buildPath, keyUsageOk } from '../trust/trust';
import { checkSignatureValue, digest, digestOfOid, findSignerCert, x509, type CryptoResult, type Digest } from './verify-crypto';
import { dssOf } from './verify-find';
import type { Context, SignatureReport } from './verify-report';

/** Steps 2 and 3: the digest over the signed bytes, then the signature value. */
export function integrityAndCrypto(sig: SignatureReport, p: ParsedCms, signedBytes: Buffer[], subFilter: string) {
  const problems = sig.issues;
  const hash: Digest | null = digestOfOid(p.digestOid);
  if (!hash) {
    problems.push({ code: 'HASH_UNSUPPORTED' });
    sig.crypto = { status: 'unknown', reason: 'ALGORITHM_UNKNOWN', algorithm: p.digestOid };
    return;
  }
  if (hash === 'sha1') problems.push({ code: 'SHA1' });
  const md = messageDigestOf(p);
  const contentDigest = digest(hash, signedBytes);
  const detached = subFilter === 'adbe.pkcs7.detached' || subFilter === 'ETSI.CAdES.detached';
  if (detached && p.eContent) {
    // a detached SubFilter with content inside the CMS: what was signed is not the file
    problems.push({ code: 'EMBEDDED_CONTENT' });
    sig.crypto = { status: 'invalid', algorithm: p.signatureAlgorithmOid };
    return;
  }
  if (subFilter === 'ETSI.RFC3161') {
    const tst = p.eContent ? parseTstInfo(p.eContent) : null;
    const imprintHash = tst ? digestOfOid(tst.imprintOid) : null;
    sig.intact = !!tst && !!md && md.equals(digest(hash, [p.eContent!])) && !!imprintHash && tst.imprint.equals(digest(imprintHash, signedBytes));
    sig.timestamp = tst?.genTime.toISOString() ?? null;
  } else if (subFilter === 'adbe.pkcs7.sha1') {
    sig.intact = !!p.eContent && p.eContent.equals(digest('sha1', signedBytes)) && (!md || md.equals(digest(hash, [p.eContent])));
  } else if (md) sig.intact = md.equals(contentDigest);
  const signedData = p.signedAttrsDer ?? p.eContent ?? Buffer.concat(signedBytes);
  const cert = findSignerCert(p, signedData);
  sig.crypto = signatureValue(p, cert, signedData, subFilter, problems);
  sig.cryptoValid = sig.crypto.status === 'valid';
  // without signed attributes the signature itself is over the signed bytes: it vouches for them
  if (!p.signedAttrsDer && !p.eContent) sig.intact = sig.cryptoValid;
  if (!sig.intact) problems.push({ code: 'DIGEST_MISMATCH' });
  if (sig.crypto.reason === 'NOT_DER') {
    /* named by signatureValue */
  } else if (sig.crypto.status === 'unknown') problems.push({ code: 'ALGORITHM_UNKNOWN', params: { oid: sig.crypto.algorithm } });
  else if (sig.crypto.reason === 'POLICY') problems.push({ code: 'CRYPTO_POLICY', params: { rule: sig.crypto.policy!.rule, broken: sig.crypto.policy!.broken ?? '' } });
  else if (!sig.cryptoValid) problems.push({ code: sig.crypto.reason === 'ALG_IS_CURVE' || sig.crypto.reason === 'ALG_KEY_MISMATCH' ? sig.crypto.reason : 'SIGNATURE_INVALID' });
  if (sig.crypto.policy?.broken === 'key-size') problems.push({ code: 'WEAK_KEY', params: { rule: sig.crypto.policy.rule } });
}

/**
 * The signature value. RFC 5652 §5.4: it is over the DER encoding of the signed attributes, a
 * SET OF whose elements DER sorts. When the stored order is not DER's, the signature is checked
 * over the sorted set first (what EU DSS checks): valid there, the order in the file does not
 * matter. Valid only over the bytes as stored (what Adobe, pyHanko, pdfsig and OpenSSL 3 check):
 * a legacy adbe.pkcs7 signature is accepted, flagged; a CAdES/PAdES one, whose standard
 * (EN 319 122-1) asks DER, cannot be confirmed: not valid, as DSS finds (its DSS-818 files).
 */
function signatureValue(p: ParsedCms, cert: X509Certificate | null, signedData: Buffer, subFilter: string, problems: SignatureReport['issues']): CryptoResult {
  const asStored = checkSignatureValue(p, cert, signedData);
  if (!p.signedAttrsDer || p.signedAttrsInDerOrder || !p.signedAttrsSortedDer) return asStored;
  const overDer = checkSignatureValue(p, cert, p.signedAttrsSortedDer);
  if (overDer.status === 'valid' || asStored.status !== 'valid') return overDer.status === 'valid' ? overDer : asStored;
  if (subFilter.startsWith('adbe.pkcs7')) {
    problems.push({ code: 'SIGNED_ATTRS_NOT_DER' });
    return asStored;
  }
  problems.push({ code: 'SIGNED_ATTRS_NOT_DER_CADES' });
  return { ...asStored, status: 'unknown', reason: 'NOT_DER' };
}

/** Steps 5 and 6: the path to an anchor at the time of signing, and revocation from what the file carries. */
export function trustStep(ctx: Context, sig: SignatureReport, p: ParsedCms, cert: X509Certificate, at: Date) {
  const dss = dssOf(ctx.file, ctx.file.last);
  const pool = [...p.certificates, ...dss.certs].flatMap((x) => {
    try {
      return [x509(x)];
    } catch {
      return [];
    }
  });
  const path = buildPath(cert, [...pool, ...ctx.extra], ctx.anchors, at);
  sig.trusted = path.trusted;
  sig.certValidAtSigning = path.validAt;
  sig.path = path.chain.map((c) => c.subject.replace(/\n/g, ', '));
  sig.anchor = path.trusted ? sig.path.at(-1)! : null;
  sig.issues.push(...path.problems);
  ctx.opts.onCaCertificates?.(path.chain.slice(1).map((c) => c.raw));
  const top = path.chain.at(-1)!;
  if (!path.trusted && !top.checkIssued(top)) sig.missingIssuer = { issuer: top.issuer.replace(/\n/g, ', '), urls: caIssuersUrls(top.raw) };
  const r = revocationStatus(cert, path.chain[1] ?? null, [...p.crls, ...dss.crls], [...p.ocsps, ...dss.ocsps], at, pool);
  sig.revocation = { status: r.status, source: r.source ?? null, revokedAt: r.revokedAt?.toISOString() ?? null };
  if (r.status === 'revoked') {
    sig.certValidAtSigning = false;
    sig.issues.push({ code: 'REVOKED', params: { at: r.revokedAt!.toISOString(), source: r.source! } });
  } else if (r.status === 'unknown' && sig.kind !== 'doc_timestamp') sig.issues.push({ code: 'NO_REVOCATION_DATA' });
  if (sig.kind !== 'doc_timestamp' && keyUsageOk(cert) === false) sig.issues.push({ code: 'KEY_USAGE' });
}
