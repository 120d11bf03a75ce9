// Key source: a PKCS#12 file (.p12/.pfx). The password opens it for this one signing and is
// never stored or logged. RSA and EC keys both end up as Node KeyObjects.
import { constants, createPrivateKey, createPublicKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { CoreError } from '../../errors';
import type { Signer } from '../cms/cms';
import type { Hash } from '../cms/oids';
import { signerChain } from './signer-chain';

export function p12Signer(bytes: Buffer, password: string, file = 'tệp .p12', opts: { pss?: boolean } = {}): Signer & { key: KeyObject } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), false);
    p12 = forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (e) {
    const msg = String((e as Error).message);
    throw new CoreError(/MAC|password|Invalid/i.test(msg) ? 'P12_PASSWORD' : 'P12_UNREADABLE', { file, detail: msg });
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const bag = keyBags[0];
  if (!bag) throw new CoreError('P12_UNREADABLE', { file, detail: 'không có khóa bí mật' });
  // forge understands only RSA keys; others come back as raw PrivateKeyInfo, which Node reads
  const pkcs8 = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)) : (bag.asn1 as forge.asn1.Asn1);
  const key = createPrivateKey({ key: Buffer.from(forge.asn1.toDer(pkcs8).getBytes(), 'binary'), format: 'der', type: 'pkcs8' });
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((b) =>
    Buffer.from(forge.asn1.toDer(b.cert ? forge.pki.certificateToAsn1(b.cert) : (b.asn1 as forge.asn1.Asn1)).getBytes(), 'binary'),
  );
  const pub = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const own = certs.findIndex((c) => new X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' }).equals(pub));
  if (own < 0) throw new CoreError('P12_UNREADABLE', { file, detail: 'không có chứng thư khớp với khóa bí mật' });
  // the signer's chain only: any other certificate in the file stays out of the signature and its DSS
  const ordered = signerChain(certs[own], certs.filter((_, i) => i !== own));
  const ec = key.asymmetricKeyType === 'ec';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const pss = !ec && !!opts.pss;
  return {
    key,
    certificates: ordered,
    keyType: ec ? 'ec' : 'rsa',
    pss,
    preferredHash: curve === 'secp384r1' ? 'sha384' : curve === 'secp521r1' ? 'sha512' : 'sha256',
    sign: async (data: Buffer, hash: Hash) =>
      pss ? sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }) : sign(hash, data, key),
  };
}
