// The contract's methods for a way back: the documents' trash, undo of the last page
// operation, restore of a backup in the app and the daily backup. Spread into `contract`.
import { z } from 'zod';
import { BackupReport } from './maintenance-contract';

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(1000);
const params = z.record(z.string(), z.union([z.string(), z.number()]));

export const TrashItem = z.object({
  id,
  title: z.string(),
  sourceName: z.string(),
  pageCount: z.number().int(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  deletedAt: z.string(),
  deletedBy: z.string().nullable(),
  expiresAt: z.string(),
});
export type TrashItem = z.infer<typeof TrashItem>;

export const PageOpKind = z.enum(['merge', 'split', 'delete', 'reorder', 'rotate']);
export const UndoOffer = z.object({ id, op: PageOpKind, at: z.string(), documentIds: z.array(id) }).nullable();

export const Schedule = z.object({ dir: z.string().trim().min(1).max(1000), keep: z.number().int().min(1).max(365) });
export const BackupStatus = z.object({
  schedule: Schedule.nullable(),
  lastOkAt: z.string().nullable(),
  lastOkDir: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), params: params.optional() }).nullable(),
  ageHours: z.number().nullable(),
  warn: z.enum(['none', 'old', 'failed']).nullable(),
  needsPassphrase: z.boolean(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const RestoreReport = z.object({
  dataDir: z.string(),
  files: z.number().int(),
  bytes: z.number().int(),
  counts: BackupReport.shape.counts.unwrap(),
  schemaVersion: z.number().int(),
  app: z.string(),
  createdAt: z.string(),
  keyFingerprint: z.string(),
});
export type RestoreReport = z.infer<typeof RestoreReport>;

export const safetyContract = {
  'documents.trash': { req: z.object({ ids }), res: z.null() },
  'trash.list': { req: z.object({}), res: z.array(TrashItem) },
  'trash.restore': { req: z.object({ ids }), res: z.null() },
  'trash.empty': { req: z.object({ ids: ids.optional() }), res: z.object({ removed: z.number().int() }) },
  'pages.undoOffer': { req: z.object({ documentId: id }), res: UndoOffer },
  'pages.undo': { req: z.object({ documentId: id }), res: z.object({ documentIds: z.array(id), op: PageOpKind }) },
  'maintenance.restore': {
    req: z.object({
      dir: z.string().trim().min(1).max(1000),
      target: z.string().trim().min(1).max(1000),
      fingerprint: z.string().trim().max(200).optional(),
      passphrase: z.string().max(1000).optional(),
    }),
    res: RestoreReport,
  },
  // the passphrase is held in the core's memory for the schedule, never stored
  'maintenance.schedule': { req: z.object({ schedule: Schedule.nullable(), passphrase: z.string().max(1000).optional() }), res: BackupStatus },
  'maintenance.status': { req: z.object({}), res: BackupStatus },
};
