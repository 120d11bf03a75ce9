// PAdES B-LT: after a timestamped signature, a Document Security Store (DSS) with the
// certificate chain and the revocation lists that could be fetched, appended as one more
// incremental update so a verifier years later needs nothing from the network.
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { fromDer, toDer } from './cms';
import { openRevision, touch, writeIncrement } from './incremental';

const CRL_DP = '2.5.29.31';

/** http(s) URLs in a certificate's CRL distribution points. */
export function crlUrls(certDer: Buffer): string[] {
  const cert = fromDer(certDer);
  const tbs = (cert.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  const extsWrap = tbs.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 3);
  if (!extsWrap) return [];
  for (const ext of (extsWrap.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[]) {
    const parts = ext.value as forge.asn1.Asn1[];
    if (forge.asn1.derToOid(forge.util.createBuffer(parts[0].value as string)) !== CRL_DP) continue;
    const text = toDer(parts[parts.length - 1]).toString('latin1');
    return [...text.matchAll(/https?:\/\/[\x21-\x7e]+/g)].map((m) => m[0]);
  }
  return [];
}

/** Revocation lists for the chain, fetched within the time limit; certificates whose CRL cannot be had are left out. */
export async function fetchCrls(chain: Buffer[], timeoutMs = 15_000): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const cert of chain) {
    if (new X509Certificate(cert).checkIssued(new X509Certificate(cert))) continue; // a root has no CRL entry of its own
    for (const url of crlUrls(cert)) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        if (!res.ok) continue;
        let body = Buffer.from(await res.arrayBuffer());
        const pem = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(body.toString('latin1'));
        if (pem) body = Buffer.from(pem[1].replace(/\s+/g, ''), 'base64');
        out.push(body);
        break;
      } catch {
        /* offline or unreachable: the DSS simply lacks this one */
      }
    }
  }
  return out;
}

/** Appends /DSS with the given certificates and CRLs (merged with any DSS already there). */
export async function addDss(pdf: Buffer, material: { certs: Buffer[]; crls: Buffer[]; ocsps?: Buffer[] }): Promise<Buffer> {
  const rev = await openRevision(pdf);
  const ctx = rev.doc.context;
  const catalog = rev.doc.catalog;
  const stream = (bytes: Buffer) => ctx.register(PDFRawStream.of(ctx.obj({ Length: bytes.length }), new Uint8Array(bytes)));
  const list = (items: Buffer[]) => ctx.obj(items.map(stream)) as unknown as PDFRef;
  const dss = ctx.obj({ Type: 'DSS', Certs: list(material.certs), CRLs: list(material.crls), OCSPs: list(material.ocsps ?? []) });
  catalog.set(PDFName.of('DSS'), ctx.register(dss));
  touch(rev, ctx.trailerInfo.Root as PDFRef);
  return writeIncrement(rev);
}
