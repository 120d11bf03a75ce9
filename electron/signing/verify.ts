// Verifies every signature of a PDF, one by one, in steps: the ByteRange (the signature's own
// /Contents gap, inside the file), integrity (the digest over the signed bytes), the
// cryptographic signature, the timestamp, the certificate path to the trust store at the
// signing time, revocation, what later revisions changed (diff-analysis.ts) and the PAdES
// level (EN 319 142-1). Encrypted files with an empty user password are read decrypted, the
// signed bytes always raw. A file that cannot be checked is reported, never thrown.
import { createHash, X509Certificate } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { revocationStatus, type RevocationStatus } from './revocation';
import { caIssuersUrls, crlUrls, ocspUrls } from './ltv';
import { toDer } from './cms';
import { messageDigestOf, parseCms, parseTstInfo, type ParsedCms } from './cms-parse';
import { diffRevisions, lockCovers, signaturePermissions, type Change } from './diff-analysis';
import { OID } from './oids';
import { PdfFile, pdfText, streamBytes, type Revision } from './pdf-revisions';
import { commonName } from './sign-pdf';
import { buildPath, keyUsageOk } from './trust';
import { checkSignatureValue, digest, digestOfOid, findSignerCert, x509, type CryptoResult, type Digest } from './verify-crypto';
import { verdictLine } from './verdict';
import { issueText, type Issue } from '../../shared/verify-issues';

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface SignatureReport {
  field: string;
  signer: string | null;
  subFilter: string;
  level: string | null;
  signedAt: string | null;
  timestamp: string | null;
  intact: boolean;
  cryptoValid: boolean;
  coversWholeDocument: boolean;
  modifiedAfter: boolean;
  trusted: boolean;
  certValidAtSigning: boolean | null;
  /** Vietnamese, for the command line's JSON */
  problems: string[];
  /** the same as codes, for a reader in another language */
  issues: Issue[];
  // ---- added with revision analysis; the fields above keep their meaning
  /** a CMS signature, or a document timestamp (ETSI.RFC3161) */
  kind: 'signature' | 'doc_timestamp';
  /** the level as EN 319 142-1 names it, or 'legacy' for adbe.pkcs7.* */
  padesLevel: PadesLevel | 'legacy' | null;
  /** the signature value: valid, invalid, or cannot be checked (unknown algorithm) */
  crypto: CryptoResult;
  /** entire-file, entire-revision (later updates follow), or partial (a gap or a tail not at a revision end) */
  coverage: 'entire-file' | 'entire-revision' | 'partial';
  /** 1-based revision this signature signed, of `revisions` */
  revision: number;
  revisions: number;
  /** every change in the later revisions, with its category and whether it is allowed */
  changes: Change[];
  /** DocMDP level when this is a certification signature */
  certification: 1 | 2 | 3 | null;
  /** subjects from the signer up to the anchor (or as far as it goes) */
  path: string[];
  anchor: string | null;
  revocation: { status: RevocationStatus['status']; source: string | null; revokedAt: string | null };
  /** one line, in Vietnamese */
  verdict: string;
  /** where the path stops short of an anchor for want of an issuer certificate: its name and AIA addresses */
  missingIssuer: { issuer: string; urls: string[] } | null;
}

export interface FileReport {
  file: string;
  valid: boolean;
  error: string | null;
  signatures: SignatureReport[];
  // ---- added
  /** every signature intact, valid and not followed by a disallowed change; trust left aside */
  validIgnoringTrust?: boolean;
  encrypted?: boolean;
  revisions?: number;
}

export interface VerifyOptions {
  file: string;
  trust: Buffer[];
  at?: Date;
  /** certificates known beyond the file (the archive's cache of intermediates) */
  extraCerts?: Buffer[];
  /** told the CA certificates of every path built, so the archive can keep them */
  onCaCertificates?: (ders: Buffer[]) => void;
}

interface Found {
  byteRange: [number, number, number, number];
  /** offset of the '<' of this dictionary's own /Contents */
  contentsAt: number;
  objectNumber: number | null;
  dictText: string;
}

