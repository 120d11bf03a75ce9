// The contract's records of coverage, the results register, signatures and keys.
import { z } from 'zod';
import { id, isoDate, LevelSchema } from './primitives';
import { ImportSource, RowError } from './records';

const figures = { valid: z.number().int(), digitized: z.number().int() };
export const CoverageUnit = z.object({
  id,
  code: z.string(),
  name: z.string(),
  level: LevelSchema,
  parentId: id.nullable(),
  parentCode: z.string().nullable(),
  ...figures,
  rate: z.number(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  needed: z.number().int(),
  total: z.object({ ...figures, rate: z.number() }),
  packageAt: z.string().nullable(),
});
export type CoverageUnit = z.infer<typeof CoverageUnit>;
export const CoverageReport = z.object({
  at: isoDate,
  scope: z.object({ id, code: z.string(), name: z.string(), level: LevelSchema }).nullable(),
  levels: z.array(z.object({ level: LevelSchema, target: z.number().nullable(), ...figures, rate: z.number(), met: z.boolean().nullable() })),
  units: z.array(CoverageUnit),
  procedures: z.array(z.object({ code: z.string(), name: z.string(), ...figures, rate: z.number() })),
  unresolved: z.array(z.object({ unitId: id, code: z.string(), name: z.string(), ...figures })),
  decision766: z.object({ handled: z.number().int(), withElectronicResult: z.number().int(), rate: z.number() }),
  packages: z.array(z.object({ unitCode: z.string(), unitName: z.string(), at: z.string(), createdAt: z.string() })),
});
export type CoverageReport = z.infer<typeof CoverageReport>;
export const TrendPoint = z.object({ month: z.string(), at: isoDate, ...figures, rate: z.number(), target: z.number().nullable() });
export type TrendPoint = z.infer<typeof TrendPoint>;

export const REGISTER_FIELD_LIST = [
  'dossierCode', 'procedureCode', 'procedureName', 'unitCode', 'holderName', 'holderId', 'holderUnitCode',
  'resultName', 'resultNumber', 'issuedOn', 'validUntil', 'revokedOn', 'unitName',
] as const;
export const RegisterEntry = z.object({
  id,
  dossierCode: z.string(),
  procedureCode: z.string().nullable(),
  procedureName: z.string().nullable(),
  unitId: id,
  unitName: z.string(),
  holderName: z.string().nullable(),
  holderId: z.string().nullable(),
  resultName: z.string().nullable(),
  resultNumber: z.string().nullable(),
  issuedOn: isoDate,
  validUntil: isoDate.nullable(),
  revokedOn: isoDate.nullable(),
  digitizedOn: isoDate.nullable(),
  documentId: id.nullable(),
});
export type RegisterEntry = z.infer<typeof RegisterEntry>;
export const ImportReport = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), errors: z.array(RowError) });

export const SignatureCheck = z.object({
  field: z.string(),
  signer: z.string().nullable(),
  subFilter: z.string(),
  level: z.string().nullable(),
  signedAt: z.string().nullable(),
  timestamp: z.string().nullable(),
  intact: z.boolean(),
  cryptoValid: z.boolean(),
  coversWholeDocument: z.boolean(),
  modifiedAfter: z.boolean(),
  trusted: z.boolean(),
  certValidAtSigning: z.boolean().nullable(),
  problems: z.array(z.string()),
  issues: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  // revision analysis and the rest of the report (electron/signing/verify/verify.ts)
  kind: z.enum(['signature', 'doc_timestamp', 'damaged']).optional(),
  padesLevel: z.string().nullable().optional(),
  crypto: z.object({ status: z.enum(['valid', 'invalid', 'unknown']), algorithm: z.string(), reason: z.string().optional() }).optional(),
  coverage: z.enum(['entire-file', 'entire-revision', 'partial']).optional(),
  revision: z.number().int().optional(),
  revisions: z.number().int().optional(),
  changes: z
    .array(z.object({ category: z.string(), allowed: z.boolean(), object: z.number().int().nullable(), detail: z.string().optional(), refusedBy: z.string().optional(), shadow: z.string().optional() }))
    .optional(),
  certification: z.number().int().nullable().optional(),
  path: z.array(z.string()).optional(),
  anchor: z.string().nullable().optional(),
  revocation: z.object({ status: z.enum(['good', 'revoked', 'unknown']), source: z.string().nullable(), revokedAt: z.string().nullable() }).optional(),
  verdict: z.string().optional(),
  missingIssuer: z.object({ issuer: z.string(), urls: z.array(z.string()) }).nullable().optional(),
  tsa: z.object({ signer: z.string().nullable(), signature: z.enum(['valid', 'invalid', 'unknown']), imprintMatches: z.boolean(), trusted: z.boolean(), path: z.array(z.string()), anchor: z.string().nullable() }).nullable().optional(),
});
export const VerifyReport = z.object({
  file: z.string(),
  valid: z.boolean(),
  error: z.string().nullable(),
  signatures: z.array(SignatureCheck),
  validIgnoringTrust: z.boolean().optional(),
  encrypted: z.boolean().optional(),
  revisions: z.number().int().optional(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;
export const TokenModule = z.object({ label: z.string(), path: z.string(), installed: z.boolean(), builtIn: z.boolean() });
export const KeySource = z.union([
  z.object({ p12: z.object({ source: ImportSource, password: z.string().min(1).max(200) }) }),
  z.object({
    pkcs11: z.object({ module: z.string().min(1).max(500), token: z.string().min(1).max(100), pin: z.string().min(1).max(64), certificateId: z.string().regex(/^[0-9a-f]{0,128}$/).optional() }),
  }),
]);

export const UnitInput = z.object({
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(200),
  level: LevelSchema,
  kind: z.string().trim().max(50).nullable().default(null),
  parentId: id.nullable(),
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
});
