// The hub's signed-in account seen two ways: as itself (role, possibly no unit) for the hub's
// menu, and as the desk's read-only dashboard viewer for the shared coverage screens.
import type { SessionUser } from '../../../shared/contract';
import { HUB_ROLES, HUB_SCREENS_BY_ROLE, type HubUser } from '../../../shared/hub-roles';

/** auth.me / auth.signIn on the hub answer a HubUser through the desk's typed call. */
export function asHubUser(u: SessionUser): HubUser {
  const h = u as unknown as HubUser;
  if (!(HUB_ROLES as readonly string[]).includes(h.role)) throw new Error(`not a hub role: ${h.role}`);
  return h;
}

/**
 * The shared coverage screens read `SessionUser`: every hub viewer is a desk's unit head there
 * (no targets, no assigning, no package import), scoped to their unit (the hub admin to none).
 */
export function dashboardViewer(u: HubUser): SessionUser {
  return { id: u.id, username: u.username, fullName: u.fullName, role: 'unit_head', unitId: u.unitId ?? 0, unitName: u.unitName };
}

/** The screens of the role, and the one to show for the address (the first when it is not theirs). */
export function hubScreens(u: HubUser, route: string | undefined): { screens: readonly string[]; screen: string } {
  const screens = HUB_SCREENS_BY_ROLE[u.role];
  return { screens, screen: route && screens.includes(route) ? route : screens[0] };
}