/** Signature dictionaries, found by their /ByteRange in the raw bytes (they can never sit in object streams). */
function findSignatures(pdf: Buffer): Found[] {
  const text = pdf.toString('latin1');
  const out: Found[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const objStart = text.lastIndexOf(' obj', m.index);
    const head = /(\d+)\s+\d+\s*$/.exec(text.slice(Math.max(0, objStart - 20), objStart));
    const end = text.indexOf('endobj', m.index);
    const contents = /\/Contents\s*</.exec(text.slice(objStart, end < 0 ? undefined : end));
    const contentsAt = contents ? objStart + contents.index + contents[0].length - 1 : -1;
    // an edited copy of a ByteRange is its own signature: tell them apart by their own /Contents
    if (out.some((f) => f.contentsAt === contentsAt)) continue;
    out.push({
      contentsAt,
      byteRange: m.slice(1, 5).map(Number) as Found['byteRange'],
      objectNumber: head ? Number(head[1]) : null,
      dictText: text.slice(objStart, end < 0 ? m.index + 4096 : end).replace(/\/Contents\s*<[0-9A-Fa-f\s]*>/, ''),
    });
  }
  return out.sort((a, b) => a.byteRange[2] + a.byteRange[3] - (b.byteRange[2] + b.byteRange[3]));
}

const pdfDate = (s: string | null | undefined): Date | null => {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(s ?? '');
  if (!m) return null;
  const [y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m.slice(1);
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se);
  const off = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60000 : 0;
  return new Date(utc - off);
};

/** DER length of a CMS inside zero-padded /Contents. */
function trimDer(b: Buffer): Buffer {
  const l = b[1];
  // BER with indefinite length (some signers write it): the parser finds the end itself
  if (b[0] !== 0x30 || l === 0x80) return b;
  if (l < 0x80) return b.subarray(0, 2 + l);
  const n = l & 0x7f;
  return b.subarray(0, 2 + n + b.subarray(2, 2 + n).readUIntBE(0, n));
}

const N = (s: string) => PDFName.of(s);

/** Certificates, CRLs and OCSP responses of the Document Security Store of one revision. */
function dssOf(file: PdfFile, rev: Revision) {
  const dss = file.dict(rev, file.catalog(rev)?.get(N('DSS')));
  const read = (key: string) =>
    ((file.deref(rev, dss?.get(N(key))) as PDFArray | undefined)?.asArray?.() ?? []).flatMap((r: PDFObject) => {
      const s = file.deref(rev, r);
      if (!(s instanceof PDFRawStream)) return [];
      try {
        return [streamBytes(s)];
      } catch {
        return [];
      }
    });
  return { present: !!dss, certs: read('Certs'), crls: read('CRLs'), ocsps: read('OCSPs') };
}

/** Field names (as pdfsig shows them) of the signature dictionaries a revision's form points at. */
function signatureFields(file: PdfFile, rev: Revision): Map<number, { name: string; field: PDFDict }> {
  const out = new Map<number, { name: string; field: PDFDict }>();
  const walk = (arr: PDFObject | undefined, prefix: string, depth: number) => {
    if (depth > 20) return;
    for (const r of (file.deref(rev, arr) as PDFArray | undefined)?.asArray?.() ?? []) {
      const f = file.dict(rev, r);
      if (!f) continue;
      const t = pdfText(file.deref(rev, f.get(N('T'))));
      const name = t === null ? prefix.replace(/\.$/, '') : `${prefix}${t}`;
      const v = f.get(N('V'));
      if (v instanceof PDFRef) out.set(v.objectNumber, { name, field: f });
      walk(f.get(N('Kids')), t === null ? prefix : `${name}.`, depth + 1);
    }
  };
  walk(file.dict(rev, file.catalog(rev)?.get(N('AcroForm')))?.get(N('Fields')), '', 0);
  return out;
}

