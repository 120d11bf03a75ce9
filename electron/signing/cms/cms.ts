// Builds the CMS SignedData of a PAdES baseline signature (ETSI.CAdES.detached): signed
// attributes contentType, messageDigest and ESS signing-certificate-v2, and no signing-time
// (PAdES puts the time in the signature dictionary's /M). node-forge supplies only ASN.1.
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { HASH_OID, OID, type Hash } from './oids';

const { asn1 } = forge;
const T = asn1.Type;
const C = asn1.Class;

const seq = (items: forge.asn1.Asn1[]) => asn1.create(C.UNIVERSAL, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(C.UNIVERSAL, T.SET, true, items);
const oid = (o: string) => asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer(o).getBytes());
const int = (n: number) => asn1.create(C.UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const octets = (b: Buffer) => asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, b.toString('binary'));
const nul = () => asn1.create(C.UNIVERSAL, T.NULL, false, '');
// lenient: BER with indefinite lengths, and the zero padding PDF signatures carry after the CMS
export const fromDer = (b: Buffer) => asn1.fromDer(forge.util.createBuffer(b.toString('binary')), { strict: false, parseAllBytes: false, decodeBitStrings: false } as unknown as boolean);
export const toDer = (a: forge.asn1.Asn1) => Buffer.from(asn1.toDer(a).getBytes(), 'binary');
/** A detached copy of a node (forge's typings lack asn1.copy). */
const copy = (a: forge.asn1.Asn1) => fromDer(toDer(a));
const algorithm = (o: string, withNull = true) => seq(withNull ? [oid(o), nul()] : [oid(o)]);

/** What a key source offers: its certificate chain and a signing function. */
export interface Signer {
  /** DER of the signer's certificate, then the rest of the chain (without the root if unknown). */
  certificates: Buffer[];
  keyType: 'rsa' | 'ec';
  /** RSA only: RSASSA-PSS (salt = hash length) instead of PKCS#1 v1.5 */
  pss?: boolean;
  /** the hash the key prefers (SHA-384 for P-384); SHA-256 otherwise */
  preferredHash?: Hash;
  /** Signs `data` (the DER of the signed attributes) with the given hash; ECDSA signatures in DER. */
  sign(data: Buffer, hash: Hash): Promise<Buffer>;
}

/** issuer and serialNumber of a certificate, as ASN.1 nodes taken from its TBSCertificate. */
function issuerAndSerial(certDer: Buffer) {
  const cert = fromDer(certDer);
  const tbs = (cert.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  const offset = tbs[0].tagClass === C.CONTEXT_SPECIFIC ? 1 : 0; // [0] version is optional
  return { serial: tbs[offset], issuer: tbs[offset + 2] };
}

export async function buildSignedData(opts: {
  contentDigest: Buffer;
  hash: Hash;
  signer: Signer;
  /** asks a TSA to stamp the signature value (PAdES B-T); returns the TimeStampToken DER */
  timestamp?: (signatureValue: Buffer) => Promise<Buffer>;
}): Promise<Buffer> {
  const { signer, hash } = opts;
  const [certDer] = signer.certificates;
  const { serial, issuer } = issuerAndSerial(certDer);
  const certHash = createHash('sha256').update(certDer).digest();
  // ESSCertIDv2: hashAlgorithm defaults to SHA-256 and is then left out (RFC 5035)
  const essCertIdV2 = seq([
    octets(certHash),
    seq([seq([asn1.create(C.CONTEXT_SPECIFIC, 4, true, [copy(issuer)])]), copy(serial)]),
  ]);
  const attrs = [
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.messageDigest), set([octets(opts.contentDigest)])]),
    seq([oid(OID.signingCertificateV2), set([seq([seq([essCertIdV2])])])]),
  ];
  // the signature covers the attributes DER-encoded as a SET (RFC 5652 §5.4)
  const signedAttrsDer = toDer(set(attrs));
  const signature = await signer.sign(signedAttrsDer, hash);
  const sigAlg =
    signer.keyType === 'ec'
      ? algorithm({ sha256: OID.ecdsaSha256, sha384: OID.ecdsaSha384, sha512: OID.ecdsaSha512, sha1: OID.ecdsaSha256 }[hash], false)
      : signer.pss
        ? pssAlgorithm(hash)
        : algorithm(OID.rsaEncryption);
  const signerInfo = seq([
    int(1),
    seq([copy(issuer), copy(serial)]),
    algorithm(HASH_OID[hash]),
    asn1.create(C.CONTEXT_SPECIFIC, 0, true, attrs),
    sigAlg,
    octets(signature),
    ...(opts.timestamp
      ? [asn1.create(C.CONTEXT_SPECIFIC, 1, true, [seq([oid(OID.signatureTimeStampToken), set([fromDer(await opts.timestamp(signature))])])])]
      : []),
  ]);
  const signedData = seq([
    int(1),
    set([algorithm(HASH_OID[hash])]),
    seq([oid(OID.data)]),
    asn1.create(C.CONTEXT_SPECIFIC, 0, true, signer.certificates.map((c) => fromDer(c))),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), asn1.create(C.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** RSASSA-PSS-params (RFC 4055): the hash, MGF1 with the same hash, salt as long as the hash. */
function pssAlgorithm(hash: Hash) {
  const saltLength = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 }[hash];
  const h = algorithm(HASH_OID[hash]);
  return seq([
    oid(OID.rsaPss),
    seq([
      asn1.create(C.CONTEXT_SPECIFIC, 0, true, [h]),
      asn1.create(C.CONTEXT_SPECIFIC, 1, true, [seq([oid('1.2.840.113549.1.1.8'), algorithm(HASH_OID[hash])])]),
      asn1.create(C.CONTEXT_SPECIFIC, 2, true, [int(saltLength)]),
    ]),
  ]);
}

export const asn1Helpers = { seq, set, oid, int, octets, algorithm };
