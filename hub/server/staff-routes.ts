// Staff routes: POST /api/<method> (session cookie + a custom header that a cross-site form
// cannot send), the signed copy a lookup found, coverage exports, and server-sent events.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountById, sessionAccount, signIn, signOut, type HubAccount } from '../accounts/accounts';
import { hubAudit } from '../accounts/audit';
import { tx } from '../db/pool';
import { Refusal } from '../ingest/refusal';
import { authorizeDownload } from '../reuse/lookup';
import type { HubContext } from './context';
import { streamBlob } from './desk-routes';
import { cookies, parseJson, readBody, sendOk } from './http-util';
import { STAFF_METHODS, type StaffMethod } from './staff-contract';
import { STAFF_HANDLERS } from './staff-handlers';
import { exportCoverage } from './exports';

export const SESSION_COOKIE = 'sohoa_hub_session';
const notSignedIn = () => new Refusal(401, 'NOT_SIGNED_IN', 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.');

export async function currentAccount(ctx: HubContext, req: IncomingMessage): Promise<HubAccount | null> {
  return sessionAccount(ctx.pool, cookies(req)[SESSION_COOKIE]);
}

const sessionUser = async (ctx: HubContext, a: HubAccount) => {
  const unit = a.unitId ? (await ctx.pool.query<{ name: string; level: string }>('SELECT name, level FROM units WHERE id = $1', [a.unitId])).rows[0] : undefined;
  return { id: a.id, username: a.username, fullName: a.fullName, role: a.role, unitId: a.unitId, unitName: unit?.name ?? ctx.hubName, unitLevel: unit?.level ?? 'province' };
};

export async function staffCall(ctx: HubContext, req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  if (req.headers['x-sohoa-hub'] !== '1') throw new Refusal(403, 'FORBIDDEN', 'Yêu cầu không đến từ trang của máy chủ tỉnh.');
  if (!Object.hasOwn(STAFF_METHODS, method)) throw new Refusal(404, 'UNKNOWN_METHOD', `Không có chức năng "${method.slice(0, 60)}".`);
  const m = method as StaffMethod;
  const parsed = STAFF_METHODS[m].req.safeParse(parseJson(await readBody(req, 256 * 1024)));
  if (!parsed.success) throw new Refusal(400, 'BAD_REQUEST', `Yêu cầu không hợp lệ: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const body = parsed.data as Record<string, unknown>;
  if (m === 'app.info') return sendOk(res, { version: '0.1.0', firstRun: false, shell: 'hub', hubName: ctx.hubName });
  if (m === 'auth.signIn') {
    const { account, token } = await signIn(ctx.pool, String(body.username), String(body.password));
    await tx(ctx.pool, (c) => hubAudit(c, { accountId: account.id, action: 'auth.signIn' }));
    return sendOk(res, await sessionUser(ctx, account), { 'Set-Cookie': `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=43200` });
  }
  if (m === 'auth.signOut') {
    await signOut(ctx.pool, cookies(req)[SESSION_COOKIE]);
    return sendOk(res, null, { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0` });
  }
  const who = await currentAccount(ctx, req);
  if (m === 'auth.me') return sendOk(res, who ? await sessionUser(ctx, who) : null);
  if (!who) throw notSignedIn();
  const roles = STAFF_METHODS[m].roles;
  if (roles && !(roles as readonly string[]).includes(who.role)) throw new Refusal(403, 'FORBIDDEN', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
  const handler = STAFF_HANDLERS[m as keyof typeof STAFF_HANDLERS] as (c: HubContext, w: HubAccount, r: unknown) => Promise<unknown>;
  sendOk(res, await handler(ctx, who, body));
}

/** GET routes for signed-in staff: a found signed copy, coverage exports. False when not one of them. */
export async function staffGet(ctx: HubContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const file = /^\/api\/files\/([0-9a-f-]{36})\/([0-9a-f]{64})$/.exec(url.pathname);
  const exp = /^\/api\/export\/coverage\.(csv|xlsx|pdf)$/.exec(url.pathname);
  if (!file && !exp) return false;
  const who = await currentAccount(ctx, req);
  if (!who || !(await accountById(ctx.pool, who.id))) throw notSignedIn();
  if (file) {
    await authorizeDownload(ctx.pool, { accountId: who.id, deskId: null, officer: `hub/${who.username}` }, file[1], file[2]);
    streamBlob(ctx, res, file[2]);
  } else await exportCoverage(ctx, who, res, exp![1] as 'csv' | 'xlsx' | 'pdf', url.searchParams);
  return true;
}