/** Never throws: a file that cannot be checked comes back with `error` set. */
export async function verifyPdf(pdf: Buffer, opts: VerifyOptions): Promise<FileReport> {
  try {
    return verifyUnsafe(pdf, opts);
  } catch (e) {
    return { file: opts.file, valid: false, error: `PDF hỏng, không kiểm tra được: ${String((e as Error)?.message ?? e).slice(0, 160)}`, signatures: [] };
  }
}

interface Context {
  pdf: Buffer;
  file: PdfFile;
  found: Found[];
  anchors: X509Certificate[];
  extra: X509Certificate[];
  opts: VerifyOptions;
  fieldsLast: Map<number, { name: string; field: PDFDict }>;
  certification: { index: number; p: 1 | 2 | 3 } | null;
}

function verifyUnsafe(pdf: Buffer, opts: VerifyOptions): FileReport {
  const report: FileReport = { file: opts.file, valid: false, error: null, signatures: [] };
  let file: PdfFile;
  try {
    file = new PdfFile(pdf);
  } catch (e) {
    report.error = `PDF hỏng, không kiểm tra được: ${String((e as Error).message).slice(0, 160)}`;
    return report;
  }
  report.encrypted = file.encrypted;
  report.revisions = file.revisions.length;
  if (file.encryptionError) {
    report.error = 'PDF được mã hóa bằng mật khẩu người dùng: không kiểm tra được chữ ký';
    return report;
  }
  const found = findSignatures(pdf);
  if (!found.length) {
    report.error = 'tệp không có chữ ký số';
    return report;
  }
  const ctx: Context = {
    pdf,
    file,
    found,
    anchors: opts.trust.map((d) => x509(d)),
    extra: (opts.extraCerts ?? []).map((d) => x509(d)),
    opts,
    fieldsLast: signatureFields(file, file.last),
    certification: null,
  };
  const parsed: (ParsedCms | null)[] = [];
  for (const [k, f] of found.entries()) {
    const { sig, cms } = verifyOne(ctx, k, f);
    report.signatures.push(sig);
    parsed.push(cms);
  }
  levels(ctx, report.signatures, parsed);
  for (const s of report.signatures) {
    s.problems = s.issues.map((i) => issueText(i));
    s.verdict = verdictLine(s);
  }
  report.validIgnoringTrust = report.signatures.every((s) => s.intact && s.cryptoValid && !s.modifiedAfter) && report.signatures.at(-1)!.coverage !== 'partial';
  report.valid = report.signatures.every((s) => s.intact && s.cryptoValid && !s.modifiedAfter && s.trusted && s.certValidAtSigning !== false);
  return report;
}

