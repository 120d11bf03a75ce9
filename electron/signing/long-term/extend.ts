// Keeping a signed PDF provable for decades (PAdES B-LTA, ETSI EN 319 142-1 §5.5): the
// validation data of its signatures and of its latest timestamp go into the DSS, then a new
// document timestamp covers them. A later run does it again only when the last timestamp's
// TSA certificate expires within the margin; otherwise there is nothing to do.
import { X509Certificate } from 'node:crypto';
import { toDer } from '../cms/cms';
import { parseCms, type ParsedCms } from '../cms/cms-parse';
import { addDocumentTimestamp } from './doc-timestamp';
import { addDss, crlUrls, fetchCrls, fetchOcsps, ocspUrls } from './ltv';
import type { Hash } from '../cms/oids';
import { OID } from '../cms/oids';
import type { Outbound } from '../trust/outbound-fetch';
import { PdfFile } from '../pdf/pdf-revisions';
import { commonName } from '../sign/sign-names';
import { signerChain } from '../sign/signer-chain';
import { findSignerCert } from '../verify/verify-crypto';
import { dssOf, findSignatures, trimDer, type Found } from '../verify/verify-find';

export const DEFAULT_MARGIN_DAYS = 90;

export interface ExtendOptions {
  tsaUrl: string;
  net: Outbound;
  /** re-timestamp when the last timestamp's TSA certificate expires within this many days */
  marginDays?: number;
  now?: Date;
  hash?: Hash;
  file?: string;
}

export type Extended =
  /** unrevocable: the names of signers' certificates whose revocation no one can check, so the copy stays short of B-LT */
  | { extended: true; pdf: Buffer; why: 'no-archive-timestamp' | 'tsa-expiring'; lastExpires: Date | null; unrevocable: string[] }
  /** current: the last document timestamp holds past the margin; unsigned: no signature to keep */
  | { extended: false; why: 'current'; lastExpires: Date }
  | { extended: false; why: 'unsigned'; lastExpires: null };

interface Entry {
  found: Found;
  cms: ParsedCms | null;
  docTimestamp: boolean;
}

function entries(pdf: Buffer): Entry[] {
  return findSignatures(pdf).map((found) => {
    const [, b, c] = found.byteRange;
    let cms: ParsedCms | null = null;
    try {
      cms = parseCms(trimDer(Buffer.from(pdf.subarray(b + 1, c - 1).toString('latin1').replace(/\s+/g, ''), 'hex')));
    } catch {
      /* a damaged field: nothing of it to keep */
    }
    return { found, cms, docTimestamp: /\/SubFilter\s*\/ETSI\.RFC3161/.test(found.dictText) && !/\/Type\s*\/Sig\b/.test(found.dictText) };
  });
}

const signerOf = (p: ParsedCms): X509Certificate | null => findSignerCert(p, p.signedAttrsDer ?? p.eContent ?? Buffer.alloc(0));
const endOf = (f: Found) => f.byteRange[2] + f.byteRange[3];

/**
 * The certificates whose validation data the DSS must hold: each signer's path, its timestamp's
 * TSA's, each document timestamp's TSA's; `signers` are the signers' paths alone.
 */
function chainsToCover(pdf: Buffer, all: Entry[]): { certs: Buffer[]; signers: Buffer[] } {
  const file = new PdfFile(pdf);
  const pool = [...all.flatMap((e) => e.cms?.certificates ?? []), ...dssOf(file, file.last).certs];
  const chains: Buffer[][] = [];
  const signers: Buffer[][] = [];
  for (const { cms, docTimestamp } of all) {
    if (!cms) continue;
    const own = signerOf(cms);
    if (own) (docTimestamp ? chains : signers).push(signerChain(own.raw, [...pool, ...cms.certificates]));
    const token = cms.unsignedAttrs.get(OID.signatureTimeStampToken)?.[0];
    if (!token) continue;
    try {
      const ts = parseCms(toDer(token));
      const tsa = signerOf(ts);
      if (tsa) chains.push(signerChain(tsa.raw, [...pool, ...ts.certificates]));
    } catch {
      /* a broken token vouches for nothing: no data to keep for it */
    }
  }
  const unique = (list: Buffer[][]) => [...new Map(list.flat().map((c) => [c.toString('base64'), c])).values()];
  return { certs: unique([...signers, ...chains]), signers: unique(signers) };
}

/** Signers' certificates (not roots) that name no CRL and no OCSP responder: no one can say they were not revoked. */
function unrevocable(certs: Buffer[]): string[] {
  return certs
    .filter((der) => {
      const cert = new X509Certificate(der);
      return cert.subject !== cert.issuer && !crlUrls(der).length && !ocspUrls(der).length;
    })
    .map(commonName);
}

export async function extendPdf(pdf: Buffer, o: ExtendOptions): Promise<Extended> {
  const file = o.file ?? 'PDF';
  const all = entries(pdf);
  const sigs = all.filter((e) => !e.docTimestamp && e.cms);
  if (!sigs.length) return { extended: false, why: 'unsigned', lastExpires: null };
  const lastSig = Math.max(...sigs.map((e) => endOf(e.found)));
  const last = all.filter((e) => e.docTimestamp && e.cms && endOf(e.found) > lastSig).at(-1);
  const lastTsa = last ? signerOf(last.cms!) : null;
  const lastExpires = lastTsa ? new Date(lastTsa.validTo) : null;
  const now = o.now ?? new Date();
  const margin = (o.marginDays ?? DEFAULT_MARGIN_DAYS) * 86_400_000;
  if (lastExpires && lastExpires.getTime() - now.getTime() > margin) return { extended: false, why: 'current', lastExpires };
  o.net.allow(new URL(o.tsaUrl).host);
  const { certs, signers } = chainsToCover(pdf, all);
  const withData = await addDss(pdf, { certs, crls: await fetchCrls(certs, o.net), ocsps: await fetchOcsps(certs, o.net) });
  const extended = await addDocumentTimestamp(withData, { tsaUrl: o.tsaUrl, net: o.net, hash: o.hash, file });
  return { extended: true, pdf: extended, why: last ? 'tsa-expiring' : 'no-archive-timestamp', lastExpires, unrevocable: unrevocable(signers) };
}
