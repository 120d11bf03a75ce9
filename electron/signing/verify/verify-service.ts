// Verification against the archive: its own anchors plus the enabled built-in national ones,
// the intermediates it has kept, and — when a path stops at a certificate whose issuer is
// missing — that issuer fetched once per address and batch from the certificate's AIA URL
// (short timeout, through the hardened fetcher with a budget per verification: the file
// names these addresses, so an attacker does), kept for next time only if it is the missing
// certificate; otherwise the report names the missing certificate, where it is published
// and why it was not fetched.
import type { Db } from '../../archive/db';
import { builtIns, type BuiltInSet } from '../trust/builtin-trust';
import { certificatesIn } from '../trust/cert-bundle';
import { DEFAULT_BUDGET, type FetchNote, type Outbound } from '../trust/outbound-fetch';
import { outboundFor } from '../trust/outbound-hosts';
import { allAnchors, cacheCertificates, knownCertificates } from '../trust/trust-store';
import type { FileReport } from './verify';
import { verifyPdfInWorker } from '../../workers/verify-work';
import { x509 } from './verify-crypto';
import { issueText } from '../../../shared/verify-issues';
import { verdictLine } from './verdict';

export interface VerifyBatch {
  /** AIA addresses already tried in this batch: each is asked at most once */
  tried: Set<string>;
  /** false when the network must not be used */
  network: boolean;
  timeoutMs: number;
  /** requests each verification may make */
  budget: number;
}

export const newBatch = (network = true, timeoutMs = 3000, budget = DEFAULT_BUDGET): VerifyBatch => ({ tried: new Set(), network, timeoutMs, budget });

export async function verifyWithArchive(
  db: Db,
  pdf: Buffer,
  opts: { file: string; extraTrust?: Buffer[]; at?: Date; batch?: VerifyBatch; builtIns?: BuiltInSet },
): Promise<FileReport> {
  const set = opts.builtIns ?? builtIns();
  const batch = opts.batch ?? newBatch();
  // parsing and checking run in a worker thread under time and memory limits; the archive's writes stay here
  const run = () =>
    verifyPdfInWorker(pdf, {
      file: opts.file,
      trust: [...allAnchors(db, set), ...(opts.extraTrust ?? [])],
      at: opts.at,
      extraCerts: knownCertificates(db, set),
      onCaCertificates: (ders) => cacheCertificates(db, ders, `signature:${opts.file}`),
    });
  let report = await run();
  const net = outboundFor(db, { timeoutMs: batch.timeoutMs, budget: batch.budget });
  if (batch.network && (await fetchMissingIssuers(db, report, batch, net))) report = await run();
  for (const s of report.signatures) {
    if (!s.missingIssuer || s.trusted) continue;
    s.issues.push({ code: 'INTERMEDIATE_MISSING', params: { issuer: s.missingIssuer.issuer, url: s.missingIssuer.urls.join(', ') } });
    for (const [why, notes] of groupByWhy(net.notes.filter((n) => n.why === 'budget' || s.missingIssuer!.urls.includes(n.url))))
      s.issues.push({ code: 'FETCH_REFUSED', params: { why, url: notes.slice(0, 3).map((n) => n.url).join(', '), ...(notes.length > 3 ? { more: notes.length - 3 } : {}), ...(notes.length === 1 && notes[0].detail ? { detail: notes[0].detail } : {}) } });
    s.problems = s.issues.map((i) => issueText(i));
    s.verdict = verdictLine(s);
  }
  return report;
}

/** Fetches the AIA addresses of the missing issuers; keeps only certificates named as one. Returns how many were added. */
async function fetchMissingIssuers(db: Db, report: FileReport, batch: VerifyBatch, net: Outbound): Promise<number> {
  const wanted = new Map<string, Set<string>>();
  for (const s of report.signatures)
    for (const url of s.missingIssuer?.urls ?? []) if (!batch.tried.has(url)) wanted.set(url, (wanted.get(url) ?? new Set()).add(s.missingIssuer!.issuer));
  let added = 0;
  for (const [url, issuers] of wanted) {
    if (net.spent) {
      net.note(url, 'budget');
      break; // the rest stay untried for the next file of the batch
    }
    batch.tried.add(url);
    const body = await net.fetch(url, { kind: 'cert' }).catch(() => null);
    if (!body) continue;
    let certs: Buffer[] = [];
    try {
      certs = certificatesIn(body).filter((der) => issuers.has(x509(der).subject.replace(/\n/g, ', ')));
    } catch {
      /* not certificates at all */
    }
    if (!certs.length) net.note(url, 'invalid', 'không phải chứng thư của nơi cấp còn thiếu');
    else added += cacheCertificates(db, certs, url);
  }
  return added;
}

function groupByWhy(notes: FetchNote[]): Map<string, FetchNote[]> {
  const out = new Map<string, FetchNote[]>();
  for (const n of notes) out.set(n.why, [...(out.get(n.why) ?? []), n]);
  return out;
}
