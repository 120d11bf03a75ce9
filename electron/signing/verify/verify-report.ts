// What verification reports for a file and for each of its signatures (the CLI's JSON, the
// app's report screen and the PDF report read these), and the state one file's checks share.
import type { X509Certificate } from 'node:crypto';
import type { PDFDict } from 'pdf-lib';
import type { RevocationStatus } from '../trust/revocation';
import type { Change } from './diff-analysis';
import type { PdfFile } from '../pdf/pdf-revisions';
import type { CryptoResult } from './verify-crypto';
import type { Found } from './verify-find';
import type { Issue } from '../../../shared/verify-issues';

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
  /** damaged: a signature field whose /Contents is no readable CMS (shown apart, not counted as a signature) */
  kind: 'signature' | 'doc_timestamp' | 'damaged';
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
  /** the signature timestamp's own check: the token's CMS signature and the TSA's certificate path */
  tsa?: TsaReport | null;
}

export interface TsaReport {
  signer: string | null;
  /** the token's signature over its TSTInfo: valid, invalid, or cannot be checked (no TSA certificate) */
  signature: CryptoResult['status'];
  /** its messageImprint is the digest of this signature's value */
  imprintMatches: boolean;
  trusted: boolean;
  /** subjects from the TSA certificate up to the anchor (or as far as it goes) */
  path: string[];
  anchor: string | null;
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

export interface Context {
  pdf: Buffer;
  file: PdfFile;
  found: Found[];
  anchors: X509Certificate[];
  extra: X509Certificate[];
  opts: VerifyOptions;
  fieldsLast: Map<number, { name: string; field: PDFDict }>;
  certification: { index: number; p: 1 | 2 | 3 } | null;
}

