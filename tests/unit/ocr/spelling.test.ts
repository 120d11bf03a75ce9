import { describe, expect, it } from 'vitest';
import { impossibleSyllables } from '../../../electron/ocr/spelling';

describe('syllables Vietnamese cannot spell', () => {
  it('finds a stop-final syllable OCR left without its sắc or nặng tone', () => {
    expect(impossibleSyllables('Tình hình chuân bị trước Tết Nguyên đán At Ty năm 2025')).toEqual(['At']);
    expect(impossibleSyllables('dự án có sử dụng đât, câp điện')).toEqual(['đât', 'câp']);
  });

  it('passes what is spelt right, abbreviations and foreign words', () => {
    expect(impossibleSyllables('Tình hình chuẩn bị trước Tết Nguyên đán Bính Ngọ năm 2026')).toEqual([]);
    expect(impossibleSyllables('Phê duyệt kế hoạch lựa chọn nhà thầu gói thầu xây lắp; lệch, sách, tập')).toEqual([]);
    expect(impossibleSyllables('Số 23/TTr-UBND, CT UBND tỉnh, mạng internet')).toEqual([]);
    expect(impossibleSyllables('cấp Căn cước công dân gắn chip; bộ kit xét nghiệm')).toEqual([]);
  });
});
