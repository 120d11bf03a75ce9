// A signature's one-line verdict in the interface language. The core words it in Vietnamese
// (electron/signing/verify/verdict.ts, also printed in the PDF report); the English line is built
// here from the same findings, worst first, in the same order.
import type { VerifyReport } from '../../../../shared/contract';
import { CHANGE_EN } from '../../../../shared/verify-issues';

type Signature = VerifyReport['signatures'][number];

function englishVerdict(s: Signature): string {
  if (s.kind === 'damaged') return 'Damaged signature field: its /Contents is no readable signature (CMS), not counted as a signature';
  const what = s.kind === 'doc_timestamp' ? 'Document timestamp' : 'Signature';
  const changes = (list: NonNullable<Signature['changes']>) => [...new Set(list.map((c) => CHANGE_EN[c.category] ?? c.category))];
  if (s.crypto?.status === 'unknown') return `${what}: cannot be checked (algorithm not supported)`;
  if (!s.intact) return `${what} NOT intact: the signed data was changed or the ByteRange is wrong`;
  if (!s.cryptoValid) return `${what} NOT cryptographically valid`;
  if (s.modifiedAfter) {
    const bad = changes((s.changes ?? []).filter((c) => !c.allowed));
    return `${what} valid for revision ${s.revision}, but the document was CHANGED after signing (${bad.join(', ') || 'could not be analysed'})`;
  }
  if (s.coverage === 'partial') return `${what} valid but does not cover the whole file: its end is not signed`;
  if (s.certValidAtSigning === false) return `${what} intact, but the certificate was not valid or was revoked at signing time`;
  if (!s.trusted) return `${what} intact, but with no trusted path to any root certificate`;
  const allowed = changes(s.changes ?? []);
  return `${what} valid and trusted${allowed.length ? `; only permitted changes after signing (${allowed.join(', ')})` : ', document intact'}`;
}

export const verdictText = (s: Signature, lang: string) => (lang === 'en' ? englishVerdict(s) : s.verdict ?? '');
