// The province hub's roles and the screens each opens when the desk's renderer runs in hub
// mode. Kept apart from roles.ts: hub accounts are not desk accounts, and a desk role never
// opens a hub screen. The hub checks every method's roles itself (hub/server/staff-contract.ts).
export const HUB_ROLES = ['hub_admin', 'province_head', 'district_head', 'records_staff'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

export const HUB_SCREENS_BY_ROLE: Record<HubRole, readonly string[]> = {
  hub_admin: ['coverage', 'lookup', 'desks', 'accounts', 'hubAudit'],
  province_head: ['coverage', 'lookup'],
  district_head: ['coverage', 'lookup'],
  records_staff: ['lookup'],
};

/** Who signed in to the hub (auth.signIn / auth.me): the hub admin belongs to no unit. */
export interface HubUser {
  id: number;
  username: string;
  fullName: string;
  role: HubRole;
  unitId: number | null;
  unitName: string;
  unitLevel: string;
}
