// Verifies every signature of a PDF, one by one, in steps: the ByteRange (the signature's own
// /Contents gap, inside the file), integrity (the digest over the signed bytes), the
// cryptographic signature (verify-steps.ts), the timestamp (verify-timestamp.ts), the
// certificate path to the trust store at the signing time, revocation, what later revisions
// changed (diff-analysis.ts) and the PAdES level (EN 319 142-1, verify-levels.ts). Encrypted
// files with an empty user password are read decrypted, the signed bytes always raw. A file
// that cannot be checked is reported, never thrown.
import { PDFRef } from 'pdf-lib';
import { parseCms, type ParsedCms } from '../cms/cms-parse';
import { diffRevisions, lockCovers, signaturePermissions } from './diff-analysis';
import { PdfFile, pdfText } from '../pdf/pdf-revisions';
import { commonName } from '../sign/sign-names';
import { findSignerCert, x509 } from './verify-crypto';
import { findSignatures, N, pdfDate, signatureFields, trimDer, type Found } from './verify-find';
import { levels } from './verify-levels';
import type { Context, FileReport, SignatureReport, VerifyOptions } from './verify-report';
import { integrityAndCrypto, trustStep } from './verify-steps';
import { timestampStep } from './verify-timestamp';
import { verdictLine } from './verdict';
import { issueText, type Issue } from '../../../shared/verify-issues';

export type { FileReport, PadesLevel, SignatureReport, TsaReport, VerifyOptions } from './verify-report';

/** Never throws: a file that cannot be checked comes back with `error` set. */
export async function verifyPdf(pdf: Buffer, opts: VerifyOptions): Promise<FileReport> {
  try {
    return verifyUnsafe(pdf, opts);
  } catch (e) {
    return { file: opts.file, valid: false, error: `PDF hỏng, không kiểm tra được: ${String((e as Error)?.message ?? e).slice(0, 160)}`, signatures: [] };
  }
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
  const nonstandard = report.signatures.some((s) => s.issues.some((i) => i.code === 'BYTERANGE_INVALID' || i.code === 'BYTERANGE_NOT_OWN'));
  report.validIgnoringTrust = !nonstandard && report.signatures.every((s) => s.intact && s.cryptoValid && !s.modifiedAfter) && report.signatures.at(-1)!.coverage !== 'partial';
  report.valid = !nonstandard && report.signatures.every((s) => s.intact && s.cryptoValid && !s.modifiedAfter && s.trusted && s.certValidAtSigning !== false);
  return report;
}

/** What the signature dictionary says of itself, and the report before any check. */
function describe(ctx: Context, k: number, f: Found) {
  const { pdf, file } = ctx;
  const end = f.byteRange[2] + f.byteRange[3];
  const rev = file.revisionAt(end);
  // the signature dictionary as the file's revisions read it (decrypted); the raw text as a fallback
  const sigDict = f.objectNumber !== null ? file.dict(rev, PDFRef.of(f.objectNumber)) : undefined;
  const subFilter = sigDict?.get(N('SubFilter'))?.toString().slice(1) ?? /\/SubFilter\s*\/([\w.]+)/.exec(f.dictText)?.[1] ?? 'unknown';
  const mText = pdfText(sigDict?.get(N('M'))) ?? /\/M\s*\((D:[^)]*)\)/.exec(f.dictText)?.[1];
  const signedAtDate = pdfDate(mText);
  const fieldInfo = (f.objectNumber !== null ? ctx.fieldsLast.get(f.objectNumber) ?? signatureFields(file, rev).get(f.objectNumber) : undefined) ?? null;
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
    issues: [],
    kind: subFilter === 'ETSI.RFC3161' ? 'doc_timestamp' : 'signature',
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
  return { sig, rev, end, sigDict, fieldInfo, signedAtDate };
}

/**
 * Step 1: the ByteRange must start at 0, leave out exactly this dictionary's own /Contents, and
 * stay in the file. One whose gap is another signature's /Contents is a spoofed copy
 * (BYTERANGE_NOT_OWN); any other shape is non-standard coverage (BYTERANGE_INVALID).
 */
