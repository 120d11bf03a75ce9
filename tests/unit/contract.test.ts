import { describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { EVENTS, METHODS } from '../../shared/channels';
import { contract, eventSchemas } from '../../shared/contract';
import { ROLES, SCREENS_BY_ROLE } from '../../shared/roles';

describe('contract', () => {
  it('names the same methods in the channel list, the schemas and the core', () => {
    expect(Object.keys(contract).sort()).toEqual([...METHODS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
    expect(Object.keys(eventSchemas).sort()).toEqual([...EVENTS].sort());
  });
  it('leaves only the sign-in and first-run methods open to anyone', () => {
    const open = METHODS.filter((m) => handlers[m].access === 'public');
    expect(open.sort()).toEqual(['app.info', 'auth.me', 'auth.signIn', 'auth.signOut', 'setup.demoUnits', 'setup.init']);
  });
  it('gives every role the archive screen and only admins the administration screens', () => {
    for (const r of ROLES) expect(SCREENS_BY_ROLE[r]).toContain('documents');
    for (const r of ROLES.filter((r) => r !== 'admin')) expect(SCREENS_BY_ROLE[r]).not.toContain('users');
  });
});
