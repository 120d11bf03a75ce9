// The certificates in a file a CA publishes at its AIA address: one DER certificate, PEM
// certificates, or a PKCS#7 "certs-only" bundle (.p7c/.p7b, DER or PEM), which several CAs
// publish instead of a bare certificate.
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { fromDer, toDer } from '../cms/cms';
import { OID } from '../cms/oids';
import { pemToDer } from './trust';

type Asn1 = forge.asn1.Asn1;
const kids = (a: Asn1) => a.value as Asn1[];

/** Every certificate the bytes hold; throws when they hold none that parse. */
export function certificatesIn(body: Buffer): Buffer[] {
  const text = body.toString('latin1');
  const pkcs7Pem = /-----BEGIN PKCS7-----([\s\S]*?)-----END PKCS7-----/.exec(text);
  const ders = pkcs7Pem
    ? bundleCertificates(Buffer.from(pkcs7Pem[1].replace(/\s+/g, ''), 'base64'))
    : text.includes('-----BEGIN CERTIFICATE-----')
      ? pemToDer(text)
      : isCertificate(body)
        ? [body]
        : bundleCertificates(body);
  for (const d of ders) new X509Certificate(d);
  if (!ders.length) throw new Error('tệp không chứa chứng thư nào');
  return ders;
}

function isCertificate(der: Buffer): boolean {
  try {
    new X509Certificate(der);
    return true;
  } catch {
    return false;
  }
}

/** The certificates field ([0] IMPLICIT) of a PKCS#7 SignedData; its signer infos may be empty. */
function bundleCertificates(der: Buffer): Buffer[] {
  const ci = fromDer(der);
  const oid = forge.asn1.derToOid(forge.util.createBuffer(kids(ci)[0].value as string));
  if (oid !== OID.signedData) throw new Error('không phải PKCS#7');
  const sd = kids(kids(ci)[1])[0];
  const certs = kids(sd).find((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  return certs ? kids(certs).filter((c) => c.type === forge.asn1.Type.SEQUENCE).map(toDer) : [];
}
