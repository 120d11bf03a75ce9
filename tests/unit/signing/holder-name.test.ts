// The certificate-holder check the sign dialog and the sign batch share.
import { describe, expect, it } from 'vitest';
import { holderIs } from '../../../shared/holder-name';

describe('certificate holder', () => {
  it('is the officer whatever the case, accents, spacing or the unit after the name', () => {
    expect(holderIs('Nguyễn Thị Lan', 'Nguyễn Thị Lan')).toBe(true);
    expect(holderIs('NGUYEN THI  LAN', 'Nguyễn Thị Lan')).toBe(true);
    expect(holderIs('Nguyễn Thị Lan - UBND xã Thanh Sơn', 'Nguyễn Thị Lan')).toBe(true);
    expect(holderIs('Đặng Văn Đông', 'Dang Van Dong')).toBe(true);
  });

  it('is not someone whose name only starts the same or differs', () => {
    expect(holderIs('Nguyễn Thị Lanh', 'Nguyễn Thị Lan')).toBe(false);
    expect(holderIs('Trần Văn Ký', 'Nguyễn Thị Lan')).toBe(false);
    expect(holderIs('UBND xã Thanh Sơn', 'Nguyễn Thị Lan')).toBe(false);
  });
});
