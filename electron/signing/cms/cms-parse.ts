// Reads what verification needs out of a CMS SignedData (or an RFC 3161 timestamp token):
// the certificates, the signer's attributes, algorithms and signature, and any timestamp.
import forge from 'node-forge';
import { fromDer, toDer } from './cms';
import { hashOfOid, OID, type Hash } from './oids';

type Asn1 = forge.asn1.Asn1;
const ADOBE_REVOCATION = '1.2.840.113583.1.1.8';
const kids = (a: Asn1) => a.value as Asn1[];
const oidOf = (a: Asn1) => forge.asn1.derToOid(forge.util.createBuffer(a.value as string));
const bytesOf = (a: Asn1) => Buffer.from(a.value as string, 'binary');

/** Whether the members of a SET OF are in DER order (sorted by their encodings). */
/** A SET OF in DER: its elements' encodings in ascending order (X.690 §11.6). */
const derSet = (list: Asn1[]) => {
  const parts = list.map(toDer).sort(Buffer.compare);
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([0x31]), derLength(body.length), body]);
};
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const hex = n.toString(16);
  const bytes = Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex');
  return Buffer.concat([Buffer.from([0x80 | bytes.length]), bytes]);
}
const inDerOrder = (list: Asn1[]) => list.map(toDer).every((e, i, all) => i === 0 || Buffer.compare(all[i - 1], e) <= 0);

export interface ParsedCms {
  certificates: Buffer[];
  digestAlgorithm: Hash | null;
  digestOid: string;
  signatureAlgorithmOid: string;
  /** DER of the signature algorithm's parameters (RSASSA-PSS-params), null when absent or NULL */
  signatureAlgorithmParams: Buffer | null;
  /** DER of the digest algorithm's parameters (SHAKE output length), null when absent or NULL */
  digestParams: Buffer | null;
  /** DER of the signed attributes as a SET (what the signature covers); null when there are none */
  signedAttrsDer: Buffer | null;
  /** the same SET in DER (RFC 5652 §5.4: the signature is over the DER encoding): its elements sorted by their encodings */
  signedAttrsSortedDer: Buffer | null;
  /** the signed attributes in DER order (RFC 5652 §5.3 requires it; EU DSS and OpenSSL verify the re-sorted set) */
  signedAttrsInDerOrder: boolean;
  attrs: Map<string, Asn1[]>;
  unsignedAttrs: Map<string, Asn1[]>;
  signature: Buffer;
  /** CRLs carried in the SignedData, and by Adobe's revocation-archival attribute */
  crls: Buffer[];
  ocsps: Buffer[];
  /** issuer DER + serial hex of the signer id, or a subject key identifier */
  sid: { issuer?: Buffer; serial?: string; ski?: Buffer };
  /** encapsulated content (TSTInfo for a timestamp token) */
  eContentType: string;
  eContent: Buffer | null;
}

/** The encapsulated content type and content (an octet string, or the pieces of a constructed one). */
function encapsulated(encap: Asn1): { eContentType: string; eContent: Buffer | null } {
  const inner = kids(encap)[1] ? kids(kids(encap)[1])[0] : undefined;
  return { eContentType: oidOf(kids(encap)[0]), eContent: !inner ? null : inner.constructed ? Buffer.concat(kids(inner).map(bytesOf)) : bytesOf(inner) };
}

/**
 * An INTEGER with a redundant leading byte (00 before a byte under 80, FF before one from 80) is
 * no valid encoding: strict decoders (OpenSSL, BouncyCastle, so EU DSS) cannot read the CMS at
 * all, and we do not read further than they can.
 */
function checkIntegers(a: Asn1, depth = 0): void {
  if (depth > 64) return;
  if (a.tagClass === forge.asn1.Class.UNIVERSAL && a.type === forge.asn1.Type.INTEGER && !a.constructed) {
    const v = a.value as string;
    const [b0, b1] = [v.charCodeAt(0), v.charCodeAt(1)];
    if (v.length > 1 && ((b0 === 0 && b1 < 0x80) || (b0 === 0xff && b1 >= 0x80))) throw new Error('số nguyên mã hóa sai (đệm thừa)');
  }
  if (a.constructed && Array.isArray(a.value)) for (const k of a.value) checkIntegers(k, depth + 1);
}

