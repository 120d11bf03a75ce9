// A scan's stated resolution is believed unless the paper it gives is larger than any an
// office scans; then the page is the standard paper its proportions fit.
import { describe, expect, it } from 'vitest';
import { paperResolution } from '../../../electron/ocr/page-dpi';

describe('paper size inferred from an implausible stated resolution', () => {
  it('keeps a plausible stated resolution, even a low one', () => {
    expect(paperResolution(300, 2480, 3508)).toEqual({ dpi: 300, inferred: null });
    expect(paperResolution(72, 595, 842)).toEqual({ dpi: 72, inferred: null });
    expect(paperResolution(200, 2480, 3508)).toEqual({ dpi: 200, inferred: null }); // A3 at 200: still a paper
    expect(paperResolution(null, 2480, 3508)).toBeNull();
  });

  it('takes a 72 dpi A4 scan as A4 at 300 dpi, either way up', () => {
    expect(paperResolution(72, 2464, 3508)).toEqual({ dpi: 299, inferred: { paper: 'A4', statedDpi: 72 } });
    expect(paperResolution(72, 3508, 2464)).toEqual({ dpi: 299, inferred: { paper: 'A4', statedDpi: 72 } });
  });

  it('tells A3 and A5 apart by the usual scanning resolution', () => {
    expect(paperResolution(72, 3508, 4961)?.inferred?.paper).toBe('A3');
    expect(paperResolution(72, 3508, 4961)?.dpi).toBe(300);
    expect(paperResolution(96, 1748, 2480)).toEqual({ dpi: 300, inferred: { paper: 'A5', statedDpi: 96 } });
  });

  it('lays an image of no paper’s proportions out A4 wide', () => {
    // a phone photo, 3:4
    expect(paperResolution(72, 3024, 4032)).toEqual({ dpi: 366, inferred: { paper: 'A4', statedDpi: 72 } });
  });
});
