// The PAdES level of each signature, once every signature of the file is known.
import type { X509Certificate } from 'node:crypto';
import { revocationDataPresent } from '../trust/revocation';
import { crlUrls, ocspUrls } from '../long-term/ltv';
import { toDer } from '../cms/cms';
import { parseCms, type ParsedCms } from '../cms/cms-parse';
import { OID } from '../cms/oids';
import type { PdfFile, Revision } from '../pdf/pdf-revisions';
import { findSignerCert, x509 } from './verify-crypto';
import { dssOf, type Found } from './verify-find';
import type { Context, PadesLevel, SignatureReport } from './verify-report';

/**
 * Step 7, once every entry is known: levels per EN 319 142-1, as EU DSS reports them: the level
 * is the format a signature has, decided by structure; whether each timestamp holds is reported
 * beside it (a copied token still makes the format, and shows failing). B-B: CAdES with the
 * signing certificate attribute. B-T: a signature timestamp token, or a document timestamp after
 * it. B-LT: a DSS holding the validation data (revocation of the signer's certificate) for this
 * signature, its signature timestamp's TSA and the TSAs of the document timestamps before the
 * last one. B-LTA: a document timestamp over a revision whose DSS already held that data. A
 * document timestamp is an ETSI.RFC3161 entry not typed /Sig.
 */
/**
 * The validation data of every DSS up to a revision: a later DSS may replace an earlier one
 * without repeating its data, and what was once in the file was there (EU DSS reads them all).
 */
function dssUpTo(file: PdfFile, rev: Revision) {
  const all = file.revisions.filter((r) => r.index <= rev.index).map((r) => dssOf(file, r));
  const uniq = (xs: Buffer[]) => [...new Map(xs.map((x) => [x.toString('base64'), x])).values()];
  return { present: all.some((d) => d.present), certs: uniq(all.flatMap((d) => d.certs)), crls: uniq(all.flatMap((d) => d.crls)), ocsps: uniq(all.flatMap((d) => d.ocsps)) };
}

/** The entries that count as document timestamps, by structure; a /Sig-typed one is named as such. */
function documentTimestamps(ctx: Context, sigs: SignatureReport[]) {
  return ctx.found
    .map((f, i) => ({ f, i }))
    .filter(({ f, i }) => {
      if (sigs[i].kind !== 'doc_timestamp') return false;
      if (/\/Type\s*\/Sig\b/.test(f.dictText)) {
        sigs[i].issues.push({ code: 'TS_TYPED_SIG' });
        return false;
      }
      return true;
    });
}

export function levels(ctx: Context, sigs: SignatureReport[], parsed: (ParsedCms | null)[]) {
  const { file } = ctx;
  const dssCache = new Map<number, ReturnType<typeof dssOf>>();
  const dssAt = (rev: Revision) => dssCache.get(rev.index) ?? dssCache.set(rev.index, dssUpTo(file, rev)).get(rev.index)!;
  const docTs = documentTimestamps(ctx, sigs);
  for (const [i, s] of sigs.entries()) {
    const p = parsed[i];
    if (s.kind === 'doc_timestamp' || !p) continue;
    if (s.subFilter !== 'ETSI.CAdES.detached') {
      if (s.subFilter.startsWith('adbe.pkcs7')) s.issues.push({ code: 'LEGACY' });
      continue;
    }
    const hasSigningCert = p.attrs.has(OID.signingCertificateV2) || p.attrs.has(OID.signingCertificate);
    if (!hasSigningCert) {
      s.issues.push({ code: 'NO_SIGNING_CERT_ATTR' });
      continue;
    }
    const end = ctx.found[i].byteRange[2] + ctx.found[i].byteRange[3];
    const laterTs = docTs.filter(({ f }) => f.byteRange[2] + f.byteRange[3] > end);
    let level: PadesLevel = 'B-B';
    if (p.unsignedAttrs.has(OID.signatureTimeStampToken) || laterTs.length) level = 'B-T';
    const cert = findSignerCert(p, p.signedAttrsDer ?? Buffer.alloc(0));
    // the certificates validation needs: the signer's path and the signature timestamp's TSA path
    const tsToken = p.unsignedAttrs.get(OID.signatureTimeStampToken)?.[0];
    const tsCms = tsToken ? (() => { try { return parseCms(toDer(tsToken)); } catch { return null; } })() : null;
    const tsaCert = tsCms ? findSignerCert(tsCms, tsCms.signedAttrsDer ?? Buffer.alloc(0)) : null;
    // the TSA certificates of the document timestamps the data must cover: those after the
    // signature and up to that revision, short of the last (archive) one
    const tsasUpTo = (rev: Revision, archive: Found) =>
      laterTs.filter(({ f }) => f !== archive && f.byteRange[2] + f.byteRange[3] <= rev.end).flatMap(({ i: k }) => (parsed[k] ? [findSignerCert(parsed[k]!, parsed[k]!.signedAttrsDer ?? parsed[k]!.eContent ?? Buffer.alloc(0))] : []));
    const hasData = (rev: Revision, archive: Found | undefined) => {
      const dss = dssAt(rev);
      if (!dss.present || !cert) return false;
      const pool = [...p.certificates, ...(tsCms?.certificates ?? []), ...dss.certs].flatMap((x) => { try { return [x509(x)]; } catch { return []; } });
      // every certificate short of a self-signed root must have a CRL or OCSP answer in the DSS
      const covered = (leaf: X509Certificate, isTsa: boolean) => {
        for (let c = leaf, depth = 0; depth < 8; depth++) {
          if (c.checkIssued(c)) return true;
          const issuer = pool.find((x) => !x.raw.equals(c.raw) && c.checkIssued(x));
          if (!issuer) return false;
          // the signer's own status is always needed; a CA or TSA certificate that names no CRL
          // or OCSP responder has no revocation data to carry
          const needed = (depth === 0 && !isTsa) || crlUrls(c.raw).length > 0 || ocspUrls(c.raw).length > 0;
          if (needed && !revocationDataPresent(c, issuer, dss.crls, dss.ocsps, pool)) return false;
          c = issuer;
        }
        return false;
      };
      return covered(cert, false) && (!tsaCert || covered(tsaCert, true)) && tsasUpTo(rev, archive!).every((t) => !t || covered(t, true));
    };
    if (level === 'B-T' && hasData(file.last, laterTs.at(-1)?.f)) {
      level = 'B-LT';
      // the DSS as the document timestamp's own revision holds it is what that timestamp covers
      if (laterTs.some(({ f }) => hasData(file.revisionAt(f.byteRange[2] + f.byteRange[3]), f))) level = 'B-LTA';
    }
    s.level = level;
    s.padesLevel = level;
  }
}
