// The reuse lookup from a desk (Decree 45/2020, Decision 766): records staff, unit heads and
// administrators of an enrolled desk find a result digitized anywhere in the province, through
// the desk's own enrolment (the desk signs; the hub audits the officer it names). The shapes are
// the hub's own (hub/reuse/lookup.ts), so the hub's lookup screen serves both.
// Spread into `contract` in contract.ts.
import { z } from 'zod';

export const LookupBy = z.enum(['holderId', 'dossierCode', 'resultNumber']);

/** Wildcards never match (the hub compares exactly) and would still count against the limit. */
export const LOOKUP_WILDCARD = /[%*?_]/;

export const LookupRequest = z.object({
  by: LookupBy,
  value: z.string().trim().min(1).max(64),
  /** the dossier being handled: the reason the lookup is allowed at all */
  purpose: z.object({ dossierCode: z.string().trim().min(5).max(64), note: z.string().trim().max(500).default('') }),
});

const day = z.string().nullable();

export const LookupResult = z.object({
  dossierCode: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  procedureName: z.string().nullable(),
  resultName: z.string().nullable(),
  resultNumber: z.string().nullable(),
  issuedOn: day,
  validUntil: day,
  revokedOn: day.default(null),
  holderName: z.string().nullable(),
  signed: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).nullable(),
});

export const LookupAnswer = z.object({ lookupId: z.string().regex(/^[0-9a-f-]{36}$/), results: z.array(LookupResult) });
export type LookupAnswer = z.infer<typeof LookupAnswer>;

/** The export name of a signed copy fetched through the hub: /export/hub-copy.pdf?lookup=&sha256=&name= */
export const HUB_COPY_EXPORT = 'hub-copy.pdf';

export const lookupContract = {
  'hub.lookup': { req: LookupRequest, res: LookupAnswer },
};
