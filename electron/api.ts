// The contract's methods, implemented by calling the domain modules. Each entry says who
// may call it; the core has already parsed the request with the contract's schema.
import type { MethodName } from '../shared/channels';
import { queryAudit } from './accounts/audit-query';
import { worklist } from './coverage/worklist';
import type { ParsedReq, Res } from '../shared/contract';
import type { Role } from '../shared/roles';
import { audit } from './accounts/audit';
import { hashPassword } from './accounts/passwords';
import { canSeeUnit, visibleUnits, writableUnits } from './accounts/scope';
import { authenticate, changePassword, countUsers, getUser, insertUser, listUsers, updateUser, type UserRecord } from './accounts/users';
import { listDocuments, getDocument } from './archive/documents';
import type { Client, Core } from './core';
import type { Db } from './archive/db';
import { foldVietnamese } from './archive/text';
import { today } from './coverage/dates';
import { linkDocument } from './coverage/digitized';
import { importMerges } from './coverage/merges';
import { importPackage } from './coverage/packages';
import { assignSuccessor, findByDossier, listRegister, saveRegisterEntry } from './coverage/register';
import { findHeaderRow, guessMapping, importRegister, REGISTER_FIELD_NAMES, type ColumnMap } from './coverage/register-import';
import { coverageReport, coverageTrend } from './coverage/report';
import { listTargets, setTarget } from './coverage/targets';
import { readTable } from './tables/read-table';
import { listTokens } from './signing/pkcs11';
import { documentPdf, latestSignedCopy } from './signing/document-pdf';
import { copyLines, copyPreview } from './signing/copy-placement';
import { openP12, openToken, tsaUrl } from './signing/service';
import { addTokenModule, allowedModule, removeTokenModule, tokenModules } from './signing/token-modules';
import { addTrustAnchors, listTrustAnchors } from './signing/trust-store';
import { verifyWithArchive } from './signing/verify-service';
import { signingHandlers } from './signing/handlers';
import { CoreError } from './errors';
import { parseJsonFile } from './files';
import { deletePages, mergeDocuments, reorderPages, rotatePage, splitDocument } from './archive/page-ops';
import { listScanners, scannerOptions } from './capture/scanner';
import { proposeRegisterEntries } from './coverage/proposals';
import { rebuildSearchable } from './ocr/document-ocr';
import { reviewDocument } from './ocr/review';
import { importCatalogue, loadDemoCatalogue } from './units/catalogue-import';
import { getUnit, listUnits, saveUnit } from './units/units';
import { maintenanceHandlers } from './archive/maintenance-handlers';

export interface CallContext {
  core: Core;
  /** The signed-in user, or null for public methods. */
  user: UserRecord | null;
  /** The calling window, tab or CLI run: what its shell lets it name (local files or uploads only). */
  client: Client;
  signIn(userId: number): void;
  signOut(): void;
}

type Access = 'public' | 'user' | readonly Role[];
type Handler<M extends MethodName> = (req: ParsedReq<M>, ctx: CallContext) => Promise<Res<M>> | Res<M>;
type Handlers = { [M in MethodName]: { access: Access; run: Handler<M> } };

const ADMIN = ['admin'] as const;
const IMPORTERS = ['admin', 'records_staff'] as const;
const HEADS = ['admin', 'unit_head'] as const;
const SIGNERS = ['admin', 'signing_officer', 'records_staff'] as const;

const me = (ctx: CallContext) => ctx.user!;

