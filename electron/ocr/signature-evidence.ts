// A signed PDF says who issued it and when, in its digital signatures: the issuing agency's
// signature (its organisation, its signing time in Vietnam's +07:00) is evidence for the
// issuing body and the date, the leader's personal certificate (its CN) for the signer. It
// fills what OCR could not read (marked as taken from the signature), settles an unsure value
// it agrees with, and flags one it contradicts (the page's value is kept). The Official
// Gazette centre's signature ("Trung tâm Công báo…") is publication, not issue.
import { foldVietnamese } from '../archive/text';
import { verifyPdfInWorker } from '../workers/verify-work';
import type { Fields, FieldValue } from './fields';
import { personName } from './vocabulary';

export interface SignatureEvidence {
  /** the issuing agency's signature as its certificate names it (null: only a person signed) */
  organisation: string | null;
  /** the signing time's calendar date in Vietnam (+07:00), YYYY-MM-DD: the agency's, else the person's */
  date: string;
  signedAt: string;
  /** the leader who signed with a personal certificate, as its CN names them */
  person: string | null;
}

/** Gazette and publication centres sign to publish: not the issuer. */
export const isPublicationSigner = (name: string) => /trung tam cong bao|cong bao va tin hoc|cong thong tin dien tu/.test(foldVietnamese(name));

/** The Vietnam calendar date of an instant ("2025-01-19T03:13:06Z" → "2025-01-19"). */
export function vietnamDate(iso: string): string | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}

/** the first word of a body's name in title case ("Bộ Tư Pháp", "Sở Y Tế", "Ủy Ban Nhân Dân …") */
const BODY_HEAD = /^(bo|so|cuc|uy|ban|van|vien|tong|trung|truong|phong|chi|hoi|toa|cong|kho|benh|dai|hoc|doan|lien|quy|nha|tap|ngan|thanh|tinh|huyen|xa|phuong)$/;

/** A certificate that names a person ("Nguyễn Văn An"), not a body ("Bộ Nội vụ", "CÔNG AN TỈNH …"): two to six capitalised words, not a body's. */
export function isPersonCertificate(cn: string): boolean {
  const name = personName(cn);
  return name !== null && name === cn.trim() && !BODY_HEAD.test(foldVietnamese(name.split(/\s+/)[0]));
}

/** The issuing agency's and the leader's signatures in a PDF; null when unsigned (or only published). */
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
  const usable = report.signatures.filter((s) => s.signer && s.signedAt && s.intact && !isPublicationSigner(s.signer) && vietnamDate(s.signedAt!));
  const agency = usable.find((s) => !isPersonCertificate(s.signer!));
  const person = usable.find((s) => isPersonCertificate(s.signer!));
  const dated = agency ?? person;
  if (!dated) return null;
  return { organisation: agency?.signer ?? null, date: vietnamDate(dated.signedAt!)!, signedAt: dated.signedAt!, person: person?.signer ?? null };
}

/** confidence of a date taken from the signing time: a document is often signed a day or two after its date */
const SIGNATURE_DATE_CONFIDENCE = 0.5;

/** below review's 0.6: the page and the signature disagree, a person looks */
const DISAGREES = 0.5;
/** the longest a document is taken to wait between its date and the agency's signature on the copy issued */
const ISSUE_TO_SIGNING_DAYS = 31;
/** a leader's own certificate names the signer surely, but the block may name another (a deputy signing "KT.") */
const CERTIFICATE_SIGNER_CONFIDENCE = 0.75;

/**
 * Applies the evidence: a missing date, body or signer is filled from the signatures; a value
 * the evidence confirms becomes surer; where the page says otherwise its value is kept, flagged.
 */
export function applySignatureEvidence(f: Fields, ev: SignatureEvidence | null): Fields {
  if (!ev) return f;
  const out = { ...f, date: dateEvidence(f.date, ev, f.agency.value) };
  if (f.agency.value === null && ev.organisation) out.agency = fromSignature(ev.organisation.toLocaleUpperCase('vi'), SIGNATURE_DATE_CONFIDENCE);
  if (ev.person) out.signer = signerEvidence(f.signer, ev.person);
  return out;
}

const fromSignature = (value: string, confidence: number): FieldValue => ({ value, confidence, page: null, bbox: null, source: 'signature' });

/** a body's name as words, its usual abbreviations spelt out ("UBND" and "Ủy ban nhân dân" alike) */
const bodyWords = (name: string) =>
  foldVietnamese(name)
    .toLowerCase()
    .replace(/\bubnd\b/g, 'uy ban nhan dan')
    .replace(/\bhdnd\b/g, 'hoi dong nhan dan')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The agency signature is the issuing body's own (most of the page's body name in it), not a copy another office certified. */
function issuedBy(organisation: string, agency: string | null): boolean {
  if (!agency) return false;
  const own = new Set(bodyWords(organisation));
  const words = bodyWords(agency);
  return words.length > 0 && words.filter((w) => own.has(w)).length >= 0.75 * words.length;
}

function dateEvidence(d: FieldValue, ev: SignatureEvidence, agency: string | null): FieldValue {
  if (d.value === null) return fromSignature(ev.date, SIGNATURE_DATE_CONFIDENCE);
  if (d.value === ev.date) return d.confidence < 0.8 ? { ...d, confidence: 0.8 } : d;
  // issued after it was signed cannot be; a typed date that differs from the agency's signing
  // day (e-office numbers and dates at issue) is a slip on one side
  const impossible = d.value > ev.date;
  // the issuing body signs the copy it issues on the day of issue or soon after: a page date
  // months before that signing in the same year is a misread day or month (a 9 read as a 3); a
  // paper digitised and signed in a later year, or a copy another office certified, proves nothing
  const tooEarly =
    ev.organisation !== null &&
    issuedBy(ev.organisation, agency) &&
    d.value.slice(0, 4) === ev.date.slice(0, 4) &&
    Date.parse(ev.date) - Date.parse(d.value) > ISSUE_TO_SIGNING_DAYS * 86_400_000;
  return impossible || tooEarly || (d.source === 'text' && ev.organisation) ? { ...d, confidence: Math.min(d.confidence, DISAGREES) } : d;
}

function signerEvidence(s: FieldValue, person: string): FieldValue {
  if (s.value === null) return fromSignature(person, CERTIFICATE_SIGNER_CONFIDENCE);
  if (foldVietnamese(s.value) === foldVietnamese(person)) return { ...s, value: person, confidence: Math.max(s.confidence, 0.9) };
  return { ...s, confidence: Math.min(s.confidence, DISAGREES) };
}
