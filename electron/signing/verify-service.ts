// Verification against the archive: its own anchors plus the enabled built-in national ones,
// the intermediates it has kept, and — when a path stops at a certificate whose issuer is
// missing — that issuer fetched once per address and batch from the certificate's AIA URL
// (short timeout), kept for next time; otherwise the report names the missing certificate
// and where it is published.
import type { Db } from '../archive/db';
import { builtIns, type BuiltInSet } from './builtin-trust';
import { httpRequest } from './http-client';
import { certificatesIn } from './cert-bundle';
import { allAnchors, cacheCertificates, knownCertificates } from './trust-store';
import { verifyPdf, type FileReport } from './verify';
import { issueText } from '../../shared/verify-issues';
import { verdictLine } from './verdict';

export interface VerifyBatch {
  /** AIA addresses already tried in this batch: each is asked at most once */
  tried: Set<string>;
  /** false when the network must not be used */
  network: boolean;
  timeoutMs: number;
}

export const newBatch = (network = true, timeoutMs = 3000): VerifyBatch => ({ tried: new Set(), network, timeoutMs });

export async function verifyWithArchive(
  db: Db,
  pdf: Buffer,
  opts: { file: string; extraTrust?: Buffer[]; at?: Date; batch?: VerifyBatch; builtIns?: BuiltInSet },
): Promise<FileReport> {
  const set = opts.builtIns ?? builtIns();
  const batch = opts.batch ?? newBatch();
  const run = () =>
    verifyPdf(pdf, {
      file: opts.file,
      trust: [...allAnchors(db, set), ...(opts.extraTrust ?? [])],
      at: opts.at,
      extraCerts: knownCertificates(db, set),
      onCaCertificates: (ders) => cacheCertificates(db, ders, `signature:${opts.file}`),
    });
  let report = await run();
  const wanted = [...new Set(report.signatures.flatMap((s) => s.missingIssuer?.urls ?? []))].filter((u) => !batch.tried.has(u));
  let fetched = 0;
  if (batch.network)
    for (const url of wanted) {
      batch.tried.add(url);
      try {
        fetched += cacheCertificates(db, certificatesIn(await httpRequest(url, { timeoutMs: batch.timeoutMs })), url);
      } catch {
        /* offline or unreachable: the report says what is missing and where it is */
      }
    }
  if (fetched) report = await run();
  for (const s of report.signatures) {
    if (!s.missingIssuer || s.trusted) continue;
    s.issues.push({ code: 'INTERMEDIATE_MISSING', params: { issuer: s.missingIssuer.issuer, url: s.missingIssuer.urls.join(', ') } });
    s.problems = s.issues.map((i) => issueText(i));
    s.verdict = verdictLine(s);
  }
  return report;
}
