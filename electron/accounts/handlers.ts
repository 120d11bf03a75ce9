// Contract handlers of first-run setup, sign-in, accounts and the audit log.
import type { Res } from '../../shared/contract';
import { ADMIN, account, me, type HandlerGroup } from '../call-context';
import { adoptUnownedDocuments } from '../archive/documents';
import { CoreError } from '../errors';
import { getUnit, listUnits, saveUnit } from '../units/units';
import { loadDemoCatalogue } from '../units/catalogue-import';
import { audit } from './audit';
import { queryAudit } from './audit-query';
import { hashPassword } from './passwords';
import { authenticate, changePassword, countUsers, getUser, insertUser, listUsers, updateUser, type UserRecord } from './users';

type M = 'app.info' | 'setup.demoUnits' | 'setup.init' | 'auth.signIn' | 'auth.signOut' | 'auth.me' | 'auth.changePassword' | 'users.list' | 'users.save' | 'audit.list';

export const accountHandlers: HandlerGroup<M> = {
  'app.info': {
    access: 'public',
    run: (_req, { services }) => ({ version: services.version, firstRun: countUsers(services.db) === 0, shell: services.shell }),
  },

  // First run only: loads the built-in Thanh Hóa catalogue (idempotent) so a unit can be picked.
  'setup.demoUnits': {
    access: 'public',
    run: async (_req, { services }) => {
      if (countUsers(services.db) > 0) throw new CoreError('ALREADY_SET_UP');
      await loadDemoCatalogue(services.db, null);
      return listUnits(services.db);
    },
  },
  'setup.init': {
    access: 'public',
    run: async (req, ctx) => {
      const { db } = ctx.services;
      if (countUsers(db) > 0) throw new CoreError('ALREADY_SET_UP');
      const passwordHash = await hashPassword(req.admin.password);
      const userId = db.transaction(() => {
        if (countUsers(db) > 0) throw new CoreError('ALREADY_SET_UP');
        const unitId = 'unitId' in req.unit ? getUnit(db, req.unit.unitId)?.id : saveUnit(db, { ...req.unit, parentId: null });
        if (!unitId) throw new CoreError('NOT_FOUND', { what: 'đơn vị đã chọn' });
        const id = insertUser(db, { username: req.admin.username, fullName: req.admin.fullName, role: 'admin', unitId, passwordHash });
        // files the CLI archived before there was a unit belong to the home unit
        const adopted = adoptUnownedDocuments(db, unitId);
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
      const { db } = ctx.services;
      const id = await authenticate(db, req.username, req.password);
      audit(db, id, 'auth.signIn');
      ctx.signIn(id);
      return sessionUser(getUser(db, id)!);
    },
  },
  'auth.signOut': {
    access: 'public',
    run: (_req, ctx) => {
      if (ctx.user) audit(ctx.services.db, ctx.user.id, 'auth.signOut');
      ctx.signOut();
      return null;
    },
  },
  'auth.me': { access: 'public', run: (_req, ctx) => (ctx.user && !('operator' in ctx.user) ? sessionUser(ctx.user) : null) },
  'auth.changePassword': {
    access: 'user',
    run: async (req, ctx) => {
      const { id } = account(ctx);
      await changePassword(ctx.services.db, id, req.current, req.next);
      audit(ctx.services.db, id, 'auth.changePassword', { type: 'user', id });
      return null;
    },
  },

  'users.list': { access: ADMIN, run: (_req, ctx) => listUsers(ctx.services.db) },
  'users.save': {
    access: ADMIN,
    run: async (req, ctx) => {
      const { db } = ctx.services;
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

  'audit.list': { access: ADMIN, run: (req, ctx) => queryAudit(ctx.services.db, req) },
};

export function sessionUser(u: UserRecord): Res<'auth.me'> & object {
  return { id: u.id, username: u.username, fullName: u.fullName, role: u.role, unitId: u.unitId, unitName: u.unitName };
}
