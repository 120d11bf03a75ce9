// The contract's methods, implemented by calling the domain modules. Each entry says who
// may call it; the core has already parsed the request with the contract's schema.
import fs from 'node:fs';
import type { MethodName } from '../shared/channels';
import type { ParsedReq, Res } from '../shared/contract';
import type { Role } from '../shared/roles';
import { audit, listAudit } from './accounts/audit';
import { hashPassword } from './accounts/passwords';
import { canSeeUnit, visibleUnits } from './accounts/scope';
import { authenticate, changePassword, countUsers, getUser, insertUser, listUsers, updateUser, type UserRecord } from './accounts/users';
import { listDocuments, getDocument } from './archive/documents';
import type { Core } from './core';
import { CoreError } from './errors';
import { importCatalogue } from './units/catalogue-import';
import { getUnit, listUnits, saveUnit } from './units/units';
import { assetPath } from './paths';

export interface CallContext {
  core: Core;
  /** The signed-in user, or null for public methods. */
  user: UserRecord | null;
  signIn(userId: number): void;
  signOut(): void;
}

type Access = 'public' | 'user' | readonly Role[];
type Handler<M extends MethodName> = (req: ParsedReq<M>, ctx: CallContext) => Promise<Res<M>> | Res<M>;
type Handlers = { [M in MethodName]: { access: Access; run: Handler<M> } };

const ADMIN = ['admin'] as const;
const IMPORTERS = ['admin', 'records_staff'] as const;
const DEMO_CATALOGUE = () => assetPath('catalogue', 'thanhhoa-demo.csv');

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
      await importCatalogue(core.db, 'thanhhoa-demo.csv', fs.readFileSync(DEMO_CATALOGUE()), { validFrom: null, userId: null });
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
      const ref = ctx.core.resolveSource(req.source);
      try {
        return await importCatalogue(ctx.core.db, ref.name, fs.readFileSync(ref.path), { validFrom: req.validFrom, userId: me(ctx).id });
      } finally {
        ctx.core.discardStaged(req.source);
      }
    },
  },
  'units.loadDemo': {
    access: ADMIN,
    run: (_req, ctx) => importCatalogue(ctx.core.db, 'thanhhoa-demo.csv', fs.readFileSync(DEMO_CATALOGUE()), { validFrom: null, userId: me(ctx).id }),
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
    run: (req, ctx) => {
      const user = me(ctx);
      const unitId = req.unitId ?? user.unitId;
      if (!getUnit(ctx.core.db, unitId)) throw new CoreError('NOT_FOUND', { what: `đơn vị #${unitId}` });
      if (!canSeeUnit(ctx.core.db, user, unitId)) throw new CoreError('FORBIDDEN');
      return { jobId: ctx.core.startImport(req.sources, user.id, unitId) };
    },
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

  'audit.list': { access: ADMIN, run: (req, ctx) => listAudit(ctx.core.db, req.offset, req.limit) },
};

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
