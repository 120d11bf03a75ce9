// Certificate paths: from the signer up through the certificates in the signature and the
// trust store, each link checked by signature, each certificate's validity at a given time.
import { X509Certificate } from 'node:crypto';
import { CoreError } from '../../errors';
import type { Issue } from '../../../shared/verify-issues';

export interface PathResult {
  trusted: boolean;
  /** every certificate of the path valid at the time asked */
  validAt: boolean;
  problems: Issue[];
  chain: X509Certificate[];
}

export function pemToDer(pem: string): Buffer[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
}

const validOn = (c: X509Certificate, t: Date) => new Date(c.validFrom) <= t && t <= new Date(c.validTo);

export function buildPath(signer: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[], at: Date): PathResult {
  const chain = [signer];
  const problems: Issue[] = [];
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
  if (!trusted) problems.push({ code: 'NO_TRUST_PATH' });
  const validAt = chain.every((c) => validOn(c, at));
  if (!validAt) problems.push({ code: 'CERT_NOT_VALID_AT', params: { at: at.toISOString() } });
  return { trusted, validAt, problems, chain };
}

function safeVerify(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** true/false from the key usage extension, null when the certificate has none. */
export function keyUsageOk(cert: X509Certificate): boolean | null {
  // Node exposes key usage only through the legacy object; look at the raw extension instead
  const der = cert.raw;
  const i = der.indexOf(Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0f]));
  if (i < 0) return null;
  const bits = der.indexOf(Buffer.from([0x03]), i + 5);
  const first = der[bits + 3];
  return (first & 0x80) !== 0 || (first & 0x40) !== 0;
}

/**
 * Circular 15/2025: before signing, the certificate must be valid now, meant for signing,
 * strong enough, and chain to the trust store. Throws CERT_REFUSED with the reason.
 */
export function checkBeforeSigning(chainDer: Buffer[], anchorsDer: Buffer[], now = new Date()): void {
  const refuse = (reason: string) => {
    throw new CoreError('CERT_REFUSED', { reason });
  };
  const cert = new X509Certificate(chainDer[0]);
  const name = /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject;
  if (now < new Date(cert.validFrom)) refuse(`chứng thư số của ${name} chưa đến ngày có hiệu lực (${new Date(cert.validFrom).toLocaleDateString('vi-VN')})`);
  if (now > new Date(cert.validTo)) refuse(`chứng thư số của ${name} đã hết hạn ngày ${new Date(cert.validTo).toLocaleDateString('vi-VN')}`);
  if (keyUsageOk(cert) === false) refuse(`chứng thư số của ${name} không cho phép ký số (thiếu digitalSignature/nonRepudiation)`);
  const d = cert.publicKey.asymmetricKeyDetails ?? {};
  if (cert.publicKey.asymmetricKeyType === 'rsa' && (d.modulusLength ?? 0) < 2048) refuse(`khóa RSA ${d.modulusLength} bit, yêu cầu tối thiểu 2048 bit`);
  if (cert.publicKey.asymmetricKeyType === 'ec' && !['prime256v1', 'secp384r1', 'secp521r1'].includes(d.namedCurve ?? '')) refuse(`đường cong ${d.namedCurve} không được chấp nhận (P-256/P-384)`);
  const path = buildPath(cert, chainDer.slice(1).map((c) => new X509Certificate(c)), anchorsDer.map((c) => new X509Certificate(c)), now);
  if (!path.trusted)
    refuse(
      anchorsDer.length
        ? `không xây dựng được đường tin cậy từ chứng thư của ${name} tới chứng thư gốc nào trong kho tin cậy`
        : 'kho tin cậy chưa có chứng thư gốc nào; quản trị viên cần nhập chứng thư gốc (ví dụ của Trung tâm chứng thực điện tử quốc gia)',
    );
  if (!path.validAt) refuse(`một chứng thư trong đường tin cậy của ${name} không còn hiệu lực`);
}
