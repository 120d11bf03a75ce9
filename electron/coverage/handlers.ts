// Contract handlers of coverage: the results register, targets, the dashboard and its packages.
import { ADMIN, HEADS, IMPORTERS, me, type HandlerGroup } from '../call-context';
import { audit } from '../accounts/audit';
import { canSeeUnit, coverageScope, visibleDocument, visibleUnits, writableUnits } from '../accounts/scope';
import { getDocument } from '../archive/documents';
import { CoreError } from '../errors';
import { readTableInWorker, tableHeadInWorker } from '../workers/table-work';
import { today } from './dates';
import { linkDocument } from './digitized';
import { importPackage } from './packages';
import { assignSuccessor, listRegister, saveRegisterEntry } from './register';
import { visibleEntry } from './register-lookup';
import { findHeaderRow, guessMapping, importRegister, REGISTER_FIELD_NAMES, type ColumnMap } from './register-import';
import { rememberedMapping, rememberMapping } from './register-mapping';
import { coverageReport, coverageTrend } from './report';
import { listTargets, setTarget } from './targets';
import { worklist } from './worklist';

type M =
  | 'documents.link'
  | 'register.preview'
  | 'register.import'
  | 'register.list'
  | 'register.save'
  | 'register.assign'
  | 'targets.list'
  | 'targets.set'
  | 'coverage.report'
  | 'coverage.trend'
  | 'coverage.importPackage'
  | 'coverage.worklist';

export const coverageHandlers: HandlerGroup<M> = {
  'documents.link': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const { db } = ctx.services;
      const doc = visibleDocument(db, me(ctx), req.id);
      const entry = visibleEntry(db, me(ctx), req.dossierCode, doc.unitId, req.registerId);
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
      const { name, bytes } = ctx.services.sources.read(req.source, ctx.client, { keep: true });
      // the header is within the first ten rows and the sample the five after it: the worker sends back no more
      const { rows, head } = await tableHeadInWorker(name, bytes, 16);
      const headerRow = Math.max(0, findHeaderRow(head));
      const headers = head[headerRow] ?? [];
      const remembered = rememberedMapping(ctx.services.db, headers);
      const guessed = guessMapping(headers);
      const mapping = Object.fromEntries(REGISTER_FIELD_NAMES.map((f) => [f, remembered?.[f] ?? (guessed[f] >= 0 ? headers[guessed[f]] : null)]));
      return { headers, sample: head.slice(headerRow + 1, headerRow + 6), rows: Math.max(0, rows - headerRow - 1), mapping, remembered: !!remembered };
    },
  },
  'register.import': {
    access: IMPORTERS,
    run: async (req, ctx) => {
      const { db } = ctx.services;
      const { name, bytes } = ctx.services.sources.read(req.source, ctx.client);
      const table = await readTableInWorker(name, bytes);
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
  'register.list': { access: 'user', run: (req, ctx) => listRegister(ctx.services.db, visibleUnits(ctx.services.db, me(ctx)), req) },
  'register.save': {
    access: IMPORTERS,
    run: (req, ctx) => {
      const { db } = ctx.services;
      if (!canSeeUnit(db, me(ctx), req.unitId)) throw new CoreError('FORBIDDEN');
      return saveRegisterEntry(db, req, me(ctx).id, writableUnits(db, me(ctx)));
    },
  },
  'register.assign': { access: ADMIN, run: (req, ctx) => ({ assigned: assignSuccessor(ctx.services.db, req.unitId, req.successorId, me(ctx).id) }) },

  'targets.list': { access: 'user', run: (_req, ctx) => listTargets(ctx.services.db) },
  'targets.set': {
    access: ADMIN,
    run: (req, ctx) => {
      const { db } = ctx.services;
      db.transaction(() => {
        setTarget(db, req.year, req.level, req.rate);
        audit(db, me(ctx).id, 'targets.set', { type: 'target', id: `${req.year}/${req.level}` }, { rate: req.rate });
      })();
      return null;
    },
  },

  'coverage.report': { access: HEADS, run: (req, ctx) => coverageReport(ctx.services.db, req.at ?? today(), coverageScope(ctx.services.db, me(ctx), req.unitId)) },
  'coverage.trend': { access: HEADS, run: (req, ctx) => coverageTrend(ctx.services.db, req.at ?? today(), coverageScope(ctx.services.db, me(ctx), req.unitId)) },
  'coverage.importPackage': {
    access: HEADS,
    run: (req, ctx) => {
      const ownUnitId = req.unitId ?? me(ctx).unitId;
      if (ownUnitId === null) throw new CoreError('BAD_REQUEST', { detail: 'thiếu đơn vị nhận gói' });
      if (!canSeeUnit(ctx.services.db, me(ctx), ownUnitId)) throw new CoreError('FORBIDDEN');
      const { name, bytes } = ctx.services.sources.read(req.source, ctx.client);
      return importPackage(ctx.services.db, bytes, { fileName: name, ownUnitId, userId: me(ctx).id });
    },
  },
  'coverage.worklist': {
    access: HEADS,
    run: (req, ctx) => {
      coverageScope(ctx.services.db, me(ctx), req.unitId); // FORBIDDEN outside the caller's units
      return worklist(ctx.services.db, req.unitId, req.at ?? today());
    },
  },
};
