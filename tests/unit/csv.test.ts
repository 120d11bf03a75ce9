import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../../shared/csv';

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x.example","Tỉnh")')).toBe(`"'=HYPERLINK(""http://x.example"",""Tỉnh"")"`);
    expect(csvCell('+Huyện')).toBe("'+Huyện");
    expect(csvCell('@Xã')).toBe("'@Xã");
    expect(csvCell('-Xã A')).toBe("'-Xã A");
    expect(csvCell('\tTab')).toBe("'\tTab");
  });

  it('leaves numbers, including negative ones, and ordinary text as they are', () => {
    expect(csvCell(-0.05)).toBe('-0.05');
    expect(csvCell('-0.0500')).toBe('-0.0500');
    expect(csvCell('Xã Thanh Phong')).toBe('Xã Thanh Phong');
    expect(csvCell(null)).toBe('');
    expect(csvText([['a', 1]])).toBe('\ufeffa,1\r\n');
  });
});
