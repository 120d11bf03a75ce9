// What the lookup form checks before asking the hub (the hub checks again): one exact
// identifier, no wildcard, and the dossier being handled; and how a refusal is shown.
export type LookupBy = 'holderId' | 'dossierCode' | 'resultNumber';

export interface LookupInput {
  by: LookupBy;
  value: string;
  purposeDossier: string;
  note?: string;
}

/** The request for the hub, or the i18n key (hub.lookup.*) of why it is not sent. */
export function lookupRequest(v: LookupInput): { by: LookupBy; value: string; purpose: { dossierCode: string; note: string } } | { problem: 'wildcard' } {
  const value = v.value.trim();
  // a wildcard would never match (the hub compares exactly) and still count towards the limit
  if (/[%*?_]/.test(value)) return { problem: 'wildcard' };
  return { by: v.by, value, purpose: { dossierCode: v.purposeDossier.trim(), note: (v.note ?? '').trim() } };
}

/**
 * How a refusal is shown: a caution for the rules a user can keep (exact identifier, rate), an
 * error otherwise. The hub's own codes come bare ('rate' is worded by the page around the hub's
 * reason); a desk's (HUB_LOOKUP_*, through its enrolment) come already worded ('caution').
 */
export function refusalKind(code: string | undefined): 'exact' | 'rate' | 'caution' | 'error' {
  if (code === 'LOOKUP_EXACT') return 'exact';
  if (code === 'LOOKUP_RATE') return 'rate';
  return code === 'HUB_LOOKUP_EXACT' || code === 'HUB_LOOKUP_RATE' ? 'caution' : 'error';
}
