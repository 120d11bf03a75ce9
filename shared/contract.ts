// The one API of Số hóa Desk: every shell (Electron IPC, browser host, CLI) calls the
// same core through these methods, and every payload is parsed with these schemas first.
import { z } from 'zod';
import { EVENTS, METHODS, type EventName, type MethodName } from './channels';
import { lookupContract } from './lookup-contract';
import { maintenanceContract } from './maintenance-contract';
import { safetyContract } from './safety-contract';
import { syncContract } from './sync-contract';
import { RegisterFilters, workContract, WorklistEntry } from './work-contract';
import { httpUrl, id, isoDate, LevelSchema, page, password, RoleSchema, username } from './schemas/primitives';
import { AuditRow, DocumentDetail, DocumentStatus, DocumentSummary, HotFolder, ImportSource, JobState, RegisterProposal, RowError, ScannerDevice, ScannerOptions, SessionUser, Unit, UnitImportReport, UserRow } from './schemas/records';
import { CoverageReport, ImportReport, KeySource, RegisterEntry, REGISTER_FIELD_LIST, TokenModule, TrendPoint, UnitInput, VerifyReport } from './schemas/coverage-signing';

export * from './schemas/primitives';
export * from './schemas/records';
export * from './schemas/coverage-signing';

/** Request and response schema for each method. */
export const contract = {
  'app.info': {
    req: z.object({}),
    res: z.object({ version: z.string(), firstRun: z.boolean(), shell: z.enum(['electron', 'web', 'cli', 'hub']), hubName: z.string().optional() }),
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
    /** totalCapped: more than `total` match (counting stops at 10,000) */
    res: z.object({ total: z.number().int(), totalCapped: z.boolean().default(false), items: z.array(DocumentSummary) }),
  },
  'documents.get': { req: z.object({ id }), res: DocumentDetail },
  'documents.link': {
    // registerId: the entry meant, where several units hold the code (codes are per unit)
    req: z.object({ id, dossierCode: z.string().trim().min(1).max(100).nullable(), registerId: id.optional(), digitized: z.boolean() }),
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
    req: z.object({ query: z.string().max(100).default(''), unitId: id.optional(), ...RegisterFilters, ...page }),
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
      /** with longTerm, a document timestamp after the DSS (B-LTA) */
      archiveTimestamp: z.boolean().default(false),
    }),
    res: z.object({ jobId: id }),
  },
  'signing.verify': { req: z.object({ documentId: id }), res: VerifyReport },
  'signing.config': { req: z.object({}), res: z.object({ tsaUrl: z.string().nullable(), allowHosts: z.array(z.string()) }) },
  // allowHosts: hosts ("name" or "name:port") the app may fetch CRL/OCSP/certificates from although they are internal addresses
  'signing.setConfig': { req: z.object({ tsaUrl: httpUrl.nullable(), allowHosts: z.array(z.string().max(300)).max(200).optional() }), res: z.null() },
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
  'documents.proposals': { req: z.object({ id, fields: z.record(z.string(), z.string().nullable()).optional() }), res: z.object({ items: z.array(RegisterProposal) }) },
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
      items: z.array(
        AuditRow.extend({
          userId: id.nullable(),
          objectLabel: z.string().nullable(),
          /** true when the label is what the object was called at the action; false when only today's name was found (rows older than that record) */
          labelAtTheTime: z.boolean(),
        }),
      ),
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
      items: z.array(WorklistEntry),
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
  // archived signed copies kept provable (B-LTA): validation data and a new document timestamp, when the last one's TSA certificate expires within marginDays
  /** a job; without documentIds, every signed copy of the caller's units */
  'signing.extend': {
    req: z.object({ documentIds: z.array(id).min(1).max(100_000).optional(), marginDays: z.number().int().min(0).max(3650).optional() }),
    res: z.object({ jobId: id }),
  },
  'trust.builtins': { req: z.object({}), res: z.array(z.object({ file: z.string(), subject: z.string(), fingerprint: z.string(), validTo: z.string(), root: z.boolean(), enabled: z.boolean() })) },
  'trust.setBuiltIn': { req: z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/), enabled: z.boolean() }), res: z.null() },
  ...maintenanceContract,
  ...safetyContract,
  ...syncContract,
  ...lookupContract,
  ...workContract,
} satisfies Record<MethodName, { req: z.ZodType; res: z.ZodType }>;

export type Contract = typeof contract;
export type Req<M extends MethodName> = z.input<Contract[M]['req']>;
export type ParsedReq<M extends MethodName> = z.output<Contract[M]['req']>;
export type Res<M extends MethodName> = z.output<Contract[M]['res']>;

export const eventSchemas = {
  'job.updated': JobState,
  'coverage.changed': z.object({ units: z.array(id), desk: z.string() }),
} satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;

// Both lists must name exactly the keys above; a mismatch fails at import time and in tests.
for (const m of METHODS) if (!(m in contract)) throw new Error(`contract lacks ${m}`);
for (const e of EVENTS) if (!(e in eventSchemas)) throw new Error(`event schema lacks ${e}`);
