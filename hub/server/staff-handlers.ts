// The staff methods' work. Every check is here, not in a screen: the role per method, and a
// district head's scope (their district and what lies below it) on every coverage call.
import { unitValidAt } from '../../shared/coverage-rule';
import { hubAudit, verifyHubAudit } from '../accounts/audit';
import { createAccount, listAccounts, type HubAccount } from '../accounts/accounts';
import { hubCoverageReport, hubCoverageTrend } from '../coverage/report';
import { tx } from '../db/pool';
import { createEnrolmentCode } from '../ingest/enrolment';
import { Refusal } from '../ingest/refusal';
import { lookup } from '../reuse/lookup';
import { listSuccessors, listUnits, subtreeIds } from '../units/units';
import type { HubContext } from './context';
import type { StaffMethod, StaffReq } from './staff-contract';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The unit a coverage call may look at: anything for the province's people, a district head's own subtree only. */
async function scopeFor(ctx: HubContext, who: HubAccount, unitId: number | undefined): Promise<number | null> {
  if (who.role !== 'district_head') return unitId ?? null;
  if (who.unitId === null) throw new Refusal(403, 'FORBIDDEN', 'Tài khoản lãnh đạo huyện chưa gắn với đơn vị nào.');
  if (unitId === undefined) return who.unitId;
  if (!(await subtreeIds(ctx.pool, who.unitId)).has(unitId)) throw new Refusal(403, 'FORBIDDEN', 'Đơn vị này nằm ngoài phạm vi của tài khoản.');
  return unitId;
}

type Handler<M extends StaffMethod> = (ctx: HubContext, who: HubAccount, req: StaffReq<M>) => Promise<unknown>;

export const STAFF_HANDLERS: { [M in Exclude<StaffMethod, 'app.info' | 'auth.signIn' | 'auth.signOut' | 'auth.me'>]: Handler<M> } = {
  'units.list': async (ctx, _who, req) => {
    const [units, successors] = await Promise.all([listUnits(ctx.pool), listSuccessors(ctx.pool)]);
    const at = req.at;
    return units
      .filter((u) => !at || unitValidAt(u, at))
      .map((u) => ({ ...u, kind: null, successorIds: successors.filter((s) => s.unitId === u.id).map((s) => s.successorId) }));
  },
  'targets.list': async (ctx) => (await ctx.pool.query('SELECT year, level, rate FROM targets ORDER BY year, level')).rows,
  'coverage.report': async (ctx, who, req) => hubCoverageReport(ctx.pool, req.at ?? today(), await scopeFor(ctx, who, req.unitId)),
  'coverage.trend': async (ctx, who, req) => hubCoverageTrend(ctx.pool, req.at ?? today(), await scopeFor(ctx, who, req.unitId)),
  'reuse.lookup': async (ctx, who, req) => lookup(ctx.pool, { accountId: who.id, deskId: null, officer: `hub/${who.username}` }, req),
  'hub.info': async (ctx) => ({ hubName: ctx.hubName, fingerprint: ctx.fingerprint }),
  'hub.enrolmentCode': async (ctx, who, req) => createEnrolmentCode(ctx.pool, req.unitId, who.id, req.validHours),
  'hub.desks': async (ctx) =>
    (
      await ctx.pool.query(
        `SELECT d.id, d.name, u.code "unitCode", u.name "unitName", d.key_fingerprint "keyFingerprint", d.enrolled_at "enrolledAt", d.acked, d.last_seen "lastSeen", d.revoked_at "revokedAt"
         FROM desks d JOIN units u ON u.id = d.unit_id ORDER BY u.code, d.enrolled_at`,
      )
    ).rows,
  // a revoked desk's signed requests are refused from the next one on; what it sent stays
  'hub.revokeDesk': async (ctx, who, req) =>
    tx(ctx.pool, async (c) => {
      const r = await c.query('UPDATE desks SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [req.deskId]);
      if (!r.rowCount) throw new Refusal(404, 'NOT_FOUND', 'Không có máy trạm này, hoặc máy đã bị thu hồi.');
      await hubAudit(c, { accountId: who.id, action: 'desk.revoke', objectType: 'desk', objectId: req.deskId });
      return null;
    }),
  'hub.accounts': async (ctx) => listAccounts(ctx.pool),
  'hub.saveAccount': async (ctx, who, req) =>
    tx(ctx.pool, async (c) => {
      if (req.role === 'district_head' && req.unitId === null) throw new Refusal(422, 'BAD_REQUEST', 'Lãnh đạo huyện cần gắn với một đơn vị.');
      const id = await createAccount(c, req).catch((e: { code?: string }) => {
        if (e.code === '23505') throw new Refusal(409, 'USERNAME_TAKEN', `Tên đăng nhập "${req.username}" đã được dùng.`);
        throw e;
      });
      await hubAudit(c, { accountId: who.id, action: 'account.create', objectType: 'account', objectId: String(id), details: { username: req.username, role: req.role, unitId: req.unitId } });
      return { id };
    }),
  'hub.auditVerify': async (ctx) => verifyHubAudit(ctx.pool),
};
