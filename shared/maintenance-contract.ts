// The contract's methods for keeping the archive safe: the audit chain's status, backups and
// the sanity check (admin only). Spread into `contract` in contract.ts.
import { z } from 'zod';

const id = z.number().int().positive();
const params = z.record(z.string(), z.union([z.string(), z.number()]));

export const AuditChainStatus = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  head: z.string().nullable(),
  firstBroken: z.object({ id, at: z.string(), action: z.string(), reason: z.enum(['hash', 'link', 'unchained', 'unkeyed', 'nokey', 'checkpoint', 'truncated']) }).nullable(),
});
export type AuditChainStatus = z.infer<typeof AuditChainStatus>;

const Counts = z.object({
  documents: z.number().int(),
  pages: z.number().int(),
  signatures: z.number().int(),
  register: z.number().int(),
  units: z.number().int(),
  users: z.number().int(),
  targets: z.number().int(),
  blobs: z.number().int(),
  auditRows: z.number().int(),
});

export const BackupReport = z.object({
  dir: z.string(),
  complete: z.boolean(),
  files: z.number().int(),
  bytes: z.number().int(),
  copied: z.number().int(),
  skipped: z.number().int(),
  counts: Counts.nullable(),
  schemaVersion: z.number().int(),
  app: z.string(),
  createdAt: z.string(),
  /** the archive key that signed the manifest (absent in reports from before backups were signed) */
  keyFingerprint: z.string().optional(),
});
export type BackupReport = z.infer<typeof BackupReport>;

export const SanityIssue = z.object({
  check: z.enum(['integrity', 'foreignKeys', 'files', 'search', 'signatures', 'audit']),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  params,
  message: z.string(),
  repaired: z.boolean(),
});
export type SanityIssue = z.infer<typeof SanityIssue>;

export const SanityReport = z.object({
  ok: z.boolean(),
  complete: z.boolean(),
  repair: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string(),
  counts: z.object({ files: z.number().int(), blobs: z.number().int(), documents: z.number().int(), signatures: z.number().int(), auditRows: z.number().int() }),
  audit: AuditChainStatus,
  issues: z.array(SanityIssue),
  repaired: z.object({ searchRows: z.number().int(), quarantined: z.array(z.string()) }),
});
export type SanityReport = z.infer<typeof SanityReport>;

/** A run that failed before it had a report (a refused folder, a damaged file) stores only its error. */
const Failed = z.object({ error: z.object({ code: z.string(), message: z.string(), params: params.optional() }) });
const stored = <T extends z.ZodType>(report: T) =>
  z.object({ id, jobId: id.nullable(), createdAt: z.string(), username: z.string().nullable(), ok: z.boolean(), report: z.union([report, Failed]) }).nullable();

export const maintenanceContract = {
  'audit.verify': { req: z.object({}), res: AuditChainStatus },
  // the passphrase seals the archive's keys in the backup; the core holds it in memory for the job only (never stored, never logged)
  'maintenance.backup': { req: z.object({ dir: z.string().trim().min(1).max(1000), passphrase: z.string().max(1000).default('') }), res: z.object({ jobId: id }) },
  'maintenance.check': { req: z.object({ repair: z.boolean().default(false) }), res: z.object({ jobId: id }) },
  'maintenance.reports': { req: z.object({}), res: z.object({ backup: stored(BackupReport), check: stored(SanityReport) }) },
};
