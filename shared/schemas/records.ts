// The contract's records of accounts, units, documents, pages, jobs and the audit log.
import { z } from 'zod';
import { id, isoDate, LevelSchema, RoleSchema } from './primitives';

export const SessionUser = z.object({
  id,
  username: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  unitId: id,
  unitName: z.string(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const Unit = z.object({
  id,
  code: z.string(),
  name: z.string(),
  level: LevelSchema,
  kind: z.string().nullable(),
  parentId: id.nullable(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  successorIds: z.array(id),
});
export type Unit = z.infer<typeof Unit>;

export const RowError = z.object({ row: z.number().int(), message: z.string() });
export const UnitImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(RowError),
});
export type UnitImportReport = z.infer<typeof UnitImportReport>;

/** A file to import: a path on this machine (Electron, CLI) or an upload staged by the browser host. */
export const ImportSource = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ stagedId: z.string().regex(/^[a-f0-9]{32}$/), name: z.string().min(1).max(255) }),
]);
export type ImportSource = z.infer<typeof ImportSource>;

export const OcrState = z.enum(['none', 'done', 'failed']);
export const PageInfo = z.object({
  id,
  index: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  dpi: z.number().nullable(),
  /** set when the file's stated resolution gave no real paper and `dpi` is the standard paper's */
  paper: z.object({ paper: z.string(), statedDpi: z.number() }).nullable().optional(),
  colour: z.boolean(),
  hasPreview: z.boolean(),
  ocrState: OcrState,
  ocrError: z.string().nullable(),
  /** 0..100 */
  confidence: z.number().nullable(),
  blank: z.boolean(),
  /** quarter-turn applied, and whether the user chose it */
  rotation: z.number().int(),
  rotationByUser: z.boolean(),
  skew: z.number().nullable(),
  /** a cleaned (upright, deskewed, cropped) preview exists; field boxes refer to it */
  hasClean: z.boolean(),
  /** the cleaned preview's version for its archive URL (it changes when the page is turned) */
  cleanV: z.string().nullable(),
});
export type PageInfo = z.infer<typeof PageInfo>;

/** A tagged field with where it came from; bbox is a fraction (0..1) of the cleaned page. */
export const FieldRow = z.object({
  name: z.string(),
  value: z.string().nullable(),
  confidence: z.number().nullable(),
  page: z.number().int().nullable(),
  bbox: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }).nullable(),
  source: z.enum(['ocr', 'qr', 'user', 'accepted', 'text', 'digits', 'signature']),
});
export type FieldRow = z.infer<typeof FieldRow>;

export const RegisterProposal = z.object({
  registerId: id,
  dossierCode: z.string(),
  holderName: z.string().nullable(),
  holderId: z.string().nullable(),
  resultName: z.string().nullable(),
  resultNumber: z.string().nullable(),
  issuedOn: z.string(),
  /** 0..1 */
  score: z.number(),
  /** what matched: dossierCode, resultNumber, holderId, holderName, issuedOn */
  reasons: z.array(z.string()),
});
export type RegisterProposal = z.infer<typeof RegisterProposal>;

export const ScannerDevice = z.object({ name: z.string(), vendor: z.string(), model: z.string(), type: z.string() });
export type ScannerDevice = z.infer<typeof ScannerDevice>;
export const ScannerOptions = z.object({
  resolutions: z.array(z.number().int()),
  modes: z.array(z.string()),
  sources: z.array(z.string()),
});
export type ScannerOptions = z.infer<typeof ScannerOptions>;

export const HotFolder = z.object({
  dir: z.string().nullable(),
  enabled: z.boolean(),
  unitId: id.nullable(),
  ocr: z.boolean(),
  /** set when the folder cannot be watched */
  error: z.string().nullable(),
});
export type HotFolder = z.infer<typeof HotFolder>;
export const DocumentStatus = z.enum(['imported', 'digitized', 'signed']);
export const DocumentSummary = z.object({
  id,
  title: z.string(),
  sourceName: z.string(),
  kind: z.enum(['image', 'pdf']),
  pageCount: z.number().int(),
  size: z.number().int(),
  status: DocumentStatus,
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  firstPageId: id.nullable(),
  /** tagged by OCR or the reviewer */
  docType: z.string().nullable(),
  docNumber: z.string().nullable(),
  docDate: z.string().nullable(),
  /** none: not read; partial: some pages read; done: every page read; failed: a page could not be read */
  ocrState: z.enum(['none', 'partial', 'done', 'failed']),
  /** with a search: the words around the first hit, hits between « and » */
  snippet: z.string().nullable().optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;
export const DocumentDetail = DocumentSummary.extend({
  registerId: id.nullable(),
  dossierCode: z.string().nullable(),
  sha256: z.string(),
  mime: z.string(),
  pages: z.array(PageInfo),
  fields: z.array(FieldRow),
  hasSearchable: z.boolean(),
  reviewedAt: z.string().nullable(),
  /** versions for the archive URLs of the searchable PDF and the newest signed copy */
  searchableV: z.string().nullable(),
  signedV: z.string().nullable(),
  /** other documents of the unit with the same number, date and issuing body: likely copies */
  duplicates: z.array(z.object({ id, title: z.string() })),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const FileOutcome = z.object({
  file: z.string(),
  status: z.enum(['imported', 'duplicate', 'signed', 'error', 'cancelled']),
  documentId: id.nullable(),
  /** the page an OCR outcome is about */
  pageId: id.optional(),
  pages: z.number().int(),
  code: z.string().nullable(),
  message: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** in Vietnamese; `notices` carry the same as codes for other languages */
  warnings: z.array(z.string()),
  notices: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })).optional(),
});
export type FileOutcome = z.infer<typeof FileOutcome>;

export const JobState = z.object({
  id,
  kind: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  total: z.number().int(),
  done: z.number().int(),
  current: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Seconds left at the current pace; null until one item has finished. */
  etaSeconds: z.number().nullable(),
  outcomes: z.array(FileOutcome),
});
export type JobState = z.infer<typeof JobState>;

export const UserRow = SessionUser.extend({
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type UserRow = z.infer<typeof UserRow>;

export const AuditRow = z.object({
  id,
  at: z.string(),
  username: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  details: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;
