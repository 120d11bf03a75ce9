// Revocation at the signing time, from the data a PDF carries: CRLs in the DSS or in the
// CMS, and OCSP responses in the DSS. Each list or response is believed only if its
// signature verifies with the certificate's issuer (or a responder that issuer certified).
import { x509 } from '../verify/verify-crypto';
import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { fromDer, toDer } from '../cms/cms';
import { hashOfOid, OID, type Hash } from '../cms/oids';

type Asn1 = forge.asn1.Asn1;
const kids = (a: Asn1) => a.value as Asn1[];
const oidOf = (a: Asn1) => forge.asn1.derToOid(forge.util.createBuffer(a.value as string));
const intHex = (a: Asn1) => Buffer.from(a.value as string, 'binary').toString('hex').replace(/^0+/, '') || '0';
const time = (a: Asn1) => (a.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(a.value as string) : forge.asn1.generalizedTimeToDate(a.value as string));
const bits = (a: Asn1) => Buffer.from((a.value as string).slice(1), 'binary');

const SIG_HASH: Record<string, Hash> = {
  [OID.sha1WithRSA]: 'sha1',
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
  [OID.ecdsaSha256]: 'sha256',
  [OID.ecdsaSha384]: 'sha384',
  [OID.ecdsaSha512]: 'sha512',
};

function signedBy(tbs: Buffer, sigAlg: Asn1, signature: Buffer, issuer: X509Certificate): boolean {
  const alg = oidOf(kids(sigAlg)[0]);
  const hash = SIG_HASH[alg] ?? hashOfOid(alg);
  try {
    if (alg === OID.rsaPss) return verify('sha256', tbs, { key: issuer.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
    return !!hash && verify(hash, tbs, issuer.publicKey, signature);
  } catch {
    return false;
  }
}

/** True when `der` is a CRL whose signature verifies with `issuer`'s key. */
export function crlSignedBy(der: Buffer, issuer: X509Certificate): boolean {
  try {
    const [tbs, sigAlg, sig] = kids(fromDer(der));
    return tbs.type === forge.asn1.Type.SEQUENCE && signedBy(toDer(tbs), sigAlg, bits(sig), issuer);
  } catch {
    return false;
  }
}

export type RevocationStatus = { status: 'good' | 'revoked' | 'unknown'; revokedAt?: Date; source?: 'CRL' | 'OCSP' };

const memo = new Map<string, RevocationStatus>();
const idOf = (b: Buffer) => createHash('sha1').update(b).digest('hex');

/** The status of `cert` at `at` from the lists and responses given (remembered: files with many signatures ask the same question often). */
export function revocationStatus(cert: X509Certificate, issuer: X509Certificate | null, crls: Buffer[], ocsps: Buffer[], at: Date, responders: X509Certificate[] = []): RevocationStatus {
  const key = [cert.fingerprint256, issuer?.fingerprint256 ?? '-', at.getTime(), ...crls.map(idOf), '|', ...ocsps.map(idOf), '|', ...responders.map((c) => c.fingerprint256)].join(',');
  const hit = memo.get(key);
  if (hit) return hit;
  const r = revocationStatusUncached(cert, issuer, crls, ocsps, at, responders);
  if (memo.size > 2000) memo.clear();
  memo.set(key, r);
  return r;
}

/** The BasicOCSPResponse of a full OCSPResponse (status, then [0] responseBytes), or the BasicOCSPResponse itself. */
function basicResponse(der: Buffer): Asn1[] {
  const top = fromDer(der);
  return kids(kids(top)[0].type === forge.asn1.Type.ENUMERATED ? fromDer(Buffer.from(kids(kids(kids(top)[1])[0])[1].value as string, 'binary')) : top);
}

const singleResponses = (tbs: Asn1): Asn1[] => {
  const responses = kids(tbs).find((n, k) => k > 0 && n.type === forge.asn1.Type.SEQUENCE && kids(n).length > 0 && kids(kids(n)[0])[0]?.type === forge.asn1.Type.SEQUENCE);
  return responses ? kids(responses) : [];
};

/**
 * Whether the file carries revocation data about `cert` at all: a CRL of its issuer, or an OCSP
 * answer naming it whoever signed that answer. This is what a PAdES level counts (validation data
 * present); whether the data holds is revocationStatus's question.
 */
export function revocationDataPresent(cert: X509Certificate, issuer: X509Certificate, crls: Buffer[], ocsps: Buffer[], responders: X509Certificate[]): boolean {
  if (revocationStatus(cert, issuer, crls, ocsps, new Date(cert.validTo), responders).status !== 'unknown') return true;
  const serial = cert.serialNumber.toLowerCase().replace(/^0+/, '');
  return ocsps.some((der) => {
    try {
      return singleResponses(basicResponse(der)[0]).some((single) => intHex(kids(kids(single)[0])[3]) === serial);
    } catch {
      return false;
    }
  });
}

function revocationStatusUncached(cert: X509Certificate, issuer: X509Certificate | null, crls: Buffer[], ocsps: Buffer[], at: Date, responders: X509Certificate[]): RevocationStatus {
  if (!issuer) return { status: 'unknown' };
  const serial = cert.serialNumber.toLowerCase().replace(/^0+/, '');
  for (const der of crls) {
    try {
      const [tbs, sigAlg, sig] = kids(fromDer(der));
      if (!signedBy(toDer(tbs), sigAlg, bits(sig), issuer)) continue;
      const t = kids(tbs);
      let i = t[0].type === forge.asn1.Type.INTEGER ? 1 : 0;
      i += 2; // signature algorithm, issuer
      const thisUpdate = time(t[i]);
      const revoked = t.find((n, k) => k > i && n.type === forge.asn1.Type.SEQUENCE && n.tagClass === forge.asn1.Class.UNIVERSAL && kids(n).every((e) => e.type === forge.asn1.Type.SEQUENCE));
      const entry = revoked && kids(revoked).find((e) => intHex(kids(e)[0]) === serial);
      if (entry) {
        const when = time(kids(entry)[1]);
        return when <= at ? { status: 'revoked', revokedAt: when, source: 'CRL' } : { status: 'good', source: 'CRL' };
      }
      if (thisUpdate >= new Date(cert.validFrom)) return { status: 'good', source: 'CRL' };
    } catch {
      /* an unreadable list proves nothing */
    }
  }
  for (const der of ocsps) {
    try {
      const basic = basicResponse(der);
      const [tbs, sigAlg, sig] = basic;
      const certs = basic[3] ? kids(kids(basic[3])[0]).map((c) => x509(toDer(c))) : [];
      // a delegated responder's certificate travels in the response or, in PAdES, in the DSS
      const delegated = [...certs, ...responders].filter((c) => c.checkIssued(issuer) && c.verify(issuer.publicKey));
      const responder = [issuer, ...delegated].find((c) => signedBy(toDer(tbs), sigAlg, bits(sig), c));
      if (!responder) continue;
      for (const single of singleResponses(tbs)) {
        const [certId, certStatus] = kids(single);
        if (intHex(kids(certId)[3]) !== serial) continue;
        if (certStatus.type === 0) return { status: 'good', source: 'OCSP' };
        if (certStatus.type === 1) {
          const when = time(kids(certStatus)[0]);
          return when <= at ? { status: 'revoked', revokedAt: when, source: 'OCSP' } : { status: 'good', source: 'OCSP' };
        }
      }
    } catch {
      /* an unreadable response proves nothing */
    }
  }
  return { status: 'unknown' };
}
