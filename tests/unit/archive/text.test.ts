import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../../electron/archive/text';

describe('foldVietnamese', () => {
  it('makes accented, unaccented and upper-case spellings equal, including đ/Đ', () => {
    const forms = ['Quyết định', 'quyet dinh', 'QUYẾT ĐỊNH', 'QUYET DINH', 'Quyết  Định'];
    expect(new Set(forms.map(foldVietnamese))).toEqual(new Set(['quyet dinh']));
  });
  it('handles decomposed (NFD) input as typed on some keyboards', () => {
    expect(foldVietnamese('Như Xuân'.normalize('NFD'))).toBe('nhu xuan');
  });
});
