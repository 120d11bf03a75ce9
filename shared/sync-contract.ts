// The contract's methods for sending a desk's changes up to its province hub (electron/sync/):
// enrolment (admin), the sync status (admins and unit heads) and "push now" (admin).
// Spread into `contract` in contract.ts.
import { z } from 'zod';

/** The hub's certificate fingerprint as people copy it (with colons, spaces, upper case), kept as 64 lowercase hex digits. */
export const CertFingerprint = z
  .string()
  .max(200)
  .transform((s) => s.replace(/[\s:]/g, '').toLowerCase())
  .refine((s) => /^[0-9a-f]{64}$/.test(s), 'dấu vân tay SHA-256 gồm 64 chữ số hệ 16');

/** The hub's address: https only (the desk talks to nothing else, and never in clear). */
export const HubUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => URL.canParse(u) && new URL(u).protocol === 'https:', 'địa chỉ máy chủ tỉnh phải có dạng https://…');

export const SyncError = z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), at: z.string() });
export type SyncError = z.infer<typeof SyncError>;

export const HubStatus = z.object({
  enrolled: z.boolean(),
  url: z.string().nullable(),
  fingerprint: z.string().nullable(),
  deskId: z.string().nullable(),
  hubName: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** the last sequence the hub acknowledged */
  acked: z.number().int(),
  /** changes queued after that */
  waiting: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: SyncError.nullable(),
  /** what a push under way has done (changes sent, then signed copies uploaded) */
  pushing: z.object({ phase: z.enum(['items', 'blobs']), done: z.number().int(), total: z.number().int() }).nullable(),
});
export type HubStatus = z.infer<typeof HubStatus>;

export const PushOutcome = z.object({ sent: z.number().int(), acked: z.number().int(), blobs: z.number().int(), waiting: z.number().int() });
export type PushOutcome = z.infer<typeof PushOutcome>;

export const syncContract = {
  'hub.status': { req: z.object({}), res: HubStatus },
  'hub.enrol': {
    req: z.object({ url: HubUrl, code: z.string().trim().min(8).max(64), fingerprint: CertFingerprint.optional() }),
    res: HubStatus,
  },
  'hub.push': { req: z.object({}), res: PushOutcome },
};