function verifyOne(ctx: Context, k: number, f: Found): { sig: SignatureReport; cms: ParsedCms | null } {
  const { pdf, file } = ctx;
  const [a, b, c, d] = f.byteRange;
  const end = c + d;
  const rev = file.revisionAt(end);
  // the signature dictionary as the file's revisions read it (decrypted); the raw text as a fallback
  const sigDict = f.objectNumber !== null ? file.dict(rev, PDFRef.of(f.objectNumber)) : undefined;
  const subFilter = sigDict?.get(N('SubFilter'))?.toString().slice(1) ?? /\/SubFilter\s*\/([\w.]+)/.exec(f.dictText)?.[1] ?? 'unknown';
  const mText = pdfText(sigDict?.get(N('M'))) ?? /\/M\s*\((D:[^)]*)\)/.exec(f.dictText)?.[1];
  const signedAtDate = pdfDate(mText);
  const fieldInfo = (f.objectNumber !== null ? ctx.fieldsLast.get(f.objectNumber) ?? signatureFields(file, rev).get(f.objectNumber) : undefined) ?? null;
  const problems: Issue[] = [];
  const isDocTs = subFilter === 'ETSI.RFC3161';
  const sig: SignatureReport = {
    field: fieldInfo?.name ?? `Chữ ký ${k + 1}`,
    signer: null,
    subFilter,
    level: null,
    signedAt: signedAtDate?.toISOString() ?? null,
    timestamp: null,
    intact: false,
    cryptoValid: false,
    coversWholeDocument: end === pdf.length,
    modifiedAfter: false,
    trusted: false,
    certValidAtSigning: null,
    problems: [],
    issues: problems,
    kind: isDocTs ? 'doc_timestamp' : 'signature',
    padesLevel: subFilter.startsWith('adbe.pkcs7') ? 'legacy' : null,
    crypto: { status: 'invalid', algorithm: 'unknown' },
    coverage: end === pdf.length ? 'entire-file' : file.revisions.some((r) => Math.abs(r.end - end) <= 2 || r.end === end) ? 'entire-revision' : 'partial',
    revision: rev.index + 1,
    revisions: file.revisions.length,
    changes: [],
    certification: null,
    path: [],
    anchor: null,
    revocation: { status: 'unknown', source: null, revokedAt: null },
    verdict: '',
    missingIssuer: null,
  };

  // step 1: the ByteRange must start at 0, leave out exactly this dictionary's own /Contents, and stay in the file
  if (a !== 0 || b <= 0 || c <= b || end > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e || b !== f.contentsAt) {
    problems.push({ code: b !== f.contentsAt ? 'BYTERANGE_NOT_OWN' : 'BYTERANGE_INVALID' });
    return { sig, cms: null };
  }
  let p: ParsedCms;
  try {
    p = parseCms(trimDer(Buffer.from(pdf.subarray(b + 1, c - 1).toString('latin1').replace(/\s+/g, ''), 'hex')));
  } catch (e) {
    problems.push({ code: 'CMS_UNREADABLE', params: { detail: (e as Error).message } });
    return { sig, cms: null };
  }
  const signedBytes = [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
  integrityAndCrypto(sig, p, signedBytes, subFilter);
  timestampStep(sig, p);
  const at = ctx.opts.at ?? (sig.timestamp ? new Date(sig.timestamp) : signedAtDate ?? new Date());
  const signedData = p.signedAttrsDer ?? p.eContent ?? Buffer.concat(signedBytes);
  const cert = findSignerCert(p, signedData);
  sig.signer = cert ? commonName(cert.raw) : null;
  if (cert) trustStep(ctx, sig, p, cert, at);

  // DocMDP / FieldMDP declared by this signature
  const perms = signaturePermissions(file, rev, sigDict, fieldInfo?.field);
  if (perms.docMdp && !isDocTs && (!ctx.certification || ctx.certification.index === k)) {
    // a certification signature must be the first one; a later DocMDP is ignored (ISO 32000-2 §12.8.2.2)
    if (!ctx.certification && ctx.found.slice(0, k).every((x) => x.byteRange[2] + x.byteRange[3] >= end)) ctx.certification = { index: k, p: perms.docMdp };
    if (ctx.certification?.index === k) sig.certification = perms.docMdp;
  }

  // step: what the later revisions changed
  if (!sig.coversWholeDocument) {
    try {
      const diff = diffRevisions(file, rev, file.last, {
        docMdp: ctx.certification ? ctx.certification.p : null,
        lockedFields: (name) => lockCovers(perms.lock, name),
      });
      sig.changes = diff.changes;
      sig.modifiedAfter = diff.modifiedAfter;
      for (const ch of diff.changes.filter((x) => !x.allowed))
        problems.push({ code: 'CHANGE_DISALLOWED', params: { category: ch.category, object: ch.object ?? '-', ...(ch.refusedBy ? { by: ch.refusedBy } : {}), ...(ch.shadow ? { shadow: ch.shadow } : {}) } });
      if (sig.coverage === 'partial') problems.push({ code: 'COVERAGE_PARTIAL' });
      else if (!sig.modifiedAfter && k === ctx.found.length - 1) problems.push({ code: 'TAIL_ALLOWED' });
    } catch (e) {
      sig.modifiedAfter = true;
      problems.push({ code: 'TAIL_UNPARSED', params: { detail: (e as Error).message } });
    }
  }
  return { sig, cms: p };
}