export const handlers: Handlers = {
  'app.info': {
    access: 'public',
    run: (_req, { core }) => ({ version: core.version, firstRun: countUsers(core.db) === 0, shell: core.shell }),
  },

  // First run only: loads the built-in Thanh Hóa catalogue (idempotent) so a unit can be picked.
  'setup.demoUnits': {
    access: 'public',
    run: async (_req, { core }) => {
      if (countUsers(core.db) > 0) throw new CoreError('ALREADY_SET_UP');
      await loadDemoCatalogue(core.db, null);
      return listUnits(core.db);
    },
  },
  'setup.init': {
    access: 'public',
    run: async (req, ctx) => {
      const { db } = ctx.core;
      if (countUsers(db) > 0) throw new CoreError('ALREADY_SET_UP');
      const passwordHash = await hashPassword(req.admin.password);
      const userId = db.transaction(() => {
        if (countUsers(db) > 0) throw new CoreError('ALREADY_SET_UP');
        const unitId = 'unitId' in req.unit ? getUnit(db, req.unit.unitId)?.id : saveUnit(db, { ...req.unit, parentId: null });
        if (!unitId) throw new CoreError('NOT_FOUND', { what: 'đơn vị đã chọn' });
        const id = insertUser(db, { username: req.admin.username, fullName: req.admin.fullName, role: 'admin', unitId, passwordHash });
        // files the CLI archived before there was a unit belong to the home unit
        const adopted = db.prepare('UPDATE documents SET unit_id = ? WHERE unit_id IS NULL').run(unitId).changes;
        audit(db, id, 'setup.init', { type: 'unit', id: unitId }, { adoptedDocuments: adopted });
        return id;
      })();
      ctx.signIn(userId);
      return sessionUser(getUser(db, userId)!);
    },
  },

  'auth.signIn': {
    access: 'public',
    run: async (req, ctx) => {
      const { db } = ctx.core;
      const id = await authenticate(db, req.username, req.password);
      audit(db, id, 'auth.signIn');
      ctx.signIn(id);
      return sessionUser(getUser(db, id)!);
    },
  },
  'auth.signOut': {
    access: 'public',
    run: (_req, ctx) => {
      if (ctx.user) audit(ctx.core.db, ctx.user.id, 'auth.signOut');
      ctx.signOut();
      return null;
    },
  },
  'auth.me': { access: 'public', run: (_req, ctx) => (ctx.user ? sessionUser(ctx.user) : null) },
  'auth.changePassword': {
    access: 'user',
    run: async (req, ctx) => {
      await changePassword(ctx.core.db, me(ctx).id, req.current, req.next);
      audit(ctx.core.db, me(ctx).id, 'auth.changePassword', { type: 'user', id: me(ctx).id });
      return null;
    },
  },

  'units.list': {
    access: 'user',
    run: (req, ctx) => listUnits(ctx.core.db, req.at),
  },
  'units.save': {
    access: ADMIN,
    run: (req, ctx) => {
      const { db } = ctx.core;
      const id = db.transaction(() => {
        const id = saveUnit(db, req);
        audit(db, me(ctx).id, req.id ? 'units.update' : 'units.create', { type: 'unit', id }, { code: req.code, name: req.name });
        return id;
      })();
      return getUnit(db, id)!;
    },
  },
  'units.import': {
    access: ADMIN,
    run: async (req, ctx) => {
      const { name, bytes } = ctx.core.readSource(req.source, ctx.client);
      return importCatalogue(ctx.core.db, name, bytes, { validFrom: req.validFrom, userId: me(ctx).id });
    },
  },
  'units.loadDemo': {
    access: ADMIN,
    run: (_req, ctx) => loadDemoCatalogue(ctx.core.db, me(ctx).id),
  },

  'users.list': { access: ADMIN, run: (_req, ctx) => listUsers(ctx.core.db) },
  'users.save': {
    access: ADMIN,
    run: async (req, ctx) => {
      const { db } = ctx.core;
      if (!getUnit(db, req.unitId)) throw new CoreError('NOT_FOUND', { what: `đơn vị #${req.unitId}` });
      const passwordHash = req.password ? await hashPassword(req.password) : undefined;
      const id = db.transaction(() => {
        if (req.id) {
          updateUser(db, req.id, { fullName: req.fullName, role: req.role, unitId: req.unitId, active: req.active, passwordHash, unlock: req.unlock });
          audit(db, me(ctx).id, 'users.update', { type: 'user', id: req.id }, { role: req.role, unitId: req.unitId, active: req.active, passwordReset: !!passwordHash });
          return req.id;
        }
        if (!req.username) throw new CoreError('BAD_REQUEST', { detail: 'thiếu tên đăng nhập' });
        if (!passwordHash) throw new CoreError('PASSWORD_REQUIRED');
        const id = insertUser(db, { username: req.username, fullName: req.fullName, role: req.role, unitId: req.unitId, passwordHash, active: req.active });
        audit(db, me(ctx).id, 'users.create', { type: 'user', id }, { username: req.username, role: req.role, unitId: req.unitId });
        return id;
      })();
      return getUser(db, id)!;
    },
  },

  'documents.import': {
    access: IMPORTERS,
    run: (req, ctx) => ({ jobId: ctx.core.startImport(req.sources, ctx.client, importUnit(ctx, req.unitId), { ocr: req.ocr }) }),
  },
  'documents.list': {
    access: 'user',
    run: (req, ctx) => listDocuments(ctx.core.db, visibleUnits(ctx.core.db, me(ctx)), req),
  },
  'documents.get': {
    access: 'user',
    run: (req, ctx) => {
      const doc = getDocument(ctx.core.db, req.id);
      // a document of a unit the user may not see is reported as missing, not as forbidden
      if (!doc || !canSeeUnit(ctx.core.db, me(ctx), doc.unitId)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${req.id}` });
      return doc;
    },
  },

  'documents.link': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const { db } = ctx.core;
      myDocument(ctx, req.id);
      const entry = visibleEntry(ctx, req.dossierCode);
      db.transaction(() => {
        linkDocument(db, req.id, entry?.id ?? null, req.digitized);
        audit(db, me(ctx).id, 'documents.link', { type: 'document', id: req.id }, { dossierCode: req.dossierCode, digitized: req.digitized });
      })();
      return getDocument(db, req.id)!;
    },
  },

  'register.preview': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      const { name, bytes } = ctx.core.readSource(req.source, ctx.client, { keep: true });
      const table = await readTable(name, bytes);
      const headerRow = Math.max(0, findHeaderRow(table));
      const headers = table[headerRow] ?? [];
      const remembered = rememberedMapping(ctx.core.db, headers);
      const guessed = guessMapping(headers);
      const mapping = Object.fromEntries(REGISTER_FIELD_NAMES.map((f) => [f, remembered?.[f] ?? (guessed[f] >= 0 ? headers[guessed[f]] : null)]));
      return { headers, sample: table.slice(headerRow + 1, headerRow + 6), rows: Math.max(0, table.length - headerRow - 1), mapping, remembered: !!remembered };
    },
  },
  'register.import': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      const { db } = ctx.core;
      const { name, bytes } = ctx.core.readSource(req.source, ctx.client);
      const table = await readTable(name, bytes);
      const named = Object.values(req.mapping).filter((h): h is string => !!h);
      const headerRow = table.findIndex((r, i) => i < 10 && named.every((h) => r.includes(h)));
      if (headerRow < 0 || !req.mapping.dossierCode || !req.mapping.issuedOn) throw new CoreError('REGISTER_NO_HEADER', { file: name });
      const headers = table[headerRow];
      const map = Object.fromEntries(REGISTER_FIELD_NAMES.map((f) => [f, req.mapping[f] ? headers.indexOf(req.mapping[f]!) : -1])) as ColumnMap;
      const unitId = req.unitId ?? me(ctx).unitId;
      if (!canSeeUnit(db, me(ctx), unitId)) throw new CoreError('FORBIDDEN');
      rememberMapping(db, headers, req.mapping);
      return importRegister(db, table, headerRow, map, {
        defaultUnitId: unitId,
        userId: me(ctx).id,
        fileName: name,
        scope: visibleUnits(db, me(ctx)),
        canWrite: writableUnits(db, me(ctx)),
      });
    },
  },
  'register.list': { access: 'user', run: (req, ctx) => listRegister(ctx.core.db, visibleUnits(ctx.core.db, me(ctx)), req) },
  'register.save': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const { db } = ctx.core;
      if (!canSeeUnit(db, me(ctx), req.unitId)) throw new CoreError('FORBIDDEN');
      return saveRegisterEntry(db, req, me(ctx).id, writableUnits(db, me(ctx)));
    },
  },
  'register.assign': { access: ADMIN, run: (req, ctx) => ({ assigned: assignSuccessor(ctx.core.db, req.unitId, req.successorId, me(ctx).id) }) },
  'units.merges': {
    access: ADMIN,
    run: (req, ctx) => {
      const { name, bytes } = ctx.core.readSource(req.source, ctx.client);
      return importMerges(ctx.core.db, parseJsonFile(bytes, name), { effective: req.effective, userId: me(ctx).id, fileName: name });
    },
  },
  'targets.list': { access: 'user', run: (_req, ctx) => listTargets(ctx.core.db) },
  'targets.set': {
    access: ADMIN,
    run: (req, ctx) => {
      const { db } = ctx.core;
      db.transaction(() => {
        setTarget(db, req.year, req.level, req.rate);
        audit(db, me(ctx).id, 'targets.set', { type: 'target', id: `${req.year}/${req.level}` }, { rate: req.rate });
      })();
      return null;
    },
  },
  'coverage.report': { access: HEADS, run: (req, ctx) => coverageReport(ctx.core.db, req.at ?? today(), coverageScope(ctx.core.db, me(ctx), req.unitId)) },
  'coverage.trend': { access: HEADS, run: (req, ctx) => coverageTrend(ctx.core.db, req.at ?? today(), coverageScope(ctx.core.db, me(ctx), req.unitId)) },
  'coverage.importPackage': {
    access: HEADS,
    run: (req, ctx) => {
      const { name, bytes } = ctx.core.readSource(req.source, ctx.client);
      return importPackage(ctx.core.db, bytes, { fileName: name, ownUnitId: me(ctx).unitId, userId: me(ctx).id });
    },
  },

  'signing.modules': { access: SIGNERS, run: (_req, ctx) => tokenModules(ctx.core.db) },
  'signing.tokens': {
    access: SIGNERS,
    run: (req, ctx) => listTokens(allowedModule(ctx.core.db, req.module)).map(({ label, serial, certificates }) => ({ label, serial, certificates })),
  },
  'signing.sign': {
    access: SIGNERS,
    run: (req, ctx) => {
      const { db } = ctx.core;
      for (const id of req.documentIds) {
        const doc = getDocument(db, id);
        if (!doc || !canSeeUnit(db, me(ctx), doc.unitId)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${id}` });
      }
      // the key is opened here, once: a wrong PIN or password fails the request before any job
      let signer;
      if ('p12' in req.key) {
        const { name, bytes } = ctx.core.readSource(req.key.p12.source, ctx.client);
        signer = openP12(bytes, req.key.p12.password, name);
      } else signer = openToken(allowedModule(db, req.key.pkcs11.module), req.key.pkcs11.token, req.key.pkcs11.pin, req.key.pkcs11.certificateId);
      const tsa = req.timestamp ? tsaUrl(db) : null;
      if (req.timestamp && !tsa) throw new CoreError('BAD_REQUEST', { detail: 'chưa cấu hình máy chủ dấu thời gian' });
      const jobId = ctx.core.startSigning(
        { documentIds: req.documentIds, appearance: req.appearance, copyForm: req.copyForm, agency: req.agency, reason: req.reason, tsaUrl: tsa, longTerm: req.longTerm, userId: me(ctx).id },
        signer,
      );
      return { jobId };
    },
  },
  'signing.verify': {
    access: 'user',
    run: async (req, ctx) => {
      const { db, blobs } = ctx.core;
      const doc = getDocument(db, req.documentId);
      if (!doc || !canSeeUnit(db, me(ctx), doc.unitId)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${req.documentId}` });
      const signed = latestSignedCopy(db, doc.id);
      if (!signed && doc.kind !== 'pdf') return { file: doc.sourceName, valid: false, error: 'hồ sơ chưa được ký số', signatures: [] };
      return verifyWithArchive(db, blobs.read(signed ?? doc.sha256), { file: doc.sourceName });
    },
  },
  'signing.config': { access: 'user', run: (_req, ctx) => ({ tsaUrl: tsaUrl(ctx.core.db) }) },
  'signing.setConfig': {
    access: ADMIN,
    run: (req, ctx) => {
      const { db } = ctx.core;
      db.transaction(() => {
        if (req.tsaUrl) db.prepare("INSERT INTO settings(key, value) VALUES ('signing.tsaUrl', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(req.tsaUrl);
        else db.prepare("DELETE FROM settings WHERE key = 'signing.tsaUrl'").run();
        audit(db, me(ctx).id, 'signing.setConfig', { type: 'setting', id: 'signing.tsaUrl' }, { tsaUrl: req.tsaUrl });
      })();
      return null;
    },
  },
  'trust.list': { access: 'user', run: (_req, ctx) => listTrustAnchors(ctx.core.db) },
  'trust.add': {
    access: ADMIN,
    run: (req, ctx) => {
      const { name, bytes } = ctx.core.readSource(req.source, ctx.client);
      return { added: addTrustAnchors(ctx.core.db, bytes, name, me(ctx).id) };
    },
  },
  'trust.remove': {
    access: ADMIN,
    run: (req, ctx) => {
      const { db } = ctx.core;
      db.transaction(() => {
        db.prepare('DELETE FROM trust_anchors WHERE id = ?').run(req.id);
        audit(db, me(ctx).id, 'trust.remove', { type: 'trust_anchor', id: req.id });
      })();
      return null;
    },
  },

  'jobs.get': { access: 'user', run: (req, ctx) => ownJob(ctx, req.id) },
  'jobs.list': {
    access: 'user',
    run: (req, ctx) => ctx.core.jobs.list({ active: req.active, userId: me(ctx).role === 'admin' ? null : me(ctx).id }),
  },
  'jobs.cancel': {
    access: 'user',
    run: (req, ctx) => {
      ownJob(ctx, req.id);
      ctx.core.jobs.cancel(req.id);
      audit(ctx.core.db, me(ctx).id, 'jobs.cancel', { type: 'job', id: req.id });
      return ownJob(ctx, req.id);
    },
  },

  'audit.list': { access: ADMIN, run: (req, ctx) => queryAudit(ctx.core.db, req) },
  ...maintenanceHandlers,

  'ocr.start': {
    access: IMPORTERS,
    run: (req, ctx) => {
      for (const id of req.documentIds) myDocument(ctx, id);
      const jobId = ctx.core.startOcr(req.documentIds, me(ctx).id, req.again);
      audit(ctx.core.db, me(ctx).id, 'ocr.start', { type: 'job', id: jobId }, { documents: req.documentIds.length, again: req.again });
      return { jobId };
    },
  },
  'ocr.retry': {
    access: IMPORTERS,
    run: (req, ctx) => {
      ownJob(ctx, req.jobId);
      return { jobId: ctx.core.retryOcr(req.jobId, me(ctx).id) };
    },
  },
  'documents.review': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const { db } = ctx.core;
      myDocument(ctx, req.id);
      const entry = visibleEntry(ctx, req.dossierCode);
      reviewDocument(db, me(ctx).id, req.id, req.fields, entry?.id ?? null, req.accept);
      return getDocument(db, req.id)!;
    },
  },
  'documents.proposals': {
    access: IMPORTERS,
    run: (req, ctx) => {
      myDocument(ctx, req.id);
      return { items: proposeRegisterEntries(ctx.core.db, req.id, visibleUnits(ctx.core.db, me(ctx))) };
    },
  },
  // the review queue: read by OCR, not yet accepted, oldest first
  'documents.toReview': {
    access: IMPORTERS,
    run: (_req, ctx) => {
      const units = visibleUnits(ctx.core.db, me(ctx));
      const ids = ctx.core.db
        .prepare(
          `SELECT d.id FROM documents d WHERE d.reviewed_at IS NULL AND d.status = 'imported' AND d.searchable_sha256 IS NOT NULL
             AND (? IS NULL OR d.unit_id IN (SELECT value FROM json_each(?))) ORDER BY d.id LIMIT 5000`,
        )
        .pluck()
        .all(units ? 1 : null, JSON.stringify(units ?? [])) as number[];
      return { ids };
    },
  },
  'pages.rotate': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const owner = ctx.core.db.prepare('SELECT document_id FROM pages WHERE id = ?').pluck().get(req.pageId) as number | undefined;
      if (!owner) throw new CoreError('NOT_FOUND', { what: `trang #${req.pageId}` });
      myDocument(ctx, owner);
      const docId = rotatePage(ctx.core.db, me(ctx).id, req.pageId, req.rotation);
      return { jobId: ctx.core.startOcr([docId], me(ctx).id) };
    },
  },
  'pages.delete': {
    access: IMPORTERS,
    run: (req, ctx) => changePages(ctx, req.documentId, () => deletePages(ctx.core.db, me(ctx).id, req.documentId, req.pageIds)),
  },
  'pages.reorder': {
    access: IMPORTERS,
    run: (req, ctx) => changePages(ctx, req.documentId, () => reorderPages(ctx.core.db, me(ctx).id, req.documentId, req.pageIds)),
  },
  'documents.split': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      myDocument(ctx, req.documentId);
      const ids = splitDocument(ctx.core.db, me(ctx).id, req.documentId, req.startPageIds);
      for (const id of ids) await rebuildSearchable(ctx.core, id);
      return { documentIds: ids };
    },
  },
  'documents.merge': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      for (const id of req.documentIds) myDocument(ctx, id);
      const id = mergeDocuments(ctx.core.db, me(ctx).id, req.documentIds);
      await rebuildSearchable(ctx.core, id);
      return getDocument(ctx.core.db, id)!;
    },
  },
  'scanner.devices': { access: IMPORTERS, run: () => listScanners() },
  'scanner.options': { access: IMPORTERS, run: (req) => scannerOptions(req.device) },
  'scanner.scan': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      const user = me(ctx);
      const unitId = importUnit(ctx, req.unitId);
      let source = req.source;
      if (req.duplex) {
        // a duplex feeder is a source of its own on most SANE drivers
        const duplex = (await scannerOptions(req.device)).sources.find((s) => /duplex/i.test(s));
        if (duplex) source = duplex;
      }
      const jobId = ctx.core.startScan({ device: req.device, resolution: req.resolution, mode: req.mode, source, duplex: req.duplex }, user.id, unitId, req.ocr);
      audit(ctx.core.db, user.id, 'scanner.scan', { type: 'job', id: jobId }, { device: req.device, resolution: req.resolution, mode: req.mode, source });
      return { jobId };
    },
  },
  // one watched folder per unit; only an administrator points the app at a folder it will move files out of
  'signing.addModule': {
    access: ADMIN,
    run: (req, ctx) => {
      const list = addTokenModule(ctx.core.db, ctx.core.dataDir, req.label, req.path);
      audit(ctx.core.db, me(ctx).id, 'signing.addModule', { type: 'setting', id: 'signing.modules' }, { path: req.path });
      return list;
    },
  },
  'signing.removeModule': {
    access: ADMIN,
    run: (req, ctx) => {
      const list = removeTokenModule(ctx.core.db, req.path);
      audit(ctx.core.db, me(ctx).id, 'signing.removeModule', { type: 'setting', id: 'signing.modules' }, { path: req.path });
      return list;
    },
  },
  'hotfolder.get': { access: IMPORTERS, run: (req, ctx) => ctx.core.hotFolders.get(importUnit(ctx, req.unitId)) },
  'hotfolder.set': {
    access: ADMIN,
    run: (req, ctx) => {
      const user = me(ctx);
      const unitId = importUnit(ctx, req.unitId ?? undefined);
      audit(ctx.core.db, user.id, 'hotfolder.set', { type: 'unit', id: unitId }, { dir: req.dir, enabled: req.enabled });
      return ctx.core.hotFolders.set(unitId, req, user.id);
    },
  },
  ...signingHandlers,
  'signing.preview': {
    access: SIGNERS,
    run: async (req, ctx) => {
      myDocument(ctx, req.documentId);
      const { bytes } = await documentPdf(ctx.core.db, ctx.core.blobs, req.documentId);
      const { png, place } = await copyPreview(bytes, copyLines(req.copyForm, req.agency || me(ctx).unitName || ''));
      return { image: `data:image/png;base64,${png.toString('base64')}`, clear: place.clear };
    },
  },
  'coverage.worklist': {
    access: HEADS,
    run: (req, ctx) => {
      coverageScope(ctx.core.db, me(ctx), req.unitId); // FORBIDDEN outside the caller's units
      return worklist(ctx.core.db, req.unitId, req.at ?? today());
    },
  },
};

