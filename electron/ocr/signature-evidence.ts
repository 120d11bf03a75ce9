// A signed PDF says who issued it and when, in its digital signatures: the issuing agency's
// signature (its organisation, its signing time in Vietnam's +07:00) is evidence for the
// issuing body and the date. It fills a date OCR could not read (marked as taken from the
// signature) and settles a hand-written day that OCR was unsure of when both agree. The
// Official Gazette centre's signature ("Trung tâm Công báo…") is publication, not issue.
import { foldVietnamese } from '../archive/text';
import { verifyPdfInWorker } from '../workers/verify-work';
import type { Fields, FieldValue } from './fields';

export interface SignatureEvidence {
  /** the signer of the issuing agency's signature, as its certificate names it */
  organisation: string;
  /** the signing time's calendar date in Vietnam (+07:00), YYYY-MM-DD */
  date: string;
  signedAt: string;
}

/** Gazette and publication centres sign to publish: not the issuer. */
export const isPublicationSigner = (name: string) => /trung tam cong bao|cong bao va tin hoc|cong thong tin dien tu/.test(foldVietnamese(name));

/** The Vietnam calendar date of an instant ("2025-01-19T03:13:06Z" → "2025-01-19"). */
export function vietnamDate(iso: string): string | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The issuing agency's signature in a PDF (the first that is not a publication's); null when unsigned. */
export async function signatureEvidence(pdf: Buffer, file: string): Promise<SignatureEvidence | null> {
  if (!pdf.includes('/ByteRange')) return null;
  let report;
  try {
    // read-only use of the verifier: who signed and when; trust does not matter for evidence.
    // In a guarded worker like every verification: a crafted PDF must not stall the core's thread
    report = await verifyPdfInWorker(pdf, { file, trust: [] });
  } catch {
    return null;
  }
  for (const s of report.signatures) {
    if (!s.signer || !s.signedAt || !s.intact || isPublicationSigner(s.signer)) continue;
    const date = vietnamDate(s.signedAt);
    if (date) return { organisation: s.signer, date, signedAt: s.signedAt };
  }
  return null;
}

/** confidence of a date taken from the signing time: a document is often signed a day or two after its date */
const SIGNATURE_DATE_CONFIDENCE = 0.5;

/** Applies the evidence: a missing date is filled from the signature; an unsure date it confirms becomes surer. */
export function applySignatureEvidence(f: Fields, ev: SignatureEvidence | null): Fields {
  if (!ev) return f;
  const out = { ...f };
  const d = f.date;
  if (d.value === null) {
    out.date = { value: ev.date, confidence: SIGNATURE_DATE_CONFIDENCE, page: null, bbox: null, source: 'signature' } satisfies FieldValue;
  } else if (d.value === ev.date && d.confidence < 0.8) {
    out.date = { ...d, confidence: 0.8 };
  }
  if (f.agency.value === null) out.agency = { value: ev.organisation.toLocaleUpperCase('vi'), confidence: SIGNATURE_DATE_CONFIDENCE, page: null, bbox: null, source: 'signature' };
  return out;
}