/** Steps 2 and 3: the digest over the signed bytes, then the signature value. */
function integrityAndCrypto(sig: SignatureReport, p: ParsedCms, signedBytes: Buffer[], subFilter: string) {
  const problems = sig.issues;
  const hash: Digest | null = digestOfOid(p.digestOid);
  if (!hash) {
    problems.push({ code: 'HASH_UNSUPPORTED' });
    sig.crypto = { status: 'unknown', reason: 'ALGORITHM_UNKNOWN', algorithm: p.digestOid };
    return;
  }
  if (hash === 'sha1') problems.push({ code: 'SHA1' });
  const md = messageDigestOf(p);
  const contentDigest = digest(hash, signedBytes);
  const detached = subFilter === 'adbe.pkcs7.detached' || subFilter === 'ETSI.CAdES.detached';
  if (detached && p.eContent) {
    // a detached SubFilter with content inside the CMS: what was signed is not the file
    problems.push({ code: 'EMBEDDED_CONTENT' });
    sig.crypto = { status: 'invalid', algorithm: p.signatureAlgorithmOid };
    return;
  }
  if (subFilter === 'ETSI.RFC3161') {
    const tst = p.eContent ? parseTstInfo(p.eContent) : null;
    const imprintHash = tst ? digestOfOid(tst.imprintOid) : null;
    sig.intact = !!tst && !!md && md.equals(digest(hash, [p.eContent!])) && !!imprintHash && tst.imprint.equals(digest(imprintHash, signedBytes));
    sig.timestamp = tst?.genTime.toISOString() ?? null;
  } else if (subFilter === 'adbe.pkcs7.sha1') {
    sig.intact = !!p.eContent && p.eContent.equals(digest('sha1', signedBytes)) && (!md || md.equals(digest(hash, [p.eContent])));
  } else if (md) sig.intact = md.equals(contentDigest);
  const signedData = p.signedAttrsDer ?? p.eContent ?? Buffer.concat(signedBytes);
  const cert = findSignerCert(p, signedData);
  sig.crypto = checkSignatureValue(p, cert, signedData);
  sig.cryptoValid = sig.crypto.status === 'valid';
  // without signed attributes the signature itself is over the signed bytes: it vouches for them
  if (!p.signedAttrsDer && !p.eContent) sig.intact = sig.cryptoValid;
  if (!sig.intact) problems.push({ code: 'DIGEST_MISMATCH' });
  if (sig.crypto.status === 'unknown') problems.push({ code: 'ALGORITHM_UNKNOWN', params: { oid: sig.crypto.algorithm } });
  else if (!sig.cryptoValid) problems.push({ code: sig.crypto.reason === 'ALG_IS_CURVE' || sig.crypto.reason === 'ALG_KEY_MISMATCH' ? sig.crypto.reason : 'SIGNATURE_INVALID' });
}

/** Step 4: a signature timestamp (PAdES B-T), the TSA's time over the signature value. */
function timestampStep(sig: SignatureReport, p: ParsedCms) {
  const tsToken = p.unsignedAttrs.get(OID.signatureTimeStampToken)?.[0];
  if (!tsToken) return;
  try {
    const t = parseCms(toDer(tsToken));
    const tst = parseTstInfo(t.eContent!);
    sig.timestamp = tst.genTime.toISOString();
    if (!tst.hash || !tst.imprint.equals(createHash(tst.hash).update(p.signature).digest())) sig.issues.push({ code: 'TS_MISMATCH' });
  } catch {
    sig.issues.push({ code: 'TS_UNREADABLE' });
  }
}

