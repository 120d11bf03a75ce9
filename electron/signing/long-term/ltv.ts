// PAdES B-LT: after a timestamped signature, a Document Security Store (DSS) with the
// certificate chain and the revocation lists that could be fetched, appended as one more
// incremental update so a verifier years later needs nothing from the network.
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { createHash } from 'node:crypto';
import { asn1Helpers, fromDer, toDer } from '../cms/cms';
import type { Outbound } from '../trust/outbound-fetch';
import { crlSignedBy, revocationStatus } from '../trust/revocation';
import { OID } from '../cms/oids';
import { openRevision, touch, writeIncrement } from '../pdf/incremental';

const CRL_DP = '2.5.29.31';
const AIA = '1.3.6.1.5.5.7.1.1';

type Asn1 = forge.asn1.Asn1;
const kids = (a: Asn1) => a.value as Asn1[];

/** The DER of one extension's value, by OID. */
function extension(certDer: Buffer, oid: string): Buffer | null {
  const tbs = kids(kids(fromDer(certDer))[0]);
  const extsWrap = tbs.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 3);
  for (const ext of extsWrap ? kids(kids(extsWrap)[0]) : []) {
    const parts = kids(ext);
    if (forge.asn1.derToOid(forge.util.createBuffer(parts[0].value as string)) === oid) return Buffer.from(parts[parts.length - 1].value as string, 'binary');
  }
  return null;
}
const urlsIn = (der: Buffer | null) => (der ? [...der.toString('latin1').matchAll(/https?:\/\/[\x21-\x7e]+/g)].map((m) => m[0]) : []);

/** http(s) URLs in a certificate's CRL distribution points. */
export const crlUrls = (certDer: Buffer) => urlsIn(extension(certDer, CRL_DP));

/** The OCSP responder named in the certificate's authority information access. */
export function ocspUrls(certDer: Buffer): string[] {
  const aia = extension(certDer, AIA);
  if (!aia) return [];
  return kids(fromDer(aia))
    .filter((ad) => forge.asn1.derToOid(forge.util.createBuffer(kids(ad)[0].value as string)) === '1.3.6.1.5.5.7.48.1')
    .map((ad) => Buffer.from(kids(ad)[1].value as string, 'binary').toString('latin1'));
}

