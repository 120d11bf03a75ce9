// The renderer in hub mode: hub accounts get the hub's screens by role, the shared dashboard
// sees them as read-only viewers, the lookup form keeps wildcards from the hub, and live
// reloads come once per burst of events.
import { describe, expect, it } from 'vitest';
import { HUB_ROLES as SERVER_ROLES } from '../../../hub/accounts/accounts';
import { HUB_ROLES, type HubUser } from '../../../shared/hub-roles';
import { asHubUser, dashboardViewer, hubScreens } from '../../../renderer/src/app/hub-session';
import { debounce } from '../../../renderer/src/components/debounce';
import { lookupRequest, refusalKind } from '../../../renderer/src/features/hub/lookup-form';
import type { SessionUser } from '../../../shared/contract';

const user = (role: HubUser['role'], unitId: number | null = 7): HubUser => ({ id: 1, username: 'u', fullName: 'U', role, unitId, unitName: 'Huyện Như Xuân', unitLevel: 'district' });

describe('hub screens by role', () => {
  it('names the same roles as the hub', () => {
    expect([...HUB_ROLES].sort()).toEqual([...SERVER_ROLES].sort());
  });

  it('opens the dashboard for the heads, the lookup for everyone, and the hub tools for its admin only', () => {
    expect(hubScreens(user('district_head'), undefined)).toEqual({ screens: ['coverage', 'lookup'], screen: 'coverage' });
    expect(hubScreens(user('records_staff'), 'coverage').screen).toBe('lookup');
    expect(hubScreens(user('province_head'), 'desks').screen).toBe('coverage');
    expect(hubScreens(user('hub_admin', null), 'desks').screen).toBe('desks');
    for (const role of HUB_ROLES) expect(hubScreens(user(role), undefined).screens).toContain('lookup');
  });

  it('shows a hub account to the shared dashboard as a read-only viewer of its unit', () => {
    expect(dashboardViewer(user('province_head', 3))).toMatchObject({ role: 'unit_head', unitId: 3, unitName: 'Huyện Như Xuân' });
    expect(dashboardViewer(user('hub_admin', null)).unitId).toBe(0);
  });

  it('refuses a desk account where a hub account is expected', () => {
    const desk: SessionUser = { id: 1, username: 'quantri', fullName: 'Q', role: 'admin', unitId: 1, unitName: 'X' };
    expect(() => asHubUser(desk)).toThrow(/not a hub role/);
    expect(asHubUser(user('records_staff') as unknown as SessionUser).role).toBe('records_staff');
  });
});

describe('lookup form', () => {
  it('keeps a wildcard from the hub and trims what it sends', () => {
    expect(lookupRequest({ by: 'dossierCode', value: 'HS-TS-%', purposeDossier: '000.1' })).toEqual({ problem: 'wildcard' });
    expect(lookupRequest({ by: 'holderId', value: '0380*', purposeDossier: '000.1' })).toEqual({ problem: 'wildcard' });
    expect(lookupRequest({ by: 'resultNumber', value: ' 12/KS ', purposeDossier: ' 000.16174.000123 ', note: ' kết hôn ' })).toEqual({
      by: 'resultNumber',
      value: '12/KS',
      purpose: { dossierCode: '000.16174.000123', note: 'kết hôn' },
    });
  });

  it('shows the rules an officer can keep as cautions and the rest as errors', () => {
    expect(refusalKind('LOOKUP_EXACT')).toBe('exact');
    expect(refusalKind('LOOKUP_RATE')).toBe('rate');
    expect(refusalKind('FORBIDDEN')).toBe('error');
    expect(refusalKind(undefined)).toBe('error');
  });
});

describe('debounce', () => {
  it('runs once after a burst, and not at all when cancelled', async () => {
    let runs = 0;
    const later = debounce(() => runs++, 30);
    later();
    later();
    await new Promise((r) => setTimeout(r, 10));
    later();
    expect(runs).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(runs).toBe(1);
    later();
    later.cancel();
    await new Promise((r) => setTimeout(r, 80));
    expect(runs).toBe(1);
  });
});
