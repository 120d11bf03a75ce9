import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../../electron/accounts/passwords';

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt each time', async () => {
    const a = await hashPassword('mật khẩu dài');
    const b = await hashPassword('mật khẩu dài');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('mật khẩu');
  });
  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('đúng-rồi');
    expect(await verifyPassword('đúng-rồi', h)).toBe(true);
    expect(await verifyPassword('dung-roi', h)).toBe(false);
  });
  it('treats NFC and NFD spellings of a Vietnamese password alike', async () => {
    const h = await hashPassword('Hà Nội 2025');
    expect(await verifyPassword('Hà Nội 2025'.normalize('NFD'), h)).toBe(true);
  });
  it('never accepts anything against the dummy hash', async () => {
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
  });
});