/** Where the issuer's certificate is published (AIA caIssuers), http(s) only. */
export function caIssuersUrls(certDer: Buffer): string[] {
  const aia = extension(certDer, AIA);
  if (!aia) return [];
  return kids(fromDer(aia))
    .filter((ad) => forge.asn1.derToOid(forge.util.createBuffer(kids(ad)[0].value as string)) === '1.3.6.1.5.5.7.48.2')
    .map((ad) => Buffer.from(kids(ad)[1].value as string, 'binary').toString('latin1'))
    .filter((u) => /^https?:\/\//.test(u));
}

/** An OCSP request for one certificate (RFC 6960), CertID hashed with SHA-1 as responders expect. */
export function ocspRequest(cert: X509Certificate, issuer: X509Certificate): Buffer {
  const certTbs = kids(kids(fromDer(cert.raw))[0]);
  const off = certTbs[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const issuerName = toDer(certTbs[off + 2]);
  const issuerTbs = kids(kids(fromDer(issuer.raw))[0]);
  const ioff = issuerTbs[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const spki = kids(issuerTbs[ioff + 5]);
  const keyBits = Buffer.from((spki[1].value as string).slice(1), 'binary');
  const { seq, octets, algorithm } = asn1Helpers;
  const sha1 = (b: Buffer) => createHash('sha1').update(b).digest();
  const certId = seq([algorithm(OID.sha1), octets(sha1(issuerName)), octets(sha1(keyBits)), certTbs[off]]);
  return toDer(seq([seq([seq([seq([certId])])])]));
}

/** The certificate of `chain` that issued `cert` (name and key), or null. */
function issuerIn(cert: X509Certificate, chain: X509Certificate[]): X509Certificate | null {
  return chain.find((c) => c !== cert && cert.checkIssued(c) && safeVerify(cert, c)) ?? null;
}
function safeVerify(cert: X509Certificate, issuer: X509Certificate) {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * OCSP responses (OCSPResponse DER) for the chain, where a responder answered in time; an
 * answer is kept only if it speaks of that certificate and its issuer (or a responder the
 * issuer certified) signed it.
 */
export async function fetchOcsps(chain: Buffer[], net: Outbound): Promise<Buffer[]> {
  const certs = chain.map((c) => new X509Certificate(c));
  const out: Buffer[] = [];
  for (const cert of certs) {
    const issuer = issuerIn(cert, certs);
    if (!issuer) continue;
    for (const url of ocspUrls(cert.raw)) {
      const body = await net.fetch(url, { kind: 'ocsp', method: 'POST', body: ocspRequest(cert, issuer), contentType: 'application/ocsp-request' }).catch(() => null);
      if (!body) continue; // refused or unreachable: noted, the DSS simply lacks this one
      if (!ocspAnswers(body, cert, issuer)) {
        net.note(url, 'invalid', 'không phải phản hồi OCSP hợp lệ cho chứng thư này');
        continue;
      }
      out.push(body);
      break;
    }
  }
  return out;
}

function ocspAnswers(body: Buffer, cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    // responseStatus 0 = successful, then a good or revoked answer signed as it must be
    return kids(fromDer(body))[0].value === '\x00' && revocationStatus(cert, issuer, [], [body], new Date()).status !== 'unknown';
  } catch {
    return false;
  }
}

/** Revocation lists for the chain, each kept only if it is a CRL its issuer signed; certificates whose CRL cannot be had are left out. */
export async function fetchCrls(chain: Buffer[], net: Outbound): Promise<Buffer[]> {
  const certs = chain.map((c) => new X509Certificate(c));
  const out: Buffer[] = [];
  for (const cert of certs) {
    if (cert.checkIssued(cert)) continue; // a root has no CRL entry of its own
    const issuer = issuerIn(cert, certs);
    if (!issuer) continue;
    for (const url of crlUrls(cert.raw)) {
      let body = await net.fetch(url, { kind: 'crl' }).catch(() => null);
      if (!body) continue;
      const pem = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(body.toString('latin1'));
      if (pem) body = Buffer.from(pem[1].replace(/\s+/g, ''), 'base64');
      if (!crlSignedBy(body, issuer)) {
        net.note(url, 'invalid', 'không phải danh sách thu hồi (CRL) do nơi cấp chứng thư ký');
        continue;
      }
      out.push(body);
      break;
    }
  }
  return out;
}

/**
 * Appends /DSS with the given certificates, CRLs and OCSP answers, keeping what a DSS already
 * there holds (an extension adds the data of a later timestamp to the signer's) and leaving out
 * what it holds already.
 */
export async function addDss(pdf: Buffer, material: { certs: Buffer[]; crls: Buffer[]; ocsps?: Buffer[] }): Promise<Buffer> {
  const rev = await openRevision(pdf);
  const ctx = rev.doc.context;
  const catalog = rev.doc.catalog;
  const old = catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const stream = (bytes: Buffer) => ctx.register(PDFRawStream.of(ctx.obj({ Length: bytes.length }), new Uint8Array(bytes)));
  const list = (key: string, items: Buffer[]) => {
    const kept = old?.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? [];
    const have = new Set(kept.map((r) => ctx.lookup(r)).flatMap((s) => (s instanceof PDFRawStream ? [Buffer.from(decodePDFRawStream(s).decode()).toString('base64')] : [])));
    const fresh = [...new Map(items.map((b) => [b.toString('base64'), b])).entries()].filter(([k]) => !have.has(k)).map(([, b]) => stream(b));
    return ctx.obj([...kept, ...fresh]) as unknown as PDFRef;
  };
  const dss = ctx.obj({ Type: 'DSS', Certs: list('Certs', material.certs), CRLs: list('CRLs', material.crls), OCSPs: list('OCSPs', material.ocsps ?? []) });
  const vri = old?.get(PDFName.of('VRI'));
  if (vri) dss.set(PDFName.of('VRI'), vri);
  catalog.set(PDFName.of('DSS'), ctx.register(dss));
  touch(rev, ctx.trailerInfo.Root as PDFRef);
  return writeIncrement(rev);
}

/** PAdES B-LT: the chain (the signer's and the TSA's) with the revocation data fetchable for it, in a DSS. */
export async function withLongTermData(signed: Buffer, chain: Buffer[], net: Outbound): Promise<Buffer> {
  return addDss(signed, { certs: chain, crls: await fetchCrls(chain, net), ocsps: await fetchOcsps(chain, net) });
}
