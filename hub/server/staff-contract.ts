// The methods hub staff call from their browser (POST /api/<method>, JSON in, Result out):
// the desk's coverage methods with the same names and shapes, so the same screens read from
// the hub, plus the reuse lookup and the hub admin's enrolment, desks and accounts. Each
// method names the roles that may call it; the scope of a district head is checked per call.
import { z } from 'zod';
import { HUB_ROLES, type HubRole } from '../accounts/accounts';
import { LookupQuery } from '../reuse/lookup';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.number().int().positive();
const HEADS: HubRole[] = ['hub_admin', 'province_head', 'district_head'];
const STAFF: HubRole[] = [...HUB_ROLES];

export const STAFF_METHODS = {
  'app.info': { req: z.object({}), roles: null },
  'auth.signIn': { req: z.object({ username: z.string().max(64), password: z.string().max(200) }), roles: null },
  'auth.signOut': { req: z.object({}), roles: null },
  'auth.me': { req: z.object({}), roles: null },
  'units.list': { req: z.object({ at: isoDate.optional() }), roles: STAFF },
  'targets.list': { req: z.object({}), roles: HEADS },
  'coverage.report': { req: z.object({ at: isoDate.optional(), unitId: id.optional() }), roles: HEADS },
  'coverage.trend': { req: z.object({ at: isoDate.optional(), unitId: id.optional() }), roles: HEADS },
  'reuse.lookup': { req: LookupQuery, roles: STAFF },
  'hub.info': { req: z.object({}), roles: ['hub_admin'] },
  'hub.enrolmentCode': { req: z.object({ unitId: id, validHours: z.number().int().min(1).max(720).default(72) }), roles: ['hub_admin'] },
  'hub.desks': { req: z.object({}), roles: ['hub_admin', 'province_head'] },
  'hub.revokeDesk': { req: z.object({ deskId: z.string().uuid() }), roles: ['hub_admin'] },
  'hub.accounts': { req: z.object({}), roles: ['hub_admin'] },
  'hub.saveAccount': {
    req: z.object({
      username: z.string().trim().regex(/^[a-z0-9._-]{3,32}$/),
      fullName: z.string().trim().min(1).max(100),
      role: z.enum(HUB_ROLES),
      unitId: id.nullable(),
      password: z.string().min(8).max(200),
    }),
    roles: ['hub_admin'],
  },
  'hub.auditVerify': { req: z.object({}), roles: ['hub_admin'] },
} as const satisfies Record<string, { req: z.ZodType; roles: HubRole[] | null }>;

export type StaffMethod = keyof typeof STAFF_METHODS;
export type StaffReq<M extends StaffMethod> = z.infer<(typeof STAFF_METHODS)[M]['req']>;
