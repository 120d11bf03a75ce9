// What a signature is asked to be: its key, hash, appearance, timestamp and long-term data.
import type { Signer } from '../cms/cms';
import type { Hash } from '../cms/oids';
import type { Outbound } from '../trust/outbound-fetch';

export type AppearanceKind = 'copy' | 'personal' | 'issued' | 'none';
export type CopyForm = 'SAO Y' | 'SAO LỤC' | 'TRÍCH SAO';

export interface SignOptions {
  signer: Signer;
  hash?: Hash;
  appearance: AppearanceKind;
  /** DOMAIN.md rule 3: the copy form and the copying agency, for the agency's copy signature */
  copyForm?: CopyForm;
  agency?: string;
  /** where the copy signature goes (copy-placement.ts: free white space, never over ink) and its text scale */
  copyPlace?: { x: number; y: number; w: number; h: number; scale: number };
  /** the digitizing officer's name for a personal signature (rule 2); default: the certificate's CN */
  signerName?: string;
  reason?: string;
  location?: string;
  time?: Date;
  /**
   * Decree 30/2020 App. I, for documents issued electronically: the signer's signature image
   * (blue, transparent PNG) and the agency seal (red PNG, true size) overlapping a third of it
   * on its left, centred at `place` (page 1-based, x/y in points from the bottom-left).
   */
  issued?: { signatureImage: Buffer; sealImage: Buffer; place?: { page: number; x: number; y: number }; signatureWidthMm?: number; sealDiameterMm?: number };
  /** RFC 3161 time-stamping authority: with it the signature is PAdES B-T */
  tsaUrl?: string;
  /** with a timestamp, also store the chain and fetchable revocation lists in a DSS (PAdES B-LT) */
  ltv?: boolean;
  /** with `ltv`, a document timestamp after the DSS (PAdES B-LTA) */
  archiveTimestamp?: boolean;
  /** the fetcher for the TSA, CRL and OCSP requests of this signing (outbound-fetch.ts); default: no internal hosts but the TSA's */
  outbound?: Outbound;
  /** room for the CMS in bytes; a timestamp or a long chain needs more */
  contentsSize?: number;
  fileName?: string;
}