/** Steps 5 and 6: the path to an anchor at the time of signing, and revocation from what the file carries. */
function trustStep(ctx: Context, sig: SignatureReport, p: ParsedCms, cert: X509Certificate, at: Date) {
  const dss = dssOf(ctx.file, ctx.file.last);
  const pool = [...p.certificates, ...dss.certs].flatMap((x) => {
    try {
      return [x509(x)];
    } catch {
      return [];
    }
  });
  const path = buildPath(cert, [...pool, ...ctx.extra], ctx.anchors, at);
  sig.trusted = path.trusted;
  sig.certValidAtSigning = path.validAt;
  sig.path = path.chain.map((c) => c.subject.replace(/\n/g, ', '));
  sig.anchor = path.trusted ? sig.path.at(-1)! : null;
  sig.issues.push(...path.problems);
  ctx.opts.onCaCertificates?.(path.chain.slice(1).map((c) => c.raw));
  const top = path.chain.at(-1)!;
  if (!path.trusted && !top.checkIssued(top)) sig.missingIssuer = { issuer: top.issuer.replace(/\n/g, ', '), urls: caIssuersUrls(top.raw) };
  const r = revocationStatus(cert, path.chain[1] ?? null, [...p.crls, ...dss.crls], [...p.ocsps, ...dss.ocsps], at);
  sig.revocation = { status: r.status, source: r.source ?? null, revokedAt: r.revokedAt?.toISOString() ?? null };
  if (r.status === 'revoked') {
    sig.certValidAtSigning = false;
    sig.issues.push({ code: 'REVOKED', params: { at: r.revokedAt!.toISOString(), source: r.source! } });
  } else if (r.status === 'unknown' && sig.kind !== 'doc_timestamp') sig.issues.push({ code: 'NO_REVOCATION_DATA' });
  if (sig.kind !== 'doc_timestamp' && keyUsageOk(cert) === false) sig.issues.push({ code: 'KEY_USAGE' });
}

/**
 * Step 7, once every entry is known: levels per EN 319 142-1. B-B: CAdES with the signing
 * certificate attribute. B-T: a signature timestamp, or a document timestamp after it. B-LT: a
 * DSS holding the validation data (revocation of the signer's certificate) for this signature.
 * B-LTA: a document timestamp over a revision whose DSS already held that data.
 */
function levels(ctx: Context, sigs: SignatureReport[], parsed: (ParsedCms | null)[]) {
  const { file } = ctx;
  const dssCache = new Map<number, ReturnType<typeof dssOf>>();
  const dssAt = (rev: Revision) => dssCache.get(rev.index) ?? dssCache.set(rev.index, dssOf(file, rev)).get(rev.index)!;
  // a document timestamp counts only as one: ETSI.RFC3161 in a dictionary not typed /Sig, intact and valid
  const docTs = ctx.found.map((f, i) => ({ f, i })).filter(({ f, i }) => sigs[i].kind === 'doc_timestamp' && sigs[i].intact && sigs[i].cryptoValid && !/\/Type\s*\/Sig\b/.test(f.dictText));
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
    if (s.timestamp || laterTs.length) level = 'B-T';
    const cert = findSignerCert(p, p.signedAttrsDer ?? Buffer.alloc(0));
    // the certificates validation needs: the signer's path and the signature timestamp's TSA path
    const tsToken = p.unsignedAttrs.get(OID.signatureTimeStampToken)?.[0];
    const tsCms = tsToken ? (() => { try { return parseCms(toDer(tsToken)); } catch { return null; } })() : null;
    const tsaCert = tsCms ? findSignerCert(tsCms, tsCms.signedAttrsDer ?? Buffer.alloc(0)) : null;
    const hasData = (rev: Revision) => {
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
          if (needed && revocationStatus(c, issuer, dss.crls, dss.ocsps, new Date(c.validTo)).status === 'unknown') return false;
          c = issuer;
        }
        return false;
      };
      return covered(cert, false) && (!tsaCert || covered(tsaCert, true));
    };
    if (level === 'B-T' && hasData(file.last)) {
      level = 'B-LT';
      // the DSS as the document timestamp's own revision holds it is what that timestamp covers
      if (laterTs.some(({ f }) => hasData(file.revisionAt(f.byteRange[2] + f.byteRange[3])))) level = 'B-LTA';
    }
    s.level = level;
    s.padesLevel = level;
  }
}