function byteRangeStep(pdf: Buffer, f: Found, found: Found[], problems: Issue[]): boolean {
  const [a, b, c, d] = f.byteRange;
  if (f.malformed || a !== 0 || b <= 0 || c <= b || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e || b !== f.contentsAt) {
    const spoofed = !f.malformed && b !== f.contentsAt && found.some((o) => o !== f && o.contentsAt === b);
    problems.push({ code: spoofed ? 'BYTERANGE_NOT_OWN' : 'BYTERANGE_INVALID' });
    return false;
  }
  return true;
}

/** What the later revisions changed, judged by the certification and this signature's field locks. */
function changesStep(ctx: Context, k: number, sig: SignatureReport, rev: ReturnType<PdfFile['revisionAt']>, lock: Parameters<typeof lockCovers>[0]) {
  const problems = sig.issues;
  try {
    const diff = diffRevisions(ctx.file, rev, ctx.file.last, {
      docMdp: ctx.certification ? ctx.certification.p : null,
      lockedFields: (name) => lockCovers(lock, name),
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

function verifyOne(ctx: Context, k: number, f: Found): { sig: SignatureReport; cms: ParsedCms | null } {
  const { pdf, file } = ctx;
  const { sig, rev, end, sigDict, fieldInfo, signedAtDate } = describe(ctx, k, f);
  const standard = byteRangeStep(pdf, f, ctx.found, sig.issues);
  // a non-standard ByteRange is never the whole file; the CMS in its own /Contents is still checked
  // over the bytes it names, when they exist (a spoofed copy is not: it names another signature's)
  const inside = f.byteRange[0] >= 0 && f.byteRange[0] + f.byteRange[1] <= pdf.length && f.byteRange[2] + f.byteRange[3] <= pdf.length;
  if (!standard && !(f.contentsAt > 0 && inside && sig.issues.some((i) => i.code === 'BYTERANGE_INVALID'))) return { sig, cms: null };
  if (!standard) Object.assign(sig, { coverage: 'partial', coversWholeDocument: false });
  const [a, b, c, d] = f.byteRange;
  const hex = standard ? pdf.subarray(b + 1, c - 1) : pdf.subarray(f.contentsAt + 1, pdf.indexOf(0x3e, f.contentsAt));
  let p: ParsedCms;
  try {
    p = parseCms(trimDer(Buffer.from(hex.toString('latin1').replace(/\s+/g, ''), 'hex')));
  } catch (e) {
    sig.issues.push({ code: 'CMS_UNREADABLE', params: { detail: (e as Error).message } });
    // no signature at all, as EU DSS finds: a damaged field, shown apart
    sig.kind = 'damaged';
    sig.padesLevel = null;
    return { sig, cms: null };
  }
  const signedBytes = [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
  integrityAndCrypto(sig, p, signedBytes, sig.subFilter);
  timestampStep(ctx, sig, p);
  const at = ctx.opts.at ?? (sig.timestamp ? new Date(sig.timestamp) : signedAtDate ?? new Date());
  const cert = findSignerCert(p, p.signedAttrsDer ?? p.eContent ?? Buffer.concat(signedBytes));
  sig.signer = cert ? commonName(cert.raw) : null;
  if (cert) trustStep(ctx, sig, p, cert, at);

  // DocMDP / FieldMDP declared by this signature
  const perms = signaturePermissions(file, rev, sigDict, fieldInfo?.field);
  if (perms.docMdp && sig.kind !== 'doc_timestamp' && (!ctx.certification || ctx.certification.index === k)) {
    // a certification signature must be the first one; a later DocMDP is ignored (ISO 32000-2 §12.8.2.2)
    if (!ctx.certification && ctx.found.slice(0, k).every((x) => x.byteRange[2] + x.byteRange[3] >= end)) ctx.certification = { index: k, p: perms.docMdp };
    if (ctx.certification?.index === k) sig.certification = perms.docMdp;
  }
  if (!sig.coversWholeDocument) changesStep(ctx, k, sig, rev, perms.lock);
  return { sig, cms: p };
}