/** The unit new documents go to: the one asked for, if it exists and is the caller's to see, else the caller's own. */
function importUnit(ctx: CallContext, requested: number | undefined): number {
  const user = me(ctx);
  const unitId = requested ?? user.unitId;
  if (!getUnit(ctx.core.db, unitId)) throw new CoreError('NOT_FOUND', { what: `đơn vị #${unitId}` });
  if (!canSeeUnit(ctx.core.db, user, unitId)) throw new CoreError('FORBIDDEN');
  return unitId;
}

/** The register entry with this dossier code if the caller may see it; null for no code. */
function visibleEntry(ctx: CallContext, dossierCode: string | null) {
  if (!dossierCode) return null;
  const entry = findByDossier(ctx.core.db, dossierCode);
  if (!entry || !canSeeUnit(ctx.core.db, me(ctx), entry.unitId)) throw new CoreError('REGISTER_NOT_FOUND', { dossier: dossierCode });
  return entry;
}

/** A page change on a visible document, then its searchable PDF rebuilt; returns the document. */
async function changePages(ctx: CallContext, documentId: number, change: () => void) {
  myDocument(ctx, documentId);
  change();
  await rebuildSearchable(ctx.core, documentId);
  return getDocument(ctx.core.db, documentId)!;
}

/** A document the caller may see, or NOT_FOUND (not FORBIDDEN: its existence is not disclosed). */
function myDocument(ctx: CallContext, id: number) {
  const doc = ctx.core.db.prepare('SELECT unit_id unitId FROM documents WHERE id = ?').get(id) as { unitId: number | null } | undefined;
  if (!doc || !canSeeUnit(ctx.core.db, me(ctx), doc.unitId)) throw new CoreError('NOT_FOUND', { what: `hồ sơ #${id}` });
}

