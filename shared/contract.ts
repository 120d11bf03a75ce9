// The one API of Số hóa Desk: every shell (Electron IPC, browser host, CLI) calls the
// same core through these methods, and every payload is parsed with these schemas first.
import { isRealIsoDate } from './iso-date';
import { z } from 'zod';
import { EVENTS, METHODS, type EventName, type MethodName } from './channels';
import { LEVELS, ROLES } from './roles';
import { maintenanceContract } from './maintenance-contract';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine(isRealIsoDate, 'ngày không có thật');
const id = z.number().int().positive();
/** a server the app will contact: http or https only (never javascript:, file: or data:) */
const httpUrl = z.string().url().max(500).refine((u) => /^https?:\/\//i.test(u), 'chỉ nhận địa chỉ http:// hoặc https://');

export const RoleSchema = z.enum(ROLES);
export const LevelSchema = z.enum(LEVELS);

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
const ImportReport = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), errors: z.array(RowError) });

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
  // revision analysis and the rest of the report (electron/signing/verify.ts)
  kind: z.enum(['signature', 'doc_timestamp']).optional(),
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

const password = z.string().min(8, 'min 8').max(200);
const username = z.string().regex(/^[a-z0-9._-]{3,32}$/, 'a-z 0-9 . _ -, 3–32');
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };

export const UnitInput = z.object({
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(200),
  level: LevelSchema,
  kind: z.string().trim().max(50).nullable().default(null),
  parentId: id.nullable(),
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
});