export function parseCms(der: Buffer): ParsedCms {
  const ci = fromDer(der);
  checkIntegers(ci);
  if (oidOf(kids(ci)[0]) !== OID.signedData) throw new Error('không phải CMS SignedData');
  const sd = kids(kids(ci)[1])[0];
  const parts = kids(sd);
  const { eContentType, eContent } = encapsulated(parts[2]);
  let certificates: Buffer[] = [];
  let i = 3;
  if (parts[i] && parts[i].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && parts[i].type === 0) {
    certificates = kids(parts[i]).filter((c) => c.type === forge.asn1.Type.SEQUENCE).map(toDer);
    i++;
  }
  const crls: Buffer[] = [];
  if (parts[i] && parts[i].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && parts[i].type === 1) {
    crls.push(...kids(parts[i]).filter((c) => c.type === forge.asn1.Type.SEQUENCE).map(toDer));
    i++;
  }
  const si = kids(kids(parts[i])[0]);
  const sidNode = si[1];
  const sid =
    sidNode.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC
      ? { ski: sidNode.constructed ? bytesOf(kids(sidNode)[0]) : bytesOf(sidNode) }
      : { issuer: toDer(kids(sidNode)[0]), serial: Buffer.from(kids(sidNode)[1].value as string, 'binary').toString('hex') };
  const digestOid = oidOf(kids(si[2])[0]);
  let j = 3;
  let signedAttrsDer: Buffer | null = null;
  let signedAttrsInDerOrder = true;
  let signedAttrsSortedDer: Buffer | null = null;
  const attrs = new Map<string, Asn1[]>();
  if (si[j].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && si[j].type === 0) {
    const list = kids(si[j]);
    signedAttrsDer = toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, list));
    signedAttrsInDerOrder = inDerOrder(list);
    signedAttrsSortedDer = signedAttrsInDerOrder ? signedAttrsDer : derSet(list);
    for (const a of list) attrs.set(oidOf(kids(a)[0]), kids(kids(a)[1]));
    j++;
  }
  const signatureAlgorithmOid = oidOf(kids(si[j])[0]);
  const paramsOf = (alg: Asn1) => {
    const p = kids(alg)[1];
    return p && p.type !== forge.asn1.Type.NULL ? toDer(p) : null;
  };
  const signatureAlgorithmParams = paramsOf(si[j]);
  const digestParams = paramsOf(si[2]);
  const signature = bytesOf(si[j + 1]);
  const unsignedAttrs = new Map<string, Asn1[]>();
  if (si[j + 2]) for (const a of kids(si[j + 2])) unsignedAttrs.set(oidOf(kids(a)[0]), kids(kids(a)[1]));
  const ocsps: Buffer[] = [];
  const archival = attrs.get(ADOBE_REVOCATION)?.[0];
  if (archival)
    for (const part of kids(archival)) {
      const list = kids(part)[0];
      const items = list ? kids(list) : [];
      if (part.type === 0) crls.push(...items.map(toDer));
      if (part.type === 1) ocsps.push(...items.map(toDer));
    }
  return { crls, ocsps, certificates, digestAlgorithm: hashOfOid(digestOid), digestOid, signatureAlgorithmOid, signatureAlgorithmParams, digestParams, signedAttrsDer, signedAttrsSortedDer, signedAttrsInDerOrder, attrs, unsignedAttrs, signature, sid, eContentType, eContent };
}

export const messageDigestOf = (p: ParsedCms) => {
  const v = p.attrs.get(OID.messageDigest)?.[0];
  return v ? bytesOf(v) : null;
};

/** genTime and message imprint of an RFC 3161 TSTInfo. */
export function parseTstInfo(der: Buffer): { genTime: Date; hash: Hash | null; imprintOid: string; imprint: Buffer } {
  const t = kids(fromDer(der));
  const imprint = kids(t[2]);
  const imprintOid = oidOf(kids(imprint[0])[0]);
  const hash = hashOfOid(imprintOid);
  const genRaw = t.find((x) => x.type === forge.asn1.Type.GENERALIZEDTIME)!;
  return { genTime: forge.asn1.generalizedTimeToDate(genRaw.value as string), hash, imprintOid, imprint: bytesOf(imprint[1]) };
}

export const attrBytes = bytesOf;