/** The unit a coverage view is about: the one asked for if the user may see it, else the user's own (all units for an admin). */
export function coverageScope(db: Db, user: UserRecord, unitId: number | undefined): number | null {
  if (unitId !== undefined) {
    if (!canSeeUnit(db, user, unitId)) throw new CoreError('FORBIDDEN');
    return unitId;
  }
  return user.role === 'admin' ? null : user.unitId;
}

const MAPPING_KEY = (headers: string[]) => `register.mapping:${headers.map(foldVietnamese).join('|')}`;
function rememberedMapping(db: Db, headers: string[]): Record<string, string | null> | null {
  const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MAPPING_KEY(headers)) as string | undefined;
  return v ? JSON.parse(v) : null;
}
function rememberMapping(db: Db, headers: string[], mapping: Record<string, string | null>): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(MAPPING_KEY(headers), JSON.stringify(mapping));
}

function ownJob(ctx: CallContext, id: number) {
  const st = ctx.core.jobs.get(id);
  const owner = ctx.core.jobs.createdBy(id);
  if (!st || (me(ctx).role !== 'admin' && owner !== me(ctx).id)) throw new CoreError('NOT_FOUND', { what: `tác vụ #${id}` });
  return st;
}

export function sessionUser(u: UserRecord): Res<'auth.me'> & object {
  return { id: u.id, username: u.username, fullName: u.fullName, role: u.role, unitId: u.unitId, unitName: u.unitName };
}

export function accessOf(method: MethodName): Access {
  return handlers[method].access;
}
