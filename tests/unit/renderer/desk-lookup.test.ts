// The lookup page on a desk: the desk's refusals come already worded (the hub's reason inside)
// and are shown as cautions, not wrapped again nor shown as failures.
import { describe, expect, it } from 'vitest';
import { refusalKind } from '../../../renderer/src/features/hub/lookup-form';
import { SCREENS_BY_ROLE } from '../../../shared/roles';

describe('desk lookup', () => {
  it('shows the desk’s lookup refusals as cautions in their own words', () => {
    expect(refusalKind('HUB_LOOKUP_EXACT')).toBe('caution');
    expect(refusalKind('HUB_LOOKUP_RATE')).toBe('caution');
    expect(refusalKind('HUB_LOOKUP_OFFLINE')).toBe('error');
    expect(refusalKind('HUB_NOT_ENROLLED')).toBe('error');
  });

  it('is a screen of records staff, unit heads and administrators only', () => {
    expect(Object.entries(SCREENS_BY_ROLE).filter(([, s]) => s.includes('lookup')).map(([r]) => r).sort()).toEqual(['admin', 'records_staff', 'unit_head']);
  });
});