/** Request and response schema for each method. */
export const contract = {
  'app.info': {
    req: z.object({}),
    res: z.object({ version: z.string(), firstRun: z.boolean(), shell: z.enum(['electron', 'web', 'cli']) }),
  },
  'setup.demoUnits': { req: z.object({}), res: z.array(Unit) },
  'setup.init': {
    req: z.object({
      unit: z.union([z.object({ unitId: id }), UnitInput.omit({ parentId: true }).extend({ parentId: z.null().default(null) })]),
      admin: z.object({ username, fullName: z.string().trim().min(1).max(100), password }),
    }),
    res: SessionUser,
  },
  'auth.signIn': { req: z.object({ username: z.string().max(64), password: z.string().max(200) }), res: SessionUser },
  'auth.signOut': { req: z.object({}), res: z.null() },
  'auth.me': { req: z.object({}), res: SessionUser.nullable() },
  'auth.changePassword': { req: z.object({ current: z.string().max(200), next: password }), res: z.null() },
  'units.list': { req: z.object({ at: isoDate.optional() }), res: z.array(Unit) },
  'units.save': { req: UnitInput.extend({ id: id.optional() }), res: Unit },
  'units.import': {
    req: z.object({ source: ImportSource, validFrom: isoDate.nullable().default(null) }),
    res: UnitImportReport,
  },
  'units.loadDemo': { req: z.object({}), res: UnitImportReport },
  'users.list': { req: z.object({}), res: z.array(UserRow) },
  'users.save': {
    req: z.object({
      id: id.optional(),
      username: username.optional(),
      fullName: z.string().trim().min(1).max(100),
      role: RoleSchema,
      unitId: id,
      active: z.boolean().default(true),
      password: password.optional(),
      unlock: z.boolean().default(false),
    }),
    res: UserRow,
  },
  'documents.import': {
    req: z.object({ sources: z.array(ImportSource).min(1).max(10000), unitId: id.optional(), ocr: z.boolean().default(false) }),
    res: z.object({ jobId: id }),
  },
  'documents.list': {
    req: z.object({
      query: z.string().max(200).default(''),
      unitId: id.optional(),
      status: DocumentStatus.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      /** document type as tagged (Công văn, Quyết định…) */
      type: z.string().max(60).optional(),
      /** issue date (the tagged date) range */
      issuedFrom: isoDate.optional(),
      issuedTo: isoDate.optional(),
      sort: z.enum(['relevance', 'createdAt', 'title', 'pageCount', 'unitName']).default('createdAt'),
      order: z.enum(['asc', 'desc']).default('desc'),
      ...page,
    }),
    res: z.object({ total: z.number().int(), items: z.array(DocumentSummary) }),
  },
  'documents.get': { req: z.object({ id }), res: DocumentDetail },
  'documents.link': {
    req: z.object({ id, dossierCode: z.string().trim().min(1).max(100).nullable(), digitized: z.boolean() }),
    res: DocumentDetail,
  },
  'register.preview': {
    req: z.object({ source: ImportSource }),
    res: z.object({
      headers: z.array(z.string()),
      sample: z.array(z.array(z.string())),
      rows: z.number().int(),
      mapping: z.record(z.string(), z.string().nullable()),
      remembered: z.boolean(),
    }),
  },
  'register.import': {
    req: z.object({ source: ImportSource, mapping: z.record(z.enum(REGISTER_FIELD_LIST), z.string().nullable()), unitId: id.optional() }),
    res: ImportReport,
  },
  'register.list': {
    req: z.object({ query: z.string().max(100).default(''), unitId: id.optional(), ...page }),
    res: z.object({ total: z.number().int(), items: z.array(RegisterEntry) }),
  },
  'register.save': {
    req: z.object({
      dossierCode: z.string().trim().min(1).max(100),
      procedureCode: z.string().trim().max(50).nullable().default(null),
      procedureName: z.string().trim().max(500).nullable().default(null),
      unitId: id,
      holderName: z.string().trim().max(200).nullable().default(null),
      holderId: z.string().trim().regex(/^\d{12}$/, '12 chữ số').nullable().default(null),
      resultName: z.string().trim().max(500).nullable().default(null),
      resultNumber: z.string().trim().max(100).nullable().default(null),
      issuedOn: isoDate,
      validUntil: isoDate.nullable().default(null),
      revokedOn: isoDate.nullable().default(null),
    }),
    res: RegisterEntry,
  },
  'register.assign': { req: z.object({ unitId: id, successorId: id }), res: z.object({ assigned: z.number().int() }) },
  'units.merges': {
    req: z.object({ source: ImportSource, effective: isoDate.default('2025-07-01') }),
    res: z.object({ links: z.number().int(), ended: z.number().int(), errors: z.array(RowError) }),
  },
  'targets.list': { req: z.object({}), res: z.array(z.object({ year: z.number().int(), level: LevelSchema, rate: z.number() })) },
  'targets.set': {
    req: z.object({ year: z.number().int().min(2000).max(2100), level: LevelSchema, rate: z.number().min(0).max(1) }),
    res: z.null(),
  },
  'coverage.report': { req: z.object({ at: isoDate.optional(), unitId: id.optional() }), res: CoverageReport },
  'coverage.trend': { req: z.object({ at: isoDate.optional(), unitId: id.optional() }), res: z.array(TrendPoint) },
  'signing.modules': { req: z.object({}), res: z.array(TokenModule) },
  'signing.tokens': {
    req: z.object({ module: z.string().min(1).max(500) }),
    res: z.array(z.object({ label: z.string(), serial: z.string(), certificates: z.array(z.object({ id: z.string(), subject: z.string(), validTo: z.string() })) })),
  },
  'signing.sign': {
    req: z.object({
      documentIds: z.array(id).min(1).max(2000),
      key: KeySource,
      appearance: z.enum(['copy', 'personal', 'none']),
      copyForm: z.enum(['SAO Y', 'SAO LỤC', 'TRÍCH SAO']).default('SAO Y'),
      agency: z.string().trim().max(200).optional(),
      reason: z.string().trim().max(200).optional(),
      timestamp: z.boolean().default(false),
      /** with the timestamp, a DSS with the chain and revocation lists (B-LT) */
      longTerm: z.boolean().default(false),
    }),
    res: z.object({ jobId: id }),
  },
  'signing.verify': { req: z.object({ documentId: id }), res: VerifyReport },
  'signing.config': { req: z.object({}), res: z.object({ tsaUrl: z.string().nullable() }) },
  'signing.setConfig': { req: z.object({ tsaUrl: httpUrl.nullable() }), res: z.null() },
  'trust.list': { req: z.object({}), res: z.array(z.object({ id, subject: z.string(), fingerprint: z.string(), validTo: z.string(), addedAt: z.string() })) },
  'trust.add': { req: z.object({ source: ImportSource }), res: z.object({ added: z.number().int() }) },
  'trust.remove': { req: z.object({ id }), res: z.null() },
  'coverage.importPackage': {
    // unitId: the receiving unit, when not the caller's own (an administrator's, or the CLI's --unit)
    req: z.object({ source: ImportSource, unitId: id.optional() }),
    res: z.object({ unitCode: z.string(), unitName: z.string(), at: z.string(), createdAt: z.string(), units: z.number().int() }),
  },
  'jobs.get': { req: z.object({ id }), res: JobState },
  'jobs.list': { req: z.object({ active: z.boolean().default(false) }), res: z.array(JobState) },
  'jobs.cancel': { req: z.object({ id }), res: JobState },
  'ocr.start': { req: z.object({ documentIds: z.array(id).min(1).max(5000), again: z.boolean().default(false) }), res: z.object({ jobId: id }) },
  'ocr.retry': { req: z.object({ jobId: id }), res: z.object({ jobId: id }) },
  'documents.review': {
    req: z.object({
      id,
      fields: z.record(z.string().max(40), z.string().max(2000).nullable()),
      dossierCode: z.string().trim().min(1).max(100).nullable(),
      accept: z.boolean(),
    }),
    res: DocumentDetail,
  },
  'documents.proposals': { req: z.object({ id }), res: z.object({ items: z.array(RegisterProposal) }) },
  'documents.toReview': { req: z.object({}), res: z.object({ ids: z.array(id) }) },
  'pages.rotate': { req: z.object({ pageId: id, rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]) }), res: z.object({ jobId: id }) },
  'pages.delete': { req: z.object({ documentId: id, pageIds: z.array(id).min(1) }), res: DocumentDetail },
  'pages.reorder': { req: z.object({ documentId: id, pageIds: z.array(id).min(1) }), res: DocumentDetail },
  'documents.split': { req: z.object({ documentId: id, startPageIds: z.array(id).min(1) }), res: z.object({ documentIds: z.array(id) }) },
  'documents.merge': { req: z.object({ documentIds: z.array(id).min(2).max(100) }), res: DocumentDetail },
  'scanner.devices': { req: z.object({}), res: z.object({ available: z.boolean(), devices: z.array(ScannerDevice) }) },
  'scanner.options': { req: z.object({ device: z.string().min(1).max(200) }), res: ScannerOptions },
  'scanner.scan': {
    req: z.object({
      device: z.string().min(1).max(200),
      resolution: z.number().int().min(75).max(1200),
      mode: z.string().max(40),
      source: z.string().max(80).nullable(),
      duplex: z.boolean().default(false),
      unitId: id.optional(),
      ocr: z.boolean().default(true),
    }),
    res: z.object({ jobId: id }),
  },
  'hotfolder.get': { req: z.object({ unitId: id.optional() }), res: HotFolder },
  'hotfolder.set': { req: z.object({ dir: z.string().max(1000).nullable(), enabled: z.boolean(), unitId: id.nullable(), ocr: z.boolean() }), res: HotFolder },
  'audit.list': {
    req: z.object({
      ...page,
      userId: id.optional(),
      action: z.string().max(60).optional(),
      objectType: z.string().max(40).optional(),
      objectId: z.string().max(60).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    }),
    res: z.object({
      total: z.number().int(),
      items: z.array(AuditRow.extend({ userId: id.nullable(), objectLabel: z.string().nullable() })),
      /** every action the log holds, for the filter */
      actions: z.array(z.string()),
    }),
  },
  // a lagging unit's valid results not yet digitized: what to scan next
  'coverage.worklist': {
    req: z.object({ unitId: id, at: isoDate.optional() }),
    res: z.object({
      at: z.string(),
      truncated: z.boolean(),
      items: z.array(
        z.object({
          dossierCode: z.string(),
          procedureName: z.string().nullable(),
          holderName: z.string().nullable(),
          resultName: z.string().nullable(),
          resultNumber: z.string().nullable(),
          issuedOn: z.string(),
          validUntil: z.string().nullable(),
          unitName: z.string(),
        }),
      ),
    }),
  },
  // page 1 with the copy signature where it will go (free white space, never over ink), as a PNG data URL
  'signing.preview': {
    req: z.object({ documentId: id, copyForm: z.enum(['SAO Y', 'SAO LỤC', 'TRÍCH SAO']).default('SAO Y'), agency: z.string().trim().max(200).optional() }),
    res: z.object({ image: z.string(), clear: z.boolean() }),
  },
  // PKCS#11 drivers an administrator allows, by absolute path of an installed library
  'signing.addModule': { req: z.object({ label: z.string().max(120).default(''), path: z.string().min(1).max(1000) }), res: z.array(TokenModule) },
  'signing.removeModule': { req: z.object({ path: z.string().min(1).max(1000) }), res: z.array(TokenModule) },
  'signing.verifyReportPdf': { req: z.object({ documentId: id }), res: z.object({ name: z.string(), base64: z.string() }) },
  'trust.builtins': { req: z.object({}), res: z.array(z.object({ file: z.string(), subject: z.string(), fingerprint: z.string(), validTo: z.string(), root: z.boolean(), enabled: z.boolean() })) },
  'trust.setBuiltIn': { req: z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/), enabled: z.boolean() }), res: z.null() },
  ...maintenanceContract,
} satisfies Record<MethodName, { req: z.ZodType; res: z.ZodType }>;

export type Contract = typeof contract;
export type Req<M extends MethodName> = z.input<Contract[M]['req']>;
export type ParsedReq<M extends MethodName> = z.output<Contract[M]['req']>;
export type Res<M extends MethodName> = z.output<Contract[M]['res']>;

export const eventSchemas = { 'job.updated': JobState } satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;

// Both lists must name exactly the keys above; a mismatch fails at import time and in tests.
for (const m of METHODS) if (!(m in contract)) throw new Error(`contract lacks ${m}`);
for (const e of EVENTS) if (!(e in eventSchemas)) throw new Error(`event schema lacks ${e}`);
