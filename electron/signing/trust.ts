// Certificate paths: from the signer up through the certificates in the signature and the
// trust store, each link checked by signature, each certificate's validity at a given time.
import { X509Certificate } from 'node:crypto';

export interface PathResult {
  trusted: boolean;
  /** every certificate of the path valid at the time asked */
  validAt: boolean;
  problems: string[];
  chain: X509Certificate[];
}

export function pemToDer(pem: string): Buffer[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
}

const validOn = (c: X509Certificate, t: Date) => new Date(c.validFrom) <= t && t <= new Date(c.validTo);

export function buildPath(signer: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[], at: Date): PathResult {
  const chain = [signer];
  const problems: string[] = [];
  const isAnchor = (c: X509Certificate) => anchors.some((a) => a.raw.equals(c.raw) || (a.subject === c.subject && a.publicKey.export({ type: 'spki', format: 'der' }).equals(c.publicKey.export({ type: 'spki', format: 'der' }))));
  let cur = signer;
  let trusted = isAnchor(cur);
  for (let depth = 0; !trusted && depth < 8; depth++) {
    const issuer = [...pool, ...anchors].find((c) => !c.raw.equals(cur.raw) && cur.checkIssued(c) && safeVerify(cur, c));
    if (!issuer) break;
    chain.push(issuer);
    if (isAnchor(issuer)) trusted = true;
    cur = issuer;
  }
  if (!trusted) problems.push('không có đường tin cậy tới chứng thư gốc trong kho tin cậy');
  const validAt = chain.every((c) => validOn(c, at));
  if (!validAt) problems.push(`chứng thư không còn hiệu lực vào thời điểm ${at.toISOString()}`);
  return { trusted, validAt, problems, chain };
}

function safeVerify(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
